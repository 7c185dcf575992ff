package io.weft.scc.lscc;

import static io.weft.api.scc.testing.TestChannels.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.hyperledger.fabric.protos.peer.ChaincodeData;
import org.hyperledger.fabric.protos.peer.ChaincodeInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeQueryResponse;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.protobuf.ByteString;

import io.weft.api.scc.testing.TestChannels;
import io.weft.api.scc.testing.TestInvocation;
import io.weft.api.scc.testing.TestState;
import io.weft.lifecycle.legacy.LegacyPackage;
import io.weft.lifecycle.legacy.LegacyPackages;

class LsccTest {

    static final String DENIED = "failed evaluating policy on signed data during check policy [Admins]: [signature set did "
            + "not satisfy policy]";

    @TempDir
    Path fileSystemPath;
    Path dir;
    final TestChannels channels = new TestChannels();
    final TestState state = new TestState();
    Lscc lscc;

    @BeforeEach
    void open() throws Exception {
        dir = fileSystemPath.resolve("chaincodes");
        lscc = new Lscc(channels, LegacyPackages.open(dir));
    }

    /** A call on {@link TestChannels#CHANNEL}, with its simulation. */
    private TestInvocation onChannel(String... args) {
        TestInvocation inv = TestInvocation.of("lscc", args);
        inv.channelId = CHANNEL;
        inv.state = state;
        return inv;
    }

    private static TestInvocation install(ByteString pkg) {
        return new TestInvocation("lscc", ByteString.copyFromUtf8("install"), pkg);
    }

    private static void assertError(Response r, String message) {
        assertThat(r.getMessage()).isEqualTo(message);
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(r.getPayload()).isEmpty();
    }

    private static ByteString ok(Response r) {
        assertThat(r.getMessage()).isEmpty();
        assertThat(r.getStatus()).isEqualTo(200);
        return r.getPayload();
    }

    private void deploy(ChaincodeData cd) {
        state.pub.put(cd.getName(), cd.toByteString());
    }

    // --- dispatch ---

    @Test
    void noArguments() {
        assertError(lscc.invoke(TestInvocation.of("lscc")), "invalid number of arguments to lscc: 0");
    }

    @Test
    void unknownFunction() {
        TestInvocation inv = onChannel("start", "x");
        assertError(lscc.invoke(inv), "invalid function to lscc: start");
        assertThat(inv.aclChecks).isEmpty();
    }

    // --- install ---

    @Test
    void installWritesThePackage() throws Exception {
        ByteString pkg = TestPackages.cds("mycc", "1.0");
        TestInvocation inv = install(pkg);
        assertThat(ok(lscc.invoke(inv)).toStringUtf8()).isEqualTo("OK");
        assertThat(inv.aclChecks).containsExactly("lscc/Install@");
        assertThat(Files.readAllBytes(dir.resolve("mycc.1.0"))).isEqualTo(pkg.toByteArray());
    }

    @Test
    void installSignedPackage() throws Exception {
        ByteString pkg = TestPackages.signedCds("mycc", "1.0", TestPackages.POLICY);
        ok(lscc.invoke(install(pkg)));
        assertThat(Files.readAllBytes(dir.resolve("mycc.1.0"))).isEqualTo(pkg.toByteArray());
    }

    @Test
    void installTwice() {
        ok(lscc.invoke(install(TestPackages.cds("mycc", "1.0"))));
        assertError(lscc.invoke(install(TestPackages.cds("mycc", "1.0"))),
                "error installing chaincode code mycc:1.0(chaincode " + dir + "/mycc.1.0 exists)");
        ok(lscc.invoke(install(TestPackages.cds("mycc", "1.1"))));
    }

    @Test
    void installArgumentsAndAcl() {
        assertError(lscc.invoke(TestInvocation.of("lscc", "install")), "invalid number of arguments to lscc: 1");
        TestInvocation inv = install(TestPackages.cds("mycc", "1.0"));
        inv.deny = DENIED;
        assertError(lscc.invoke(inv), "access denied for [install]: " + DENIED);
        assertThat(dir.resolve("mycc.1.0")).doesNotExist();
    }

