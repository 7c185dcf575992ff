package io.weft.scc.qscc;

import io.weft.api.scc.testing.TestChannels;
import io.weft.api.scc.testing.TestInvocation;
import static io.weft.api.scc.testing.TestChannels.CHANNEL;
import static io.weft.api.scc.testing.TestChannels.TX1;
import static org.assertj.core.api.Assertions.assertThat;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.protobuf.ByteString;

class QsccTest {

    private final TestChannels channels = new TestChannels();
    private final Qscc qscc = new Qscc(channels);

    private Response call(String... args) {
        return qscc.invoke(TestInvocation.of("qscc", args));
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

    // --- success payloads ---

    @Test
    void getChainInfo() throws Exception {
        TestInvocation inv = TestInvocation.of("qscc", "GetChainInfo", CHANNEL);
        BlockchainInfo info = BlockchainInfo.parseFrom(ok(qscc.invoke(inv)));
        assertThat(info.getHeight()).isEqualTo(2);
        assertThat(info.getCurrentBlockHash()).isEqualTo(channels.views.get(CHANNEL).info().getCurrentBlockHash());
        assertThat(inv.aclChecks).containsExactly("qscc/GetChainInfo@" + CHANNEL);
    }

    @Test
    void getBlockByNumber() throws Exception {
        Block genesis = Block.parseFrom(ok(call("GetBlockByNumber", CHANNEL, "0")));
        assertThat(genesis).isEqualTo(TestChannels.genesis());
        assertThat(Block.parseFrom(ok(call("GetBlockByNumber", CHANNEL, "1"))).getHeader().getNumber()).isEqualTo(1);
    }

    @Test
    void getBlockByNumberMaxUint64IsNewest() throws Exception {
        Block newest = Block.parseFrom(ok(call("GetBlockByNumber", CHANNEL, "18446744073709551615")));
        assertThat(newest.getHeader().getNumber()).isEqualTo(1);
    }

    @Test
    void getBlockByHash() throws Exception {
        Block genesis = TestChannels.genesis();
        TestInvocation inv = new TestInvocation("qscc", ByteString.copyFromUtf8("GetBlockByHash"),
                ByteString.copyFromUtf8(CHANNEL), TestChannels.hash(genesis));
        assertThat(Block.parseFrom(ok(qscc.invoke(inv)))).isEqualTo(genesis);
        assertThat(inv.aclChecks).containsExactly("qscc/GetBlockByHash@" + CHANNEL);
    }

    @Test
    void getTransactionById() throws Exception {
        ProcessedTransaction tx = ProcessedTransaction.parseFrom(ok(call("GetTransactionByID", CHANNEL, TX1)));
        assertThat(tx.getValidationCode()).isEqualTo(TxValidationCode.VALID_VALUE);
        assertThat(tx.getTransactionEnvelope()).isEqualTo(TestChannels.endorserTx(TX1));
    }

    @Test
    void getBlockByTxId() throws Exception {
        Block b = Block.parseFrom(ok(call("GetBlockByTxID", CHANNEL, TX1)));
        assertThat(b.getHeader().getNumber()).isEqualTo(1);
    }

    // --- argument errors, in Fabric's order ---

    @Test
    void tooFewArguments() {
        assertError(call(), "Incorrect number of arguments, 0");
        assertError(call("GetChainInfo"), "Incorrect number of arguments, 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GetBlockByNumber", "GetBlockByHash", "GetTransactionByID", "GetBlockByTxID", "Nope"})
    void missingThirdArgument(String fn) {
        assertError(call(fn, CHANNEL), "missing 3rd argument for " + fn);
        // checked before the channel
        assertError(call(fn, "nochannel"), "missing 3rd argument for " + fn);
    }

    @Test
    void unknownOrEmptyChannel() {
        assertError(call("GetChainInfo", "nochannel"), "Invalid chain ID, nochannel");
        assertError(call("GetChainInfo", ""), "Invalid chain ID, ");
        assertError(call("GetBlockByNumber", "nochannel", "0"), "Invalid chain ID, nochannel");
    }

    @Test
    void unknownFunction() {
        TestInvocation inv = TestInvocation.of("qscc", "Nope", CHANNEL, "x");
        assertError(qscc.invoke(inv), "Requested function Nope not found.");
        assertThat(inv.aclChecks).containsExactly("qscc/Nope@" + CHANNEL);
    }

    @Test
    void badBlockNumbers() {
        assertError(call("GetBlockByNumber", CHANNEL, "abc"),
                "Failed to parse block number with error strconv.ParseUint: parsing \"abc\": invalid syntax");
        assertError(call("GetBlockByNumber", CHANNEL, ""),
                "Failed to parse block number with error strconv.ParseUint: parsing \"\": invalid syntax");
        assertError(call("GetBlockByNumber", CHANNEL, "-1"),
                "Failed to parse block number with error strconv.ParseUint: parsing \"-1\": invalid syntax");
        assertError(call("GetBlockByNumber", CHANNEL, "18446744073709551616"),
                "Failed to parse block number with error strconv.ParseUint: parsing \"18446744073709551616\": value out of range");
        assertError(call("GetBlockByNumber", CHANNEL, "1\n"),
                "Failed to parse block number with error strconv.ParseUint: parsing \"1\\n\": invalid syntax");
    }

    @Test
    void parseUint64MatchesGo() {
        assertThat(GoText.parseUint64(ByteString.copyFromUtf8("18446744073709551615"))).isEqualTo(-1L);
        assertThat(GoText.parseUint64(ByteString.copyFromUtf8("9223372036854775808"))).isEqualTo(Long.MIN_VALUE);
        assertThat(GoText.parseUint64(ByteString.copyFromUtf8("007"))).isEqualTo(7L);
        // the first problem from the left wins: overflow before the letter
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> GoText.parseUint64(ByteString.copyFromUtf8("999999999999999999999x")))
                .hasMessageEndingWith("value out of range");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoText.parseUint64(ByteString.copyFromUtf8("+1")))
                .hasMessageEndingWith("invalid syntax");
    }

    @Test
    void notFound() {
        assertError(call("GetBlockByNumber", CHANNEL, "5"), "Failed to get block number 5, error no such block number [5] in index");
        assertError(call("GetTransactionByID", CHANNEL, "nope"),
                "Failed to get transaction with id nope, error no such transaction ID [nope] in index");
        assertError(call("GetTransactionByID", CHANNEL, ""),
                "Failed to get transaction with id , error no such transaction ID [] in index");
        assertError(call("GetBlockByTxID", CHANNEL, "nope"),
                "Failed to get block for txID nope, error no such transaction ID [nope] in index");
        TestInvocation inv = new TestInvocation("qscc", ByteString.copyFromUtf8("GetBlockByHash"),
                ByteString.copyFromUtf8(CHANNEL), ByteString.copyFromUtf8("ab"));
        assertError(qscc.invoke(inv), "Failed to get block hash ab, error no such block hash [6162] in index");
    }

    @Test
    void ledgerFailures() {
        channels.failing = "disk on fire";
        assertError(call("GetChainInfo", CHANNEL), "Failed to get block info with error disk on fire");
        assertError(call("GetBlockByNumber", CHANNEL, "1"), "Failed to get block number 1, error disk on fire");
        assertError(call("GetBlockByNumber", CHANNEL, "18446744073709551615"),
                "Failed to get block number 18446744073709551615, error disk on fire");
        assertError(call("GetBlockByHash", CHANNEL, "h"), "Failed to get block hash h, error disk on fire");
        assertError(call("GetTransactionByID", CHANNEL, TX1), "Failed to get transaction with id tx1, error disk on fire");
        assertError(call("GetBlockByTxID", CHANNEL, TX1), "Failed to get block for txID tx1, error disk on fire");
    }

    // --- ACL ---

    @ParameterizedTest
    @ValueSource(strings = {"GetChainInfo", "GetBlockByNumber", "GetBlockByHash", "GetTransactionByID", "GetBlockByTxID"})
    void accessDenied(String fn) {
        TestInvocation inv = TestInvocation.of("qscc", fn, CHANNEL, "0");
        inv.deny = "failed evaluating policy on signed data during check policy on channel [mychannel] with policy "
                + "[/Channel/Application/Readers]: [implicit policy evaluation failed]";
        assertError(qscc.invoke(inv), "access denied for [" + fn + "][" + CHANNEL + "]: [" + inv.deny + "]");
        assertThat(inv.aclChecks).containsExactly("qscc/" + fn + "@" + CHANNEL);
    }

    @Test
    void aclCheckedAfterChannelExists() {
        TestInvocation inv = TestInvocation.of("qscc", "GetChainInfo", "nochannel");
        inv.deny = "no";
        assertError(qscc.invoke(inv), "Invalid chain ID, nochannel");
        assertThat(inv.aclChecks).isEmpty();
    }

    // --- chaincode to chaincode ---

    @Test
    void refusesChaincodeToChaincode() {
        TestInvocation inv = TestInvocation.of("mycc", "GetChainInfo", CHANNEL).calledByChaincode();
        assertError(qscc.invoke(inv), "Rejecting invoke of QSCC from another chaincode because of potential for deadlocks,"
                + " original invocation for 'mycc'");
        assertThat(inv.aclChecks).isEmpty();
        // refused before the third argument is looked for, after the argument count
        assertError(qscc.invoke(TestInvocation.of("mycc", "GetBlockByNumber", CHANNEL).calledByChaincode()),
                "Rejecting invoke of QSCC from another chaincode because of potential for deadlocks, original invocation for 'mycc'");
        assertError(qscc.invoke(TestInvocation.of("mycc", "GetChainInfo").calledByChaincode()), "Incorrect number of arguments, 1");
    }

    @Test
    void unidentifiableCaller() {
        TestInvocation inv = TestInvocation.of("mycc", "GetChainInfo", CHANNEL).calledByChaincode();
        inv.proposal = org.hyperledger.fabric.protos.peer.Proposal.newBuilder()
                .setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff})).build();
        assertError(qscc.invoke(inv), "Failed to identify the called chaincode: could not unmarshal chaincode proposal payload: "
                + "proto: cannot parse invalid wire-format data");
        inv.proposal = org.hyperledger.fabric.protos.peer.Proposal.newBuilder().build();
        assertError(qscc.invoke(inv), "Failed to identify the called chaincode: chaincode spec is nil");
    }
}
