package io.weft.tools.configtxgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import io.weft.protoutil.BlockHashes;
import io.weft.protoutil.TxIds;
import io.weft.testing.FabricVectors;
import io.weft.tools.protolator.Protolator;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** configtxgen against the artifacts Fabric v2.4.9's configtxgen made from the same configtx.yaml. */
class ConfigtxgenVectorsTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int configtxgen(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-configPath";
        all[1] = FabricVectors.root().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return ConfigtxgenMain.run(all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Fabric's tree minus what differs on every run: timestamp, nonce, tx id and the data hash over them. */
    private static JsonObject stable(Message msg) throws Exception {
        JsonObject tree = Protolator.toTree(msg);
        JsonObject envelope = tree.has("data")
                ? tree.getAsJsonObject("data").getAsJsonArray("data").get(0).getAsJsonObject() : tree;
        JsonObject header = envelope.getAsJsonObject("payload").getAsJsonObject("header");
        header.getAsJsonObject("channel_header").remove("timestamp");
        header.getAsJsonObject("channel_header").remove("tx_id");
        if (header.get("signature_header").isJsonObject()) {
            header.getAsJsonObject("signature_header").remove("nonce");
        }
        if (tree.has("header")) {
            tree.getAsJsonObject("header").remove("data_hash");
        }
        return tree;
    }

    private void assertSameAsFabric(Path ours, String vector, Message prototype) throws Exception {
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        Message mine = prototype.getParserForType().parseFrom(Files.readAllBytes(ours));
        Message fabric = prototype.getParserForType().parseFrom(Files.readAllBytes(FabricVectors.file(vector)));
        JsonElement expected = stable(fabric);
        assertThat(stable(mine)).isEqualTo(expected);
    }

    @Test
    void applicationChannelGenesisBlock() throws Exception {
        Path block = tmp.resolve("out/mychannel.block");
        assertThat(configtxgen("-profile", "TwoOrgsApplicationGenesis", "-channelID", "mychannel",
                "-outputBlock", block.toString())).isZero();
        assertSameAsFabric(block, "mychannel.block", Block.getDefaultInstance());

        Block b = Block.parseFrom(Files.readAllBytes(block));
        assertThat(b.getHeader().getDataHash().toByteArray()).isEqualTo(BlockHashes.dataHash(b.getData()));
        Payload p = Payload.parseFrom(Envelope.parseFrom(b.getData().getData(0)).getPayload());
        ChannelHeader ch = ChannelHeader.parseFrom(p.getHeader().getChannelHeader());
        SignatureHeader sh = SignatureHeader.parseFrom(p.getHeader().getSignatureHeader());
        assertThat(sh.getNonce().size()).isEqualTo(24);
        assertThat(ch.getTxId()).isEqualTo(TxIds.compute(sh.getNonce(), ByteString.EMPTY));
        assertThat(ch.getTimestamp().getNanos()).isZero();
    }

    @Test
    void legacySystemChannelGenesisBlock() throws Exception {
        Path block = tmp.resolve("system.block");
        assertThat(configtxgen("-profile", "TwoOrgsOrdererGenesis14", "-channelID", "system-channel",
                "-outputBlock", block.toString())).isZero();
        assertSameAsFabric(block, "system-genesis-1.4.block", Block.getDefaultInstance());
    }

    @Test
    void channelCreationTx() throws Exception {
        Path tx = tmp.resolve("legacychannel.tx");
        assertThat(configtxgen("-profile", "TwoOrgsChannel14", "-channelID", "legacychannel",
                "-outputCreateChannelTx", tx.toString())).isZero();
        assertSameAsFabric(tx, "legacychannel.tx", Envelope.getDefaultInstance());
    }

    @Test
    void anchorPeersUpdate() throws Exception {
        Path tx = tmp.resolve("anchors.tx");
        assertThat(configtxgen("-profile", "TwoOrgsChannel14", "-channelID", "legacychannel",
                "-outputAnchorPeersUpdate", tx.toString(), "-asOrg", "Org1MSP")).isZero();
        assertSameAsFabric(tx, "Org1MSPanchors.tx", Envelope.getDefaultInstance());
    }

    @Test
    void inspectBlockPrintsFabricsJson() throws Exception {
        assertThat(configtxgen("-inspectBlock", FabricVectors.file("mychannel.block").toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(FabricVectors.file("mychannel.block.json")));
    }

    @Test
    void inspectChannelCreateTxPrintsFabricsJson() throws Exception {
        assertThat(configtxgen("-inspectChannelCreateTx", FabricVectors.file("legacychannel.tx").toString()))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(FabricVectors.file("legacychannel.tx.json")));
    }

    @Test
    void printOrgMatchesTheOrdererOrgInTheGenesisBlock() throws Exception {
        assertThat(configtxgen("-printOrg", "OrdererOrg")).isZero();
        JsonObject fabric = JsonParser.parseString(Files.readString(FabricVectors.file("mychannel.block.json")))
                .getAsJsonObject();
        JsonElement ordererOrg = fabric.getAsJsonObject("data").getAsJsonArray("data").get(0).getAsJsonObject()
                .getAsJsonObject("payload").getAsJsonObject("data").getAsJsonObject("config")
                .getAsJsonObject("channel_group").getAsJsonObject("groups").getAsJsonObject("Orderer")
                .getAsJsonObject("groups").get("OrdererOrg");
        assertThat(JsonParser.parseString(out.toString(StandardCharsets.UTF_8))).isEqualTo(ordererOrg);
    }
}