    @Test
    void installRefusesWhatIsNoPackage() {
        assertError(lscc.invoke(install(ByteString.copyFrom(new byte[] {(byte) 0xff}))),
                "could not unmarshal chaincode package to CDS or SignedCDS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-cc", "my cc", "my__cc", "cc-", "_lifecycle", "mycc ", "myc.c", "my\u00e9cc"})
    void installRefusesBadNames(String name) {
        assertError(lscc.invoke(install(TestPackages.cds(name, "1.0"))), "invalid chaincode name '" + name
                + "'. Names must start with an alphanumeric character and can only consist of alphanumerics, '_', and '-'");
    }

    @Test
    void installRefusesUnprintableNamesAsNoPackage() {
        // Fabric's package check (unicode.IsPrint) runs before the name check
        assertError(lscc.invoke(install(TestPackages.cds("mycc\n", "1.0"))),
                "could not unmarshal chaincode package to CDS or SignedCDS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1 0", "1:0", "v1\n", "1/0"})
    void installRefusesBadVersions(String version) {
        assertError(lscc.invoke(install(TestPackages.cds("mycc", version))), "invalid chaincode version '" + version
                + "'. Versions must not be empty and can only consist of alphanumerics, '_',  '-', '+', and '.'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lscc", "qscc", "cscc"})
    void installRefusesSystemChaincodeNames(String name) {
        assertError(lscc.invoke(install(TestPackages.cds(name, "1.0"))),
                "cannot install: " + name + " is the name of a system chaincode");
    }

    @Test
    void installAcceptsFabricsNameAndVersionAlphabet() {
        ok(lscc.invoke(install(TestPackages.cds("My-cc_2", "1.0-rc.1+build_7"))));
        assertThat(dir.resolve("My-cc_2.1.0-rc.1+build_7")).exists();
    }

    // --- getid, getccdata, getdepspec ---

    @ParameterizedTest
    @CsvSource({"getid,lscc/ChaincodeExists", "ChaincodeExists,lscc/ChaincodeExists",
        "getdepspec,lscc/GetDeploymentSpec", "GetDeploymentSpec,lscc/GetDeploymentSpec",
        "getccdata,lscc/GetChaincodeData", "GetChaincodeData,lscc/GetChaincodeData"})
    void deployedQueriesCheckArgumentsThenAclOnTheNamedChannel(String function, String resource) {
        assertError(lscc.invoke(onChannel(function, CHANNEL)), "invalid number of arguments to lscc: 2");
        assertError(lscc.invoke(onChannel(function, CHANNEL, "mycc", "x")), "invalid number of arguments to lscc: 4");

        TestInvocation inv = onChannel(function, "otherchannel", "mycc");
        inv.deny = DENIED;
        assertError(lscc.invoke(inv), "access denied for [" + function + "][otherchannel]: " + DENIED);
        assertThat(inv.aclChecks).containsExactly(resource + "@otherchannel");
        assertThat(state.reads).isEmpty();

        assertError(lscc.invoke(onChannel(function, CHANNEL, "mycc")), "could not find chaincode with name 'mycc'");

        TestInvocation noLedger = TestInvocation.of("lscc", function, "", "mycc");
        assertError(lscc.invoke(noLedger),
                "transaction not found: GET_STATE failed: transaction ID: txid: no ledger context");
        assertThat(noLedger.aclChecks).containsExactly(resource + "@");
    }

    @Test
    void getidAnswersTheName() {
        deploy(TestPackages.deployed("mycc", "1.0"));
        assertThat(ok(lscc.invoke(onChannel("getid", CHANNEL, "mycc"))).toStringUtf8()).isEqualTo("mycc");
        assertThat(ok(lscc.invoke(onChannel("ChaincodeExists", CHANNEL, "mycc"))).toStringUtf8()).isEqualTo("mycc");
        assertThat(state.reads).containsExactly("mycc", "mycc");
    }

    @Test
    void getidChecksTheStoredData() {
        state.pub.put("mycc", ByteString.copyFrom(new byte[] {(byte) 0xff}));
        assertError(lscc.invoke(onChannel("getid", CHANNEL, "mycc")), "error while marshalling: mycc");
        state.pub.put("mycc", TestPackages.deployed("other", "1.0").toByteString());
        assertError(lscc.invoke(onChannel("getid", CHANNEL, "mycc")), "chaincode name mismatch: mycc!=other");
    }

    @Test
    void getccdataAnswersTheStoredBytes() {
        ByteString stored = TestPackages.deployed("mycc", "1.0").toByteString();
        state.pub.put("mycc", stored);
        assertThat(ok(lscc.invoke(onChannel("getccdata", CHANNEL, "mycc")))).isEqualTo(stored);
        // not parsed: even a mismatching entry is handed out as stored
        state.pub.put("mycc", TestPackages.deployed("other", "1.0").toByteString());
        assertThat(ok(lscc.invoke(onChannel("GetChaincodeData", CHANNEL, "mycc"))))
                .isEqualTo(TestPackages.deployed("other", "1.0").toByteString());
    }

