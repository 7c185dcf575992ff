package io.weft.runtime.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.hyperledger.fabric.protos.common.Configtx;
import org.hyperledger.fabric.protos.peer.Chaincode.ChaincodeID;
import org.hyperledger.fabric.protos.peer.Policy;
import org.hyperledger.fabric.protos.peer.ProposalPackage;
import org.hyperledger.fabric.protos.peer.ProposalResponsePackage;
import org.hyperledger.fabric.protos.peer.TransactionPackage.TxValidationCode;
import org.hyperledger.fabric.sdk.BlockEvent;
import org.hyperledger.fabric.sdk.BlockEvent.TransactionEvent;
import org.hyperledger.fabric.sdk.BlockInfo;
import org.hyperledger.fabric.sdk.BlockchainInfo;
import org.hyperledger.fabric.sdk.ChaincodeEvent;
import org.hyperledger.fabric.sdk.ChaincodeResponse;
import org.hyperledger.fabric.sdk.Channel;
import org.hyperledger.fabric.sdk.HFClient;
import org.hyperledger.fabric.sdk.LifecycleApproveChaincodeDefinitionForMyOrgRequest;
import org.hyperledger.fabric.sdk.LifecycleChaincodePackage;
import org.hyperledger.fabric.sdk.LifecycleCheckCommitReadinessRequest;
import org.hyperledger.fabric.sdk.LifecycleCommitChaincodeDefinitionRequest;
import org.hyperledger.fabric.sdk.LifecycleInstallChaincodeProposalResponse;
import org.hyperledger.fabric.sdk.LifecycleInstallChaincodeRequest;
import org.hyperledger.fabric.sdk.LifecycleQueryChaincodeDefinitionProposalResponse;
import org.hyperledger.fabric.sdk.Orderer;
import org.hyperledger.fabric.sdk.Peer;
import org.hyperledger.fabric.sdk.ProposalResponse;
import org.hyperledger.fabric.sdk.QueryByChaincodeRequest;
import org.hyperledger.fabric.sdk.QueryLifecycleQueryChaincodeDefinitionRequest;
import org.hyperledger.fabric.sdk.SDKUtils;
import org.hyperledger.fabric.sdk.TransactionInfo;
import org.hyperledger.fabric.sdk.TransactionProposalRequest;
import org.hyperledger.fabric.sdk.exception.TransactionEventException;
import org.hyperledger.fabric.sdk.security.CryptoSuite;

/**
 * What an application on the legacy fabric-sdk-java does against the dev network, run by {@code SdkDevNetworkIT} in
 * the SDK's own class loader: given the test's folder ({@code weft-dev/} and the Java chaincode package
 * {@code kv.tar.gz}), it connects to the peer and the orderer over TLS with the dev network's TLS CAs, installs,
 * approves and commits chaincode {@code kv} as Org1's admin, submits a transaction as User1 and sees it committed
 * VALID with its chaincode event and block delivered, reads it back through qscc, sees a failing proposal reported
 * with the peer's status and message, the same transaction sent again rejected at commit as a duplicate, a
 * submission reported through filtered blocks, and the same channel config read from the orderer and the peer.
 */
public final class DevNetworkThroughSdk implements Consumer<Path> {

    private static final String CHANNEL = "mychannel";
    private static final String CHAINCODE = "kv";
    private static final long WAIT_SECONDS = 60;
    /** The first invocation launches the chaincode process through the Java builder. */
    private static final long LAUNCH_WAIT_MS = 120_000;

    private Path crypto;
    private HFClient client;
    private Channel channel;
    private Peer peer;
    private Orderer orderer;
    private MspUser admin;
    private MspUser user;

    @Override
    public void accept(Path work) {
        try {
            connect(work.resolve("weft-dev/crypto-config"));
            defineChaincode(Files.readAllBytes(work.resolve("kv.tar.gz")));
            Collection<ProposalResponse> endorsed = submitAndWatchEvents();
            readBackThroughQscc(endorsed.iterator().next().getTransactionID());
            failingProposalIsReported();
            resubmissionIsADuplicate(endorsed);
            filteredEventsReportACommit();
            channelConfigFromOrdererIsThePeers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (channel != null) {
                channel.shutdown(true);
            }
        }
    }

