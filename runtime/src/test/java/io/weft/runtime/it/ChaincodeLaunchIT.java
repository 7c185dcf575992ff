package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.weft.comm.TlsContexts;
import io.weft.core.chaincode.KvChaincode;
import io.weft.core.committer.CommitterFixtures;
import io.weft.lifecycle.ChaincodeDefinition;
import io.weft.lifecycle.LifecycleState;
import io.weft.lifecycle.packages.ChaincodePackageWriter;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.MspSigningIdentity;
import io.weft.msp.Msps;
import io.weft.protoutil.Proposals;
import io.weft.protoutil.Transactions;

/**
 * A real Java chaincode (the core tests' {@code KvChaincode} on fabric-chaincode-shim 2.5.8) the way an operator runs
 * one: installed through {@code _lifecycle} and built by the distribution's Java builder, approved by the peer's org
 * through {@code _lifecycle} (the approval's private data committed from the transient store), its definition
 * committed, then invoked: the peer launches the chaincode process through the builder, the chaincode registers with
 * its package ID and answers, and the endorsed write commits.
 */
class ChaincodeLaunchIT {

    private static final String CHANNEL = "mychannel";

    @TempDir
    Path work;

    private CommitterFixtures fx;
    private OrdererBlocks blocks;
    private MspSigningIdentity admin;