    @Test
    void getdepspecAnswersTheInstalledSpec() {
        ok(lscc.invoke(install(TestPackages.cds("mycc", "1.0"))));
        deploy(TestPackages.deployed("mycc", "1.0"));
        assertThat(ok(lscc.invoke(onChannel("getdepspec", CHANNEL, "mycc")))).isEqualTo(TestPackages.cds("mycc", "1.0"));
    }

    @Test
    void getdepspecOfASignedPackageIsTheInnerSpec() throws Exception {
        ByteString signed = TestPackages.signedCds("mycc", "1.0", TestPackages.POLICY);
        ok(lscc.invoke(install(signed)));
        deploy(TestPackages.deployed("mycc", "1.0").toBuilder().setData(LegacyPackage.parse(signed).data()).build());
        assertThat(ok(lscc.invoke(onChannel("GetDeploymentSpec", CHANNEL, "mycc"))))
                .isEqualTo(TestPackages.cds("mycc", "1.0"));
    }

    @Test
    void getdepspecFailures() {
        deploy(TestPackages.deployed("mycc", "1.0"));
        assertError(lscc.invoke(onChannel("getdepspec", CHANNEL, "mycc")),
                "invalid deployment spec: open " + dir + "/mycc.1.0: no such file or directory");

        ok(lscc.invoke(install(TestPackages.cds("mycc", "1.0"))));
        deploy(TestPackages.deployed("mycc", "1.0").toBuilder()
                .setData(TestPackages.data(TestPackages.sha256(ByteString.copyFromUtf8("other code")),
                        TestPackages.metadataHash("mycc", "1.0")))
                .build());
        assertError(lscc.invoke(onChannel("getdepspec", CHANNEL, "mycc")), "chaincode fingerprint mismatch: data mismatch");

        state.pub.put("mycc", TestPackages.deployed("other", "1.0").toByteString());
        assertError(lscc.invoke(onChannel("getdepspec", CHANNEL, "mycc")), "chaincode name mismatch: mycc!=other");
    }

    // --- getchaincodes ---

    @Test
    void getchaincodesListsDeployedChaincodes() throws Exception {
        ok(lscc.invoke(install(TestPackages.cds("installed", "1.0"))));
        deploy(TestPackages.deployed("installed", "1.0"));
        deploy(TestPackages.deployed("remote", "2.0").toBuilder().setEscc("myescc").build());
        state.pub.put("remote~collection", CollectionConfigPackage.getDefaultInstance().toByteString());

        TestInvocation inv = onChannel("getchaincodes");
        ChaincodeQueryResponse r = ChaincodeQueryResponse.parseFrom(ok(lscc.invoke(inv)));
        assertThat(inv.aclChecks).containsExactly("lscc/GetInstantiatedChaincodes@" + CHANNEL);
        assertThat(r.getChaincodesList()).containsExactly(
                ChaincodeInfo.newBuilder().setName("installed").setVersion("1.0").setPath("github.com/cc")
                        .setInput("args:\"init\"").setEscc("escc").setVscc("vscc").build(),
                ChaincodeInfo.newBuilder().setName("remote").setVersion("2.0").setEscc("myescc").setVscc("vscc").build());
    }

    @Test
    void getchaincodesFailures() {
        assertError(lscc.invoke(onChannel("getchaincodes", CHANNEL)), "invalid number of arguments to lscc: 2");

        TestInvocation inv = onChannel("GetChaincodes");
        inv.deny = DENIED;
        assertError(lscc.invoke(inv), "access denied for [GetChaincodes][" + CHANNEL + "]: " + DENIED);

        assertError(lscc.invoke(TestInvocation.of("lscc", "getchaincodes")),
                "GET_STATE_BY_RANGE failed: transaction ID: txid: no ledger context");

        state.pub.put("broken", ByteString.copyFrom(new byte[] {(byte) 0xff}));
        assertError(lscc.invoke(onChannel("getchaincodes")), LsccText.PROTO_PARSE_ERROR);
    }