    private void connect(Path crypto) throws Exception {
        this.crypto = crypto;
        Path org1 = crypto.resolve("peerOrganizations/org1.example.com");
        admin = MspUser.load(org1.resolve("users/Admin@org1.example.com/msp"), "admin", "Org1MSP");
        user = MspUser.load(org1.resolve("users/User1@org1.example.com/msp"), "user1", "Org1MSP");
        client = newClient();
        channel = openChannel(client, Channel.PeerOptions.createPeerOptions());
        peer = channel.getPeers().iterator().next();
        orderer = channel.getOrderers().iterator().next();
    }

    private HFClient newClient() throws Exception {
        HFClient c = HFClient.createNewInstance();
        c.setCryptoSuite(CryptoSuite.Factory.getCryptoSuite());
        c.setUserContext(user);
        return c;
    }

    /**
     * mychannel with the dev peer (every role but discovery, which Weft does not serve; events as {@code options} ask)
     * and the dev orderer, both over TLS with their TLS CA.
     */
    private Channel openChannel(HFClient c, Channel.PeerOptions options) throws Exception {
        Path org1 = crypto.resolve("peerOrganizations/org1.example.com");
        Channel ch = c.newChannel(CHANNEL);
        ch.addPeer(c.newPeer("peer0.org1.example.com", "grpcs://127.0.0.1:7051", tls(
                org1.resolve("peers/peer0.org1.example.com/tls/ca.crt"), "peer0.org1.example.com")),
                options.setPeerRoles(EnumSet.of(Peer.PeerRole.ENDORSING_PEER, Peer.PeerRole.CHAINCODE_QUERY,
                        Peer.PeerRole.LEDGER_QUERY, Peer.PeerRole.EVENT_SOURCE)));
        ch.addOrderer(c.newOrderer("orderer.example.com", "grpcs://127.0.0.1:7050", tls(
                crypto.resolve("ordererOrganizations/example.com/orderers/orderer.example.com/tls/ca.crt"),
                "orderer.example.com")));
        return ch.initialize();
    }

    private static Properties tls(Path ca, String hostname) throws IOException {
        Properties p = new Properties();
        p.put("pemBytes", Files.readAllBytes(ca));
        p.setProperty("hostnameOverride", hostname);
        p.setProperty("negotiationType", "TLS");
        p.setProperty("sslProvider", "JDK");
        return p;
    }

