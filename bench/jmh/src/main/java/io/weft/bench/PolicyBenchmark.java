package io.weft.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.channelconfig.ChannelConfig;
import io.weft.msp.LocalMsp;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.Msps;
import io.weft.policies.CompiledSignaturePolicy;
import io.weft.policies.Policy;
import io.weft.policies.PolicyDsl;
import io.weft.protoutil.SignedData;
import io.weft.testing.FabricVectors;

import org.hyperledger.fabric.protos.common.Block;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A 2-of-2 endorsement policy ({@code AND('Org1MSP.member','Org2MSP.member')}) evaluated over two
 * signatures made by the vectors' User1 of each org, with the channel's caching deserializer warm:
 * what the committer pays per endorsement policy check. Each evaluation verifies both signatures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PolicyBenchmark {

    private Policy policy;
    private List<SignedData> signatures;

    @Setup
    public void setUp() throws Exception {
        ChannelConfig channel = ChannelConfig.fromBlock(Block.parseFrom(FabricVectors.bytes("mychannel.block")),
                Bccsp.software(SwOptions.defaults()));
        policy = CompiledSignaturePolicy.compile(PolicyDsl.parse("AND('Org1MSP.member','Org2MSP.member')"),
                channel.deserializer());
        byte[] data = "a proposal response payload".getBytes(StandardCharsets.UTF_8);
        signatures = List.of(signed(data, "org1", "Org1MSP"), signed(data, "org2", "Org2MSP"));
        policy.evaluateSignedData(signatures); // warm: identities deserialized and validated once
    }

    private static SignedData signed(byte[] data, String org, String mspId) throws Exception {
        LocalMsp user = Msps.loadLocal(LocalMspSettings.of(FabricVectors.cryptoConfig().resolve("peerOrganizations/"
                + org + ".example.com/users/User1@" + org + ".example.com/msp"), mspId));
        return new SignedData(ByteString.copyFrom(data), user.signingIdentity().serialize(),
                ByteString.copyFrom(user.signingIdentity().sign(data)));
    }

    @Benchmark
    public List<SignedData> twoOfTwoSignaturePolicy() throws Exception {
        policy.evaluateSignedData(signatures);
        return signatures;
    }
}
