package io.weft.tools.protolator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.junit.jupiter.api.Test;

/** The jsonpb rules and decorations of Fabric's JSON form, one at a time. */
class ProtolatorTest {

    @Test
    void scalarsFollowFabricsJsonpb() throws Exception {
        ChannelHeader ch = ChannelHeader.newBuilder().setType(3).setEpoch(7)
                .setTimestamp(Timestamp.newBuilder().setSeconds(1).setNanos(500_000_000)).build();
        JsonObject t = Protolator.toTree(ch);
        assertThat(t.get("type").getAsJsonPrimitive().isNumber()).isTrue();
        assertThat(t.get("epoch").getAsJsonPrimitive().isString()).isTrue(); // uint64 as a string
        assertThat(t.get("epoch").getAsString()).isEqualTo("7");
        assertThat(t.get("timestamp").getAsString()).isEqualTo("1970-01-01T00:00:01.500Z");
        assertThat(t.get("tls_cert_hash").isJsonNull()).isTrue(); // empty bytes
        assertThat(t.get("channel_id").getAsString()).isEmpty();
        assertThat(Protolator.fromJson(Protolator.toJson(ch), ChannelHeader.getDefaultInstance())).isEqualTo(ch);
    }

    @Test
    void uint32AboveIntMaxStaysUnsigned() throws Exception {
        BatchSize b = BatchSize.newBuilder().setAbsoluteMaxBytes(0xFFFFFFFF).build();
        assertThat(Protolator.toTree(b).get("absolute_max_bytes").getAsLong()).isEqualTo(4294967295L);
        assertThat(Protolator.fromJson(Protolator.toJson(b), BatchSize.getDefaultInstance())).isEqualTo(b);
    }

    @Test
    void unsetOneofMembersAreLeftOutAndEnumsAreNames() throws Exception {
        SignaturePolicy sp = SignaturePolicy.newBuilder().setSignedBy(0).build();
        assertThat(Protolator.toTree(sp).keySet()).containsExactly("signed_by");
        MSPPrincipal p = MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier("Org1MSP").setRole(MSPRole.MSPRoleType.PEER)
                        .build().toByteString()).build();
        JsonObject t = Protolator.toTree(p);
        assertThat(t.get("principal_classification").getAsString()).isEqualTo("ROLE");
        assertThat(t.getAsJsonObject("principal").get("role").getAsString()).isEqualTo("PEER");
    }

    @Test
    void configValuesAreTypedByTheirKeyAndPlace() throws Exception {
        ConfigGroup channel = ConfigGroup.newBuilder()
                .putValues("HashingAlgorithm", ConfigValue.newBuilder()
                        .setValue(HashingAlgorithm.newBuilder().setName("SHA256").build().toByteString()).build())
                .build();
        JsonObject t = Protolator.toTree(Config.newBuilder().setChannelGroup(channel).build());
        assertThat(t.getAsJsonObject("channel_group").getAsJsonObject("values").getAsJsonObject("HashingAlgorithm")
                .getAsJsonObject("value").get("name").getAsString()).isEqualTo("SHA256");

        ConfigGroup unknownValue = ConfigGroup.newBuilder().putValues("Mystery",
                ConfigValue.newBuilder().setValue(ByteString.copyFromUtf8("x")).build()).build();
        assertThatThrownBy(() -> Protolator.toTree(Config.newBuilder().setChannelGroup(unknownValue).build()))
                .hasMessageContaining("unknown Channel ConfigValue name: Mystery");
        ConfigGroup unknownGroup = ConfigGroup.newBuilder().putGroups("Mystery", ConfigGroup.getDefaultInstance())
                .build();
        assertThatThrownBy(() -> Protolator.toTree(Config.newBuilder().setChannelGroup(unknownGroup).build()))
                .hasMessageContaining("unknown channel group sub-group 'Mystery'");
    }

    @Test
    void policyValueIsTypedByPolicyType() throws Exception {
        ConfigPolicy cp = ConfigPolicy.newBuilder().setPolicy(Policy.newBuilder().setType(2)
                .setValue(ByteString.copyFromUtf8("?"))).build();
        assertThatThrownBy(() -> Protolator.toTree(cp)).hasMessageContaining("unable to decode policy type: 2");
        ConfigPolicy empty = ConfigPolicy.newBuilder().setPolicy(Policy.newBuilder().setType(2)).build();
        assertThat(Protolator.toTree(empty).getAsJsonObject("policy").get("value").isJsonNull()).isTrue();
    }

    @Test
    void payloadDataNeedsAHeader() throws Exception {
        Payload p = Payload.newBuilder().setData(ByteString.copyFromUtf8("x")).build();
        Envelope e = Envelope.newBuilder().setPayload(p.toByteString()).build();
        assertThatThrownBy(() -> Protolator.toTree(e))
                .hasMessageContaining("cannot determine payload type when header is missing");
        Payload odd = p.toBuilder().setHeader(Header.newBuilder().setChannelHeader(
                ChannelHeader.newBuilder().setType(42).build().toByteString())).build();
        assertThatThrownBy(() -> Protolator.toTree(odd)).hasMessageContaining("decoding type 42 is unimplemented");
    }

    @Test
    void jsonInputIsCheckedStrictly() {
        assertThatThrownBy(() -> Protolator.fromJson("{\"nope\": 1}", BatchSize.getDefaultInstance()))
                .hasMessageContaining("unknown field \"nope\"");
        assertThatThrownBy(() -> Protolator.fromJson("{\"max_message_count\": -1}", BatchSize.getDefaultInstance()))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> Protolator.fromJson("{\"payload\": \"AAAA\"}", Envelope.getDefaultInstance()))
                .hasMessageContaining("decoded message");
        assertThatThrownBy(() -> Protolator.fromJson("[", Envelope.getDefaultInstance()))
                .isInstanceOf(ProtolatorException.class);
    }

    @Test
    void camelCaseNamesAndNumbersAsStringsAreAccepted() throws Exception {
        BatchSize b = Protolator.fromJson("{\"maxMessageCount\": \"10\"}", BatchSize.getDefaultInstance());
        assertThat(b.getMaxMessageCount()).isEqualTo(10);
    }

    @Test
    void stringsAreEscapedAsGoDoes() throws Exception {
        String json = Protolator.toJson(HashingAlgorithm.newBuilder().setName("<a&b>\"\n").build());
        assertThat(json).isEqualTo("{\n\t\"name\": \"\\u003ca\\u0026b\\u003e\\\"\\n\"\n}\n");
    }

    @Test
    void typesAreFoundByProtobufName() {
        assertThat(ProtoTypes.find("common.Block")).isPresent();
        assertThat(ProtoTypes.find("protos.ProposalResponse")).isPresent();
        assertThat(ProtoTypes.find("etcdraft.ConfigMetadata")).isPresent();
        assertThat(ProtoTypes.find("common.Nope")).isEmpty();
    }
}