    @Test
    void getchaincodesOnAnEmptyChannel() throws Exception {
        assertThat(ChaincodeQueryResponse.parseFrom(ok(lscc.invoke(onChannel("getchaincodes")))).getChaincodesCount())
                .isZero();
    }

    // --- getinstalledchaincodes ---

    @Test
    void getinstalledchaincodesListsThePackages() throws Exception {
        ok(lscc.invoke(install(TestPackages.cds("mycc", "1.0"))));
        TestInvocation inv = TestInvocation.of("lscc", "GetInstalledChaincodes");
        ChaincodeQueryResponse r = ChaincodeQueryResponse.parseFrom(ok(lscc.invoke(inv)));
        assertThat(inv.aclChecks).containsExactly("lscc/GetInstalledChaincodes@");
        assertThat(r.getChaincodesList()).containsExactly(ChaincodeInfo.newBuilder().setName("mycc").setVersion("1.0")
                .setPath("github.com/cc").setId(TestPackages.cdsId("mycc", "1.0")).build());
    }

    @Test
    void getinstalledchaincodesFailures() throws Exception {
        assertError(lscc.invoke(TestInvocation.of("lscc", "getinstalledchaincodes", "x")),
                "invalid number of arguments to lscc: 2");
        TestInvocation inv = TestInvocation.of("lscc", "getinstalledchaincodes");
        inv.deny = DENIED;
        assertError(lscc.invoke(inv), "access denied for [getinstalledchaincodes]: " + DENIED);
        Files.delete(dir);
        assertError(lscc.invoke(TestInvocation.of("lscc", "getinstalledchaincodes")),
                "open " + dir + ": no such file or directory");
    }

    // --- getcollectionsconfig ---

    @Test
    void getcollectionsconfigAnswersTheStoredPackage() {
        ByteString config = CollectionConfigPackage.newBuilder()
                .addConfig(org.hyperledger.fabric.protos.peer.CollectionConfig.getDefaultInstance()).build().toByteString();
        state.pub.put("mycc~collection", config);
        TestInvocation inv = onChannel("GetCollectionsConfig", "mycc");
        assertThat(ok(lscc.invoke(inv))).isEqualTo(config);
        assertThat(inv.aclChecks).containsExactly("lscc/GetCollectionsConfig@" + CHANNEL);
        assertThat(ok(lscc.invoke(onChannel("getcollectionsconfig", "mycc")))).isEqualTo(config);
    }

    @Test
    void getcollectionsconfigFailures() {
        assertError(lscc.invoke(onChannel("GetCollectionsConfig")), "invalid number of arguments to lscc: 1");
        assertError(lscc.invoke(onChannel("GetCollectionsConfig", CHANNEL, "mycc")),
                "invalid number of arguments to lscc: 3");
        TestInvocation inv = onChannel("getcollectionsconfig", "mycc");
        inv.deny = DENIED;
        assertError(lscc.invoke(inv), "access denied for [getcollectionsconfig]: " + DENIED);

        deploy(TestPackages.deployed("mycc", "1.0"));
        assertError(lscc.invoke(onChannel("GetCollectionsConfig", "mycc")),
                "collections config not defined for chaincode mycc");
        assertError(lscc.invoke(TestInvocation.of("lscc", "GetCollectionsConfig", "mycc")),
                "GET_STATE failed: transaction ID: txid: no ledger context");
    }

    // --- deploy, upgrade ---

    @ParameterizedTest
    @ValueSource(strings = {"deploy", "upgrade"})
    void deployIsReadOnlyOnV20Channels(String function) {
        TestInvocation inv = onChannel(function, CHANNEL, "spec");
        assertError(lscc.invoke(inv),
                "Channel '" + CHANNEL + "' has been migrated to the new lifecycle, LSCC is now read-only");
        assertThat(inv.aclChecks).isEmpty();
        assertThat(state.writes).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy", "upgrade"})
    void deployArgumentAndChannelChecks(String function) {
        assertError(lscc.invoke(onChannel(function, CHANNEL)), "invalid number of arguments to lscc: 2");
        assertError(lscc.invoke(onChannel(function, "", "spec")), "invalid channel name: ");
        assertError(lscc.invoke(onChannel(function, "nochannel", "spec")),
                "programming error, non-existent appplication config for channel 'nochannel'");
        channels.views.get(CHANNEL).mspIds = null;
        assertError(lscc.invoke(onChannel(function, CHANNEL, "spec")),
                "programming error, non-existent appplication config for channel '" + CHANNEL + "'");
    }
}
