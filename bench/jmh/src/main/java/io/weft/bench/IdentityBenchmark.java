package io.weft.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.msp.CachingIdentityDeserializer;
import io.weft.msp.Identity;
import io.weft.channelconfig.ChannelConfig;
import io.weft.msp.MspManager;
import io.weft.msp.Msps;
import io.weft.testing.FabricVectors;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Deserialize-and-validate of a creator identity (User1@org1 from the Fabric vectors) against the channel MSPs of
 * {@code mychannel.block}: through a warm {@link CachingIdentityDeserializer}, as the peer does per transaction, and
 * cold, where every operation parses the certificate and validates its chain again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IdentityBenchmark {

    private MspManager manager;
    private CachingIdentityDeserializer cache;
    private ByteString serialized;

    @Setup
    public void setUp() throws Exception {
        Path vectors = FabricVectors.root();
        manager = ChannelConfig.fromBlock(Block.parseFrom(FabricVectors.bytes("mychannel.block")),
                Bccsp.software(SwOptions.defaults())).mspManager();
        Path cert = vectors.resolve("crypto-config/peerOrganizations/org1.example.com/users/User1@org1.example.com"
                + "/msp/signcerts/User1@org1.example.com-cert.pem");
        serialized = SerializedIdentity.newBuilder()
                .setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFrom(Files.readAllBytes(cert)))
                .build()
                .toByteString();
        cache = Msps.caching(manager, 1000);
        cache.deserializeValid(serialized); // warm: the measured calls hit the cache
    }

    @Benchmark
    public Identity cachedDeserializeValidate() throws Exception {
        return cache.deserializeValid(serialized);
    }

    @Benchmark
    public Identity coldDeserializeValidate() throws Exception {
        Identity id = manager.deserializeIdentity(serialized);
        id.validate();
        return id;
    }
}
