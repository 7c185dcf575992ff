package io.weft.runtime.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weft.channelconfig.ChannelConfig;
import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;

/** The dev network's files: made once, a channel config the peer and the orderer accept, kept on later starts. */
class DevNetworkFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFirstStartMakesCryptoAndAGenesisBlockThatLaterStartsKeep() throws Exception {
        DevNetworkFiles files = new DevNetworkFiles(dir);
        assertThat(files.prepare()).isTrue();

        assertThat(files.peerNode().resolve("msp/signcerts/peer0.org1.example.com-cert.pem")).isRegularFile();
        assertThat(files.peerNode().resolve("tls/server.key")).isRegularFile();
        assertThat(files.ordererNode().resolve("tls/server.crt")).isRegularFile();
        assertThat(files.peerAdminMsp().resolve("keystore")).isDirectory();
        assertThat(dir.resolve("crypto-config.partial")).doesNotExist();

        Block genesis = Block.parseFrom(Files.readAllBytes(files.genesisBlock()));
        ChannelConfig config = ChannelConfig.fromBlock(genesis, Bccsp.software(SwOptions.defaults()));
        assertThat(config.channelId()).isEqualTo(DevNetworkFiles.CHANNEL);
        config.requirePeerSupport();
        assertThat(config.application().orElseThrow().mspIds()).containsExactly("Org1MSP");
        assertThat(config.orderer().orElseThrow().orgs().values()).singleElement()
                .satisfies(o -> assertThat(o.endpoints()).containsExactly("127.0.0.1:7050"));

        byte[] before = Files.readAllBytes(files.genesisBlock());
        assertThat(files.prepare()).isFalse();
        assertThat(Files.readAllBytes(files.genesisBlock())).isEqualTo(before);
    }
}
