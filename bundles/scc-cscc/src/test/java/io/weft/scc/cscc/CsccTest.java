package io.weft.scc.cscc;

import io.weft.api.scc.testing.TestChannels;
import io.weft.api.scc.testing.TestInvocation;
import static io.weft.api.scc.testing.TestChannels.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChannelInfo;
import org.hyperledger.fabric.protos.peer.ChannelQueryResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.protobuf.ByteString;

class CsccTest {

    private static final String DENIED = "Failed verifying that proposal's creator satisfies local MSP principal during "
            + "channelless check policy with policy [Admins]: [The identity is not an admin under this MSP [Org1MSP]]";

    private final TestChannels channels = new TestChannels();
    private final Cscc cscc = new Cscc(channels);

    private Response call(String... args) {
        return cscc.invoke(TestInvocation.of("cscc", args));
    }

    private static TestInvocation join(ByteString block) {
        return new TestInvocation("cscc", ByteString.copyFromUtf8("JoinChain"), block);
    }

    private static void assertError(Response r, String message) {
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(r.getMessage()).isEqualTo(message);
        assertThat(r.getPayload()).isEmpty();
    }

    private static ByteString ok(Response r) {
        assertThat(r.getMessage()).isEmpty();
        assertThat(r.getStatus()).isEqualTo(200);
        return r.getPayload();
    }

    /** The vectors' genesis block with its first envelope's payload changed. */
    private static Block withPayload(Payload payload) {
        Block g = TestChannels.genesis();
        return g.toBuilder().setData(BlockData.newBuilder()
                .addData(Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString())).build();
    }

    private static Payload genesisPayload() throws Exception {
        return Payload.parseFrom(Envelope.parseFrom(TestChannels.genesis().getData().getData(0)).getPayload());
    }

    private static Block withConfig(Config config) throws Exception {
        Payload p = genesisPayload();
        return withPayload(p.toBuilder().setData(ConfigEnvelope.parseFrom(p.getData()).toBuilder().setConfig(config)
                .build().toByteString()).build());
    }

    // --- JoinChain ---

    @Test
    void joinChain() {
        TestInvocation inv = join(ByteString.copyFrom(io.weft.testing.FabricVectors.bytes("mychannel.block")));
        Response r = cscc.invoke(inv);
        assertThat(ok(r)).isEmpty();
        assertThat(inv.aclChecks).containsExactly("cscc/JoinChain@");
        assertThat(channels.joined).hasSize(1);
        Block joined = channels.joined.get(0);
        assertThat(joined.getHeader()).isEqualTo(TestChannels.genesis().getHeader());
        assertThat(joined.getData()).isEqualTo(TestChannels.genesis().getData());
        // the transactions filter: one VALID code per transaction
        assertThat(joined.getMetadata().getMetadata(2)).isEqualTo(ByteString.copyFrom(new byte[] {0}));
    }

