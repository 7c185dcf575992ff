package io.weft.runtime.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hyperledger.fabric.protos.common.Block;

import io.weft.tools.configtxgen.ConfigtxgenException;
import io.weft.tools.configtxgen.ConfigtxgenProfiles;
import io.weft.tools.configtxgen.GenesisBlocks;
import io.weft.tools.cryptogen.CryptoConfig;
import io.weft.tools.cryptogen.Cryptogen;
import io.weft.tools.cryptogen.CryptogenException;

/**
 * The files of the dev network under its folder, made on first start and kept after: the crypto material of one
 * orderer and one peer organization (cryptogen), the channel's {@code configtx.yaml}, and the genesis block of
 * {@code mychannel} (configtxgen, profile {@code DevChannel}). Later starts reuse them, so the network keeps its
 * identities and its channel.
 */
public final class DevNetworkFiles {

    public static final String CHANNEL = "mychannel";
    static final String PROFILE = "DevChannel";

    private final Path dir;

    public DevNetworkFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** Makes what is missing; whether anything was made (a first start). */
    public boolean prepare() throws IOException {
        boolean made = false;
        if (!Files.isDirectory(cryptoDir())) {
            Path partial = dir.resolve("crypto-config.partial");
            deleteTree(partial);
            try {
                Cryptogen.generate(CryptoConfig.parse(resource("crypto-config.yaml")), partial);
            } catch (CryptogenException e) {
                throw new IOException("cannot make the dev network's crypto material: " + e.getMessage(), e);
            }
            Files.move(partial, cryptoDir()); // all or nothing: a crash mid-way leaves no half tree behind
            made = true;
        }
        if (!Files.isRegularFile(configtxYaml())) {
            Files.writeString(configtxYaml(), resource("configtx.yaml"));
            made = true;
        }
        if (!Files.isRegularFile(genesisBlock())) {
            Block genesis;
            try {
                genesis = GenesisBlocks.create(ConfigtxgenProfiles.load(configtxYaml()).profile(PROFILE), CHANNEL);
            } catch (ConfigtxgenException e) {
                throw new IOException("cannot make the genesis block of " + CHANNEL + ": " + e.getMessage(), e);
            }
            Path partial = dir.resolve(CHANNEL + ".block.partial");
            Files.write(partial, genesis.toByteArray());
            Files.move(partial, genesisBlock(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            made = true;
        }
        return made;
    }

    public Path dir() {
        return dir;
    }

    public Path cryptoDir() {
        return dir.resolve("crypto-config");
    }

    public Path configtxYaml() {
        return dir.resolve("configtx.yaml");
    }

    public Path genesisBlock() {
        return dir.resolve(CHANNEL + ".block");
    }

    public Path peerOrg() {
        return cryptoDir().resolve("peerOrganizations/org1.example.com");
    }

    public Path peerNode() {
        return peerOrg().resolve("peers/peer0.org1.example.com");
    }

    public Path peerAdminMsp() {
        return peerOrg().resolve("users/Admin@org1.example.com/msp");
    }

    public Path ordererNode() {
        return cryptoDir().resolve("ordererOrganizations/example.com/orderers/orderer.example.com");
    }

    public Path ordererAdmin() {
        return cryptoDir().resolve("ordererOrganizations/example.com/users/Admin@example.com");
    }

    private static String resource(String name) {
        try (InputStream in = DevNetworkFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the distribution lacks the dev network's " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