    @Test
    void aJavaChaincodeIsInstalledApprovedLaunchedAndInvoked() throws Exception {
        int port = FreePorts.next();
        // with peer TLS on, as operators run: the chaincode listener serves the peer's chaincode CA and the launched
        // chaincode registers with the client certificate the peer put in its chaincode.json
        try (InProcessPeer peer = peerWithBuilder(port, "weft-java", "builders/java", true)) {
            CommittersProxy committers = new CommittersProxy(peer.context());
            Path tls = work.resolve("config/tls");
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).overrideAuthority("localhost")
                    .sslContext(TlsContexts.grpcClient(List.of(tls.resolve("ca.crt")), Optional.empty(),
                            Optional.empty())).build();
            try {
                EndorserGrpc.EndorserBlockingStub endorser = EndorserGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(180, TimeUnit.SECONDS);

                // install: stored and built by the Java builder
                byte[] pkg = ChaincodePackageWriter.build(kvSource(), "kv", "java", "kv_1");
                String packageId = install(endorser, pkg);

                approveAndDefine(endorser, committers, "kv", packageId);

                // invoke: the peer launches the chaincode through the builder and it answers
                SignedProposal put = Proposals.signed(HeaderType.ENDORSER_TRANSACTION_VALUE, CHANNEL, "kv", fx.user1,
                        ByteString.copyFromUtf8("put"), ByteString.copyFromUtf8("colour"),
                        ByteString.copyFromUtf8("blue"));
                ProposalResponse r = endorser.processProposal(put);
                assertThat(r.getResponse().getStatus()).as(r.getResponse().getMessage()).isEqualTo(200);
                assertThat(r.getResponse().getMessage()).isEqualTo("stored colour");
                ChaincodeAction action = ChaincodeAction.parseFrom(
                        ProposalResponsePayload.parseFrom(r.getPayload()).getExtension());
                assertThat(action.getChaincodeId().getName()).isEqualTo("kv");
                assertThat(action.getChaincodeId().getVersion()).isEqualTo("1.0");
                TxReadWriteSet rwset = TxReadWriteSet.parseFrom(action.getResults());
                assertThat(rwset.getNsRwsetList()).extracting(ns -> ns.getNamespace()).contains("_lifecycle", "kv");
                assertThat(committers.commit(CHANNEL, blocks.next(Transactions.createSignedTx(
                        Proposal.parseFrom(put.getProposalBytes()), fx.user1, List.of(r)))).codes())
                        .containsExactly("VALID");

                ProposalResponse get = endorser.processProposal(Proposals.signed(HeaderType.ENDORSER_TRANSACTION_VALUE,
                        CHANNEL, "kv", fx.user1, ByteString.copyFromUtf8("get"), ByteString.copyFromUtf8("colour")));
                assertThat(get.getResponse().getStatus()).as(get.getResponse().getMessage()).isEqualTo(200);
                assertThat(get.getResponse().getPayload().toStringUtf8()).isEqualTo("blue");
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void aChaincodeServerIsDialedThroughTheDistributionsCcaasBuilder() throws Exception {
        int port = FreePorts.next();
        int ccPort = FreePorts.next();
        try (InProcessPeer peer = peerWithBuilder(port, "ccaas", "builders/ccaas", false)) {
            CommittersProxy committers = new CommittersProxy(peer.context());
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            org.hyperledger.fabric.shim.ChaincodeServer server = null;
            try {
                EndorserGrpc.EndorserBlockingStub endorser = EndorserGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(120, TimeUnit.SECONDS);
                Path source = Files.createDirectories(work.resolve("ccaas"));
                Files.writeString(source.resolve("connection.json"), "{\"address\":\"127.0.0.1:" + ccPort
                        + "\",\"dial_timeout\":\"10s\",\"tls_required\":false}");
                byte[] pkg = ChaincodePackageWriter.build(source, "", "ccaas", "kvs_1");
                String packageId = install(endorser, pkg);
                approveAndDefine(endorser, committers, "kvs", packageId);

                // the chaincode runs as a service, registering as its package ID when the peer dials it
                server = KvChaincode.serve(packageId, ccPort);

                ProposalResponse r = endorser.processProposal(Proposals.signed(HeaderType.ENDORSER_TRANSACTION_VALUE,
                        CHANNEL, "kvs", fx.user1, ByteString.copyFromUtf8("put"), ByteString.copyFromUtf8("shape"),
                        ByteString.copyFromUtf8("round")));
                assertThat(r.getResponse().getStatus()).as(r.getResponse().getMessage()).isEqualTo(200);
                assertThat(r.getResponse().getMessage()).isEqualTo("stored shape");
            } finally {
                if (server != null) {
                    server.stop();
                }
                channel.shutdownNow();
            }
        }
    }

    /**
     * An in-process peer with peer0.org1's identity whose {@code chaincode.externalBuilders} names the distribution's
     * {@code dir} builder, joined to mychannel; Org1's admin and the orderer's blocks ready.
     */
    private InProcessPeer peerWithBuilder(int port, String builder, String dir, boolean tls) throws Exception {
        fx = CommitterFixtures.get();
        admin = Msps.loadLocal(LocalMspSettings.of(Vectors.org1UserMsp("Admin"), "Org1MSP")).signingIdentity();
        Map<String, String> overrides = Map.of("peer.mspConfigPath", Vectors.org1PeerMsp().toString(),
                "peer.localMspId", "Org1MSP", "peer.listenAddress", "127.0.0.1:" + port,
                "chaincode.startuptimeout", "120s", "peer.tls.enabled", Boolean.toString(tls));
        InProcessPeer peer = new InProcessPeer(work, overrides, yaml -> yaml
                .replace("name: ccaas_builder", "name: " + builder)
                .replace("path: /opt/hyperledger/ccaas_builder", "path: " + Dist.HOME.resolve(dir)));
        new CommittersProxy(peer.context()).join(fx.genesis.toByteArray());
        blocks = new OrdererBlocks(fx);
        return peer;
    }

    /** Installs the package through _lifecycle as Org1's admin; its package ID. */
    private String install(EndorserGrpc.EndorserBlockingStub endorser, byte[] pkg) throws Exception {
        ProposalResponse installed = endorser.processProposal(Proposals.signed(HeaderType.ENDORSER_TRANSACTION_VALUE,
                "", "_lifecycle", admin, ByteString.copyFromUtf8("InstallChaincode"), InstallChaincodeArgs.newBuilder()
                        .setChaincodeInstallPackage(ByteString.copyFrom(pkg)).build().toByteString()));
        assertThat(installed.getResponse().getStatus()).as(installed.getResponse().getMessage()).isEqualTo(200);
        return InstallChaincodeResult.parseFrom(installed.getResponse().getPayload()).getPackageId();
    }

    /**
     * Approves {@code name} 1.0 for Org1 through {@code _lifecycle} with {@code packageId} and commits the approval as
     * the orderer would deliver it, then commits the definition, endorsed by both orgs (the channel's
     * LifecycleEndorsement is a majority).
     */
    private void approveAndDefine(EndorserGrpc.EndorserBlockingStub endorser, CommittersProxy committers,
            String name, String packageId) throws Exception {
        ByteString policy = CommitterFixtures.signaturePolicy("OR('Org1MSP.peer','Org2MSP.peer')");
        ChaincodeDefinition definition = new ChaincodeDefinition(1,
                ChaincodeEndorsementInfo.newBuilder().setVersion("1.0").setEndorsementPlugin("escc").build(),
                ChaincodeValidationInfo.newBuilder().setValidationPlugin("vscc").setValidationParameter(policy).build(),
                CollectionConfigPackage.getDefaultInstance());
        SignedProposal approve = Proposals.signed(HeaderType.ENDORSER_TRANSACTION_VALUE, CHANNEL, "_lifecycle", admin,
                ByteString.copyFromUtf8("ApproveChaincodeDefinitionForMyOrg"),
                ApproveChaincodeDefinitionForMyOrgArgs.newBuilder().setName(name).setVersion("1.0").setSequence(1)
                        .setEndorsementPlugin("escc").setValidationPlugin("vscc").setValidationParameter(policy)
                        .setSource(ChaincodeSource.newBuilder().setLocalPackage(
                                ChaincodeSource.Local.newBuilder().setPackageId(packageId)))
                        .build().toByteString());
        ProposalResponse approved = endorser.processProposal(approve);
        assertThat(approved.getResponse().getStatus()).as(approved.getResponse().getMessage()).isEqualTo(200);
        assertThat(committers.commit(CHANNEL, blocks.next(Transactions.createSignedTx(
                Proposal.parseFrom(approve.getProposalBytes()), admin, List.of(approved)))).codes())
                .containsExactly("VALID");
        KVRWSet.Builder kv = KVRWSet.newBuilder();
        LifecycleState.definitionWrites(name, definition).forEach((k, v) -> kv.addWrites(
                KVWrite.newBuilder().setKey(k).setValue(v)));
        Envelope define = fx.tx().chaincode(LifecycleState.NAMESPACE)
                .results(CommitterFixtures.rwset(LifecycleState.NAMESPACE, kv.build()))
                .endorsedBy(fx.peer1, fx.peer2).build();
        assertThat(committers.commit(CHANNEL, blocks.next(define)).codes()).containsExactly("VALID");
    }

    private Path kvSource() throws Exception {
        return KvChaincodeJar.write(work.resolve("kv"));
    }
}