    /**
     * Install, approve for Org1, check commit readiness and commit {@code kv} 1.0 with the channel's default policy, as
     * Org1's admin; the committed definition read back.
     */
    private void defineChaincode(byte[] pkg) throws Exception {
        LifecycleInstallChaincodeRequest install = client.newLifecycleInstallChaincodeRequest();
        install.setLifecycleChaincodePackage(LifecycleChaincodePackage.fromBytes(pkg));
        install.setUserContext(admin);
        install.setProposalWaitTime(LAUNCH_WAIT_MS);
        Collection<LifecycleInstallChaincodeProposalResponse> installed =
                client.sendLifecycleInstallChaincodeRequest(install, List.of(peer));
        assertSucceeded(installed);
        String packageId = installed.iterator().next().getPackageId();
        // Fabric's package ID: the label and the SHA-256 of the package as installed
        assertThat(packageId).isEqualTo("kv_1:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(pkg)));

        LifecycleApproveChaincodeDefinitionForMyOrgRequest approve =
                client.newLifecycleApproveChaincodeDefinitionForMyOrgRequest();
        approve.setChaincodeName(CHAINCODE);
        approve.setChaincodeVersion("1.0");
        approve.setSequence(1);
        approve.setPackageId(packageId);
        approve.setUserContext(admin);
        assertCommittedValid(channel.sendTransaction(assertSucceeded(
                channel.sendLifecycleApproveChaincodeDefinitionForMyOrgProposal(approve, List.of(peer))), asAdmin())
                .get(WAIT_SECONDS, TimeUnit.SECONDS));

        LifecycleCheckCommitReadinessRequest readiness = client.newLifecycleSimulateCommitChaincodeDefinitionRequest();
        readiness.setChaincodeName(CHAINCODE);
        readiness.setChaincodeVersion("1.0");
        readiness.setSequence(1);
        readiness.setUserContext(admin);
        assertThat(assertSucceeded(channel.sendLifecycleCheckCommitReadinessRequest(readiness, List.of(peer)))
                .iterator().next().getApprovalsMap()).isEqualTo(Map.of("Org1MSP", true));

        LifecycleCommitChaincodeDefinitionRequest commit = client.newLifecycleCommitChaincodeDefinitionRequest();
        commit.setChaincodeName(CHAINCODE);
        commit.setChaincodeVersion("1.0");
        commit.setSequence(1);
        commit.setUserContext(admin);
        assertCommittedValid(channel.sendTransaction(assertSucceeded(
                channel.sendLifecycleCommitChaincodeDefinitionProposal(commit, List.of(peer))), asAdmin())
                .get(WAIT_SECONDS, TimeUnit.SECONDS));

        // the definition as committed, with Fabric's defaults for what the SDK left unset
        QueryLifecycleQueryChaincodeDefinitionRequest query = client.newQueryLifecycleQueryChaincodeDefinitionRequest();
        query.setChaincodeName(CHAINCODE);
        query.setUserContext(admin);
        LifecycleQueryChaincodeDefinitionProposalResponse defined = assertSucceeded(
                channel.lifecycleQueryChaincodeDefinition(query, List.of(peer))).iterator().next();
        assertThat(defined.getVersion()).isEqualTo("1.0");
        assertThat(defined.getSequence()).isEqualTo(1);
        assertThat(defined.getEndorsementPlugin()).isEqualTo("escc");
        assertThat(defined.getValidationPlugin()).isEqualTo("vscc");
        assertThat(defined.getInitRequired()).isFalse();
        assertThat(Policy.ApplicationPolicy.parseFrom(defined.getValidationParameter()).getChannelConfigPolicyReference())
                .isEqualTo("/Channel/Application/Endorsement");
    }

    /**
     * {@code putevent colour blue} as User1: endorsed, ordered, committed VALID; the chaincode event and the block reach
     * the listeners registered before; {@code get colour} then answers the value. The endorsed responses.
     */
    private Collection<ProposalResponse> submitAndWatchEvents() throws Exception {
        BlockingQueue<ChaincodeEvent> chaincodeEvents = new LinkedBlockingQueue<>();
        channel.registerChaincodeEventListener(Pattern.compile("^" + CHAINCODE + "$"), Pattern.compile("^stored$"),
                (handle, block, event) -> chaincodeEvents.add(event));
        BlockingQueue<BlockEvent> blocks = new LinkedBlockingQueue<>();
        channel.registerBlockListener(blocks::add);

        Collection<ProposalResponse> endorsed = channel.sendTransactionProposal(
                proposal("putevent", "colour", "blue"));
        assertSucceeded(endorsed);
        ProposalResponse response = endorsed.iterator().next();
        assertThat(response.getMessage()).isEqualTo("stored colour");
        // the chaincode the peer ran, as its endorsement says (the proposal named no version)
        ChaincodeID executed = ProposalPackage.ChaincodeAction.parseFrom(ProposalResponsePackage.ProposalResponsePayload
                .parseFrom(response.getProposalResponse().getPayload()).getExtension()).getChaincodeId();
        assertThat(executed.getName()).isEqualTo(CHAINCODE);
        assertThat(executed.getVersion()).isEqualTo("1.0");
        String txId = response.getTransactionID();

        TransactionEvent committed = channel.sendTransaction(endorsed).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertCommittedValid(committed);
        assertThat(committed.getTransactionID()).isEqualTo(txId);
        long number = committed.getBlockEvent().getBlockNumber();

        ChaincodeEvent event = next(chaincodeEvents, e -> txId.equals(e.getTxId()), "the chaincode event of " + txId);
        assertThat(event.getChaincodeId()).isEqualTo(CHAINCODE);
        assertThat(event.getEventName()).isEqualTo("stored");
        assertThat(new String(event.getPayload(), StandardCharsets.UTF_8)).isEqualTo("colour");

        BlockEvent block = next(blocks, b -> b.getBlockNumber() == number, "block " + number);
        assertThat(block.getChannelId()).isEqualTo(CHANNEL);
        assertThat(block.getTransactionEvents()).anySatisfy(tx -> {
            assertThat(tx.getTransactionID()).isEqualTo(txId);
            assertThat(tx.isValid()).isTrue();
        });

        QueryByChaincodeRequest get = client.newQueryProposalRequest();
        get.setChaincodeName(CHAINCODE);
        get.setFcn("get");
        get.setArgs("colour");
        Collection<ProposalResponse> read = channel.queryByChaincode(get, List.of(peer));
        assertSucceeded(read);
        assertThat(new String(read.iterator().next().getChaincodeActionResponsePayload(), StandardCharsets.UTF_8))
                .isEqualTo("blue");
        return endorsed;
    }

    /** qscc's GetChainInfo, GetBlockByNumber/Hash/TxID and GetTransactionByID agree with what was committed. */
    private void readBackThroughQscc(String txId) throws Exception {
        BlockInfo byTx = channel.queryBlockByTransactionID(peer, txId);
        long number = byTx.getBlockNumber();
        BlockchainInfo info = channel.queryBlockchainInfo(peer);
        assertThat(info.getHeight()).isEqualTo(number + 1);

        BlockInfo block = channel.queryBlockByNumber(peer, number);
        assertThat(block.getBlockNumber()).isEqualTo(number);
        assertThat(block.getChannelId()).isEqualTo(CHANNEL);
        assertThat(block.getEnvelopeInfos()).anySatisfy(envelope -> {
            assertThat(envelope.getTransactionID()).isEqualTo(txId);
            assertThat(envelope.getValidationCode()).isEqualTo((byte) TxValidationCode.VALID_VALUE);
            assertThat(envelope.getCreator().getMspid()).isEqualTo("Org1MSP");
        });
        assertThat(block.getDataHash()).isEqualTo(byTx.getDataHash());
        // the chain's hashes as the SDK computes them from the block header
        assertThat(SDKUtils.calculateBlockHash(client, number, block.getPreviousHash(), block.getDataHash()))
                .isEqualTo(info.getCurrentBlockHash());
        assertThat(block.getPreviousHash()).isEqualTo(info.getPreviousBlockHash());
        assertThat(channel.queryBlockByHash(peer, info.getCurrentBlockHash()).getBlockNumber()).isEqualTo(number);

        TransactionInfo tx = channel.queryTransactionByID(peer, txId);
        assertThat(tx.getTransactionID()).isEqualTo(txId);
        assertThat(tx.getValidationCode()).isEqualTo(TxValidationCode.VALID);
    }

    /** A function the chaincode does not know: the SDK reports the peer's status and the chaincode's message. */
    private void failingProposalIsReported() throws Exception {
        Collection<ProposalResponse> responses = channel.sendTransactionProposal(proposal("nosuch", "colour"));
        assertThat(responses).singleElement().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo(ChaincodeResponse.Status.FAILURE);
            assertThat(r.isInvalid()).isTrue();
            assertThat(r.getMessage()).isEqualTo("Unknown function nosuch");
            assertThat(r.getProposalResponse().getResponse().getStatus()).isEqualTo(500);
        });
    }

    /**
     * The committed transaction sent to the orderer again: ordered, then marked DUPLICATE_TXID by the peer's committer,
     * and the SDK fails the submission with that transaction event.
     */
    private void resubmissionIsADuplicate(Collection<ProposalResponse> endorsed) {
        assertThatThrownBy(() -> channel.sendTransaction(endorsed).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(TransactionEventException.class, e -> {
                    assertThat(e.getTransactionEvent().getTransactionID())
                            .isEqualTo(endorsed.iterator().next().getTransactionID());
                    assertThat(e.getTransactionEvent().isValid()).isFalse();
                    assertThat(e.getTransactionEvent().getValidationCode())
                            .isEqualTo((byte) TxValidationCode.DUPLICATE_TXID_VALUE);
                });
    }

    /**
     * An application asking for filtered blocks (DeliverFiltered): its submission is reported VALID from a filtered
     * block, and the chaincode event arrives with its name but, as Fabric filters it, without its payload.
     */
    private void filteredEventsReportACommit() throws Exception {
        Channel filtered = openChannel(newClient(), Channel.PeerOptions.createPeerOptions()
                .registerEventsForFilteredBlocks());
        try {
            BlockingQueue<ChaincodeEvent> chaincodeEvents = new LinkedBlockingQueue<>();
            filtered.registerChaincodeEventListener(Pattern.compile("^" + CHAINCODE + "$"), Pattern.compile(".*"),
                    (handle, block, event) -> chaincodeEvents.add(event));
            TransactionEvent committed = filtered.sendTransaction(assertSucceeded(filtered.sendTransactionProposal(
                    proposal("putevent", "shape", "round")))).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertCommittedValid(committed);
            assertThat(committed.getBlockEvent().isFiltered()).isTrue();
            ChaincodeEvent event = next(chaincodeEvents, e -> committed.getTransactionID().equals(e.getTxId()),
                    "the filtered chaincode event of " + committed.getTransactionID());
            assertThat(event.getEventName()).isEqualTo("stored");
            assertThat(event.getPayload()).isEmpty();
        } finally {
            filtered.shutdown(true);
        }
    }

    /**
     * The channel config as the SDK reads it from the orderer (Deliver: the newest block's LAST_CONFIG, then that block)
     * and from the peer (cscc GetConfigBlock): the same, naming Org1.
     */
    private void channelConfigFromOrdererIsThePeers() throws Exception {
        byte[] fromOrderer = channel.getChannelConfigurationBytes(user, orderer);
        assertThat(fromOrderer).isEqualTo(channel.getChannelConfigurationBytes(user, peer));
        assertThat(Configtx.Config.parseFrom(fromOrderer).getChannelGroup().getGroupsOrThrow("Application")
                .getGroupsMap()).containsOnlyKeys("Org1MSP");
    }

    private Channel.TransactionOptions asAdmin() {
        return Channel.TransactionOptions.createTransactionOptions().userContext(admin);
    }

    private TransactionProposalRequest proposal(String fn, String... args) {
        TransactionProposalRequest request = client.newTransactionProposalRequest();
        request.setChaincodeName(CHAINCODE);
        request.setFcn(fn);
        request.setArgs(args);
        request.setProposalWaitTime(LAUNCH_WAIT_MS);
        return request;
    }

    private static <R extends ProposalResponse> Collection<R> assertSucceeded(Collection<R> responses) {
        assertThat(responses).isNotEmpty().allSatisfy(r -> assertThat(r.getStatus()).as("%s: %s", r.getPeer(),
                r.getMessage()).isEqualTo(ChaincodeResponse.Status.SUCCESS));
        return responses;
    }

    private static void assertCommittedValid(TransactionEvent event) {
        assertThat(event.isValid()).as("transaction %s: code %s", event.getTransactionID(),
                event.getValidationCode()).isTrue();
        assertThat(event.getValidationCode()).isEqualTo((byte) TxValidationCode.VALID_VALUE);
    }

    /** The first element {@code queue} receives that matches, waiting up to a minute. */
    private static <T> T next(BlockingQueue<T> queue, Predicate<T> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            T item = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item == null) {
                throw new AssertionError(what + " was not delivered in " + WAIT_SECONDS + " s");
            }
            if (wanted.test(item)) {
                return item;
            }
        }
    }
}