    @Test
    void joinKeepsAnExistingFilterAndPadsShortMetadata() {
        Block g = TestChannels.genesis();
        Block filtered = g.toBuilder().setMetadata(BlockMetadata.newBuilder().addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.EMPTY).addMetadata(ByteString.copyFrom(new byte[] {7}))).build();
        assertThat(Cscc.withTransactionsFilter(filtered)).isSameAs(filtered);
        Block bare = g.toBuilder().setMetadata(BlockMetadata.getDefaultInstance()).build();
        assertThat(Cscc.withTransactionsFilter(bare).getMetadata().getMetadataList())
                .containsExactly(ByteString.EMPTY, ByteString.EMPTY, ByteString.copyFrom(new byte[] {0}));
    }

    @Test
    void joinFailureIsTheJoinsMessage() {
        channels.joinFailure = "channel already exists";
        assertError(cscc.invoke(join(TestChannels.genesis().toByteString())), "channel already exists");
    }

    @Test
    void joinDenied() {
        TestInvocation inv = join(TestChannels.genesis().toByteString());
        inv.deny = DENIED;
        assertError(cscc.invoke(inv), "access denied for [JoinChain][mychannel]: [" + DENIED + "]");
        assertThat(channels.joined).isEmpty();
    }

    @Test
    void joinUndecodableBlock() {
        assertError(cscc.invoke(join(ByteString.copyFrom(new byte[] {(byte) 0xff}))),
                "Failed to reconstruct the genesis block, error unmarshalling Block: proto: cannot parse invalid wire-format data");
    }

    @Test
    void joinEmptyBlock() {
        // an empty argument decodes to an empty block in Go too (the <nil> check never fires for wire arguments)
        assertError(cscc.invoke(join(ByteString.EMPTY)),
                "\"JoinChain\" request failed to extract channel id from the block due to [failed to retrieve channel id - block is empty]");
    }

    @Test
    void joinBlockWithoutChannelId() {
        Block notEnvelope = Block.newBuilder().setData(BlockData.newBuilder().addData(ByteString.copyFrom(new byte[] {(byte) 0xff}))).build();
        assertError(cscc.invoke(join(notEnvelope.toByteString())), "\"JoinChain\" request failed to extract channel id from the block"
                + " due to [error unmarshalling Envelope: proto: cannot parse invalid wire-format data]");
        Block badPayload = Block.newBuilder().setData(BlockData.newBuilder().addData(Envelope.newBuilder()
                .setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff})).build().toByteString())).build();
        assertError(cscc.invoke(join(badPayload.toByteString())), "\"JoinChain\" request failed to extract channel id from the block"
                + " due to [error unmarshalling Payload: proto: cannot parse invalid wire-format data]");
        assertError(cscc.invoke(join(withPayload(Payload.getDefaultInstance()).toByteString())),
                "\"JoinChain\" request failed to extract channel id from the block due to [failed to retrieve channel id - payload header is empty]");
        Block badHeader = withPayload(Payload.newBuilder().setHeader(Header.newBuilder()
                .setChannelHeader(ByteString.copyFrom(new byte[] {(byte) 0xff}))).build());
        assertError(cscc.invoke(join(badHeader.toByteString())), "\"JoinChain\" request failed to extract channel id from the block"
                + " due to [error unmarshalling ChannelHeader: proto: cannot parse invalid wire-format data]");
    }

    private static String invalid(String why) {
        return "\"JoinChain\" for channelID = mychannel failed because of validation of configuration block, because of " + why;
    }

    @Test
    void joinNotAConfigBlock() throws Exception {
        Payload p = genesisPayload();
        ChannelHeader ch = ChannelHeader.parseFrom(p.getHeader().getChannelHeader()).toBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE).build();
        Block tx = withPayload(p.toBuilder().setHeader(p.getHeader().toBuilder().setChannelHeader(ch.toByteString())).build());
        assertError(cscc.invoke(join(tx.toByteString())),
                invalid("Bad configuration envelope: invalid type ENDORSER_TRANSACTION, expected CONFIG"));
        ChannelHeader odd = ch.toBuilder().setType(42).build();
        Block oddType = withPayload(p.toBuilder().setHeader(p.getHeader().toBuilder().setChannelHeader(odd.toByteString())).build());
        assertError(cscc.invoke(join(oddType.toByteString())), invalid("Bad configuration envelope: invalid type 42, expected CONFIG"));
        Block badData = withPayload(p.toBuilder().setData(ByteString.copyFrom(new byte[] {(byte) 0xff})).build());
        assertError(cscc.invoke(join(badData.toByteString())), invalid(
                "Bad configuration envelope: error unmarshalling message for type CONFIG: proto: cannot parse invalid wire-format data"));
        assertThat(channels.joined).isEmpty();
    }

    @Test
    void joinIncompleteConfig() throws Exception {
        Payload p = genesisPayload();
        Block noConfig = withPayload(p.toBuilder().setData(ConfigEnvelope.getDefaultInstance().toByteString()).build());
        assertError(cscc.invoke(join(noConfig.toByteString())), invalid("Nil config envelope Config"));
        assertError(cscc.invoke(join(withConfig(Config.getDefaultInstance()).toByteString())), invalid("Nil channel group"));
        assertError(cscc.invoke(join(withConfig(Config.newBuilder().setChannelGroup(ConfigGroup.getDefaultInstance()).build())
                .toByteString())), invalid("No channel configuration groups are available"));
        Config full = ConfigEnvelope.parseFrom(p.getData()).getConfig();
        Config noApp = full.toBuilder().setChannelGroup(full.getChannelGroup().toBuilder().removeGroups("Application")).build();
        assertError(cscc.invoke(join(withConfig(noApp).toByteString())),
                invalid("Invalid configuration block, missing Application configuration group"));
        assertThat(channels.joined).isEmpty();
    }

    @Test
    void joinValidatesBeforeTheAcl() throws Exception {
        TestInvocation inv = join(withConfig(Config.getDefaultInstance()).toByteString());
        inv.deny = DENIED;
        assertError(cscc.invoke(inv), invalid("Nil channel group"));
        assertThat(inv.aclChecks).isEmpty();
    }

    // --- GetConfigBlock ---

    @Test
    void getConfigBlock() throws Exception {
        TestInvocation inv = TestInvocation.of("cscc", "GetConfigBlock", CHANNEL);
        assertThat(Block.parseFrom(ok(cscc.invoke(inv)))).isEqualTo(TestChannels.genesis());
        assertThat(inv.aclChecks).containsExactly("cscc/GetConfigBlock@" + CHANNEL);
    }

    @Test
    void getConfigBlockErrors() {
        assertError(call("GetConfigBlock", "nochannel"), "Unknown channel ID, nochannel");
        assertError(call("GetConfigBlock", ""), "Unknown channel ID, ");
        TestInvocation inv = TestInvocation.of("cscc", "GetConfigBlock", CHANNEL);
        inv.deny = "no reader";
        assertError(cscc.invoke(inv), "access denied for [GetConfigBlock][mychannel]: no reader");
        channels.failing = "config block unreadable";
        assertError(call("GetConfigBlock", CHANNEL), "config block unreadable");
    }

    // --- GetChannelConfig ---

    @Test
    void getChannelConfig() throws Exception {
        TestInvocation inv = TestInvocation.of("cscc", "GetChannelConfig", CHANNEL);
        Config config = Config.parseFrom(ok(cscc.invoke(inv)));
        assertThat(config.getChannelGroup().getGroupsMap()).containsKey("Application");
        assertThat(config).isEqualTo(channels.views.get(CHANNEL).config());
        assertThat(inv.aclChecks).containsExactly("cscc/GetChannelConfig@" + CHANNEL);
    }

    @Test
    void getChannelConfigErrors() {
        TestInvocation empty = TestInvocation.of("cscc", "GetChannelConfig", "");
        assertError(cscc.invoke(empty), "empty channel name provided");
        assertThat(empty.aclChecks).isEmpty();
        assertError(call("GetChannelConfig", "nochannel"), "unknown channel ID, nochannel");
        TestInvocation inv = TestInvocation.of("cscc", "GetChannelConfig", CHANNEL);
        inv.deny = "no reader";
        assertError(cscc.invoke(inv), "access denied for [GetChannelConfig][mychannel]: no reader");
    }

    // --- GetChannels ---

    @Test
    void getChannels() throws Exception {
        TestInvocation inv = TestInvocation.of("cscc", "GetChannels");
        ChannelQueryResponse r = ChannelQueryResponse.parseFrom(ok(cscc.invoke(inv)));
        assertThat(r.getChannelsList()).containsExactly(ChannelInfo.newBuilder().setChannelId(CHANNEL).build());
        assertThat(inv.aclChecks).containsExactly("cscc/GetChannels@");
        channels.views.clear();
        assertThat(ChannelQueryResponse.parseFrom(ok(call("GetChannels"))).getChannelsList()).isEmpty();
    }

    @Test
    void getChannelsDenied() {
        TestInvocation inv = TestInvocation.of("cscc", "GetChannels", "extra");
        inv.deny = "not a member";
        assertError(cscc.invoke(inv), "access denied for [GetChannels]: not a member");
    }

    // --- join by snapshot ---

    @Test
    void joinBySnapshotIsNotSupported() {
        assertError(call("JoinChainBySnapshot", ""), "Cannot join the channel, no snapshot directory provided");
        TestInvocation inv = TestInvocation.of("cscc", "JoinChainBySnapshot", "/snapshots/mychannel/10");
        assertError(cscc.invoke(inv), "JoinChainBySnapshot is not supported by Weft yet");
        assertThat(inv.aclChecks).containsExactly("cscc/JoinChainBySnapshot@");
        inv = TestInvocation.of("cscc", "JoinChainBySnapshot", "/snapshots/mychannel/10");
        inv.deny = DENIED;
        assertError(cscc.invoke(inv), "access denied for [JoinChainBySnapshot]: [" + DENIED + "]");
        inv = TestInvocation.of("cscc", "JoinBySnapshotStatus");
        assertError(cscc.invoke(inv), "JoinChainBySnapshot is not supported by Weft yet");
        assertThat(inv.aclChecks).containsExactly("cscc/JoinBySnapshotStatus@");
        inv.deny = DENIED;
        assertError(cscc.invoke(inv), "access denied for [JoinBySnapshotStatus]: " + DENIED);
    }

    // --- argument errors ---

    @Test
    void argumentCounts() {
        assertError(call(), "Incorrect number of arguments, 0");
        for (String fn : List.of("JoinChain", "JoinChainBySnapshot", "GetConfigBlock", "GetChannelConfig", "Nope")) {
            assertError(call(fn), "Incorrect number of arguments, 1");
        }
    }

    @Test
    void unknownFunction() {
        TestInvocation inv = TestInvocation.of("cscc", "Nope", CHANNEL);
        assertError(cscc.invoke(inv), "Requested function Nope not found.");
        assertThat(inv.aclChecks).isEmpty();
    }

    // --- chaincode to chaincode ---

    @ParameterizedTest
    @ValueSource(strings = {"JoinChain", "GetConfigBlock", "GetChannelConfig", "GetChannels", "JoinBySnapshotStatus"})
    void refusesChaincodeToChaincode(String fn) {
        TestInvocation inv = TestInvocation.of("mycc", fn, CHANNEL).calledByChaincode();
        assertError(cscc.invoke(inv), "Rejecting invoke of CSCC from another chaincode, original invocation for 'mycc'");
        assertThat(inv.aclChecks).isEmpty();
        assertThat(channels.joined).isEmpty();
    }

    @Test
    void argumentCountBeforeChaincodeToChaincode() {
        assertError(cscc.invoke(TestInvocation.of("mycc", "GetConfigBlock").calledByChaincode()), "Incorrect number of arguments, 1");
    }

    @Test
    void unidentifiableCaller() {
        TestInvocation inv = TestInvocation.of("mycc", "GetChannels").calledByChaincode();
        inv.proposal = org.hyperledger.fabric.protos.peer.Proposal.newBuilder().setPayload(
                org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload.newBuilder()
                        .setInput(ByteString.copyFrom(new byte[] {(byte) 0xff})).build().toByteString()).build();
        assertError(cscc.invoke(inv), "Failed to identify the called chaincode: could not unmarshal chaincode invocation spec: "
                + "proto: cannot parse invalid wire-format data");
    }
}
