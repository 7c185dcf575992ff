package io.weft.core.endorser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.weft.ledger.txmgr.TxSimulator;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.api.handler.EndorsementException;
import io.weft.api.handler.EndorsementPlugin;
import io.weft.api.handler.EndorsementPluginFactory;
import io.weft.api.identity.SigningIdentity;
import io.weft.api.scc.AccessDeniedException;
import io.weft.api.scc.SystemChaincode;
import io.weft.core.committer.BlockCommitter;
import io.weft.core.committer.ChannelResources;
import io.weft.core.committer.CommitterFixtures;
import io.weft.core.committer.TestPluginSource;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerProvider;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.Msp;
import io.weft.msp.MspSigningIdentity;
import io.weft.msp.Msps;
import io.weft.protoutil.Envelopes;
import io.weft.protoutil.Hashing;
import io.weft.protoutil.TxIds;
import io.weft.storage.memory.MemoryStorageComponent;
import io.weft.testing.FabricVectors;

class EndorserTest {

    static final String CH = CommitterFixtures.CHANNEL;

    @TempDir
    Path dir;

    CommitterFixtures fx;
    LedgerProvider provider;
    KvLedger ledger;
    Envelope definition; // block 1: defines mycc
    Msp localMsp;
    MspSigningIdentity admin;
    final TestRegistry registry = new TestRegistry();
    final Map<String, SystemChaincode> sccs = new ConcurrentHashMap<>();
    final List<String> invoked = new ArrayList<>();
    Endorser endorser;

    @BeforeEach
    void setUp() throws Exception {
        fx = CommitterFixtures.get();
        provider = LedgerProvider.open(new LedgerLayout(dir.resolve("ledgers")), new MemoryStorageComponent(),
                LedgerConfig.defaults());
        ledger = provider.create(fx.genesis);
        definition = fx.defineChaincode("mycc", CommitterFixtures.signaturePolicy("OR('Org1MSP.peer','Org2MSP.peer')"),
                org.hyperledger.fabric.protos.peer.CollectionConfigPackage.getDefaultInstance());
        try (BlockCommitter c = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger,
                new TestPluginSource(), 1)) {
            c.commit(CommitterFixtures.block(ledger.height(), ledger.info().getCurrentBlockHash().toByteArray(),
                    fx.orderer, definition.toByteString()));
        }
        localMsp = Msps.loadLocal(LocalMspSettings.of(FabricVectors.org1().resolve("peers/peer0.org1.example.com/msp"),
                "Org1MSP")).msp();
        admin = Msps.loadLocal(LocalMspSettings.of(FabricVectors.org1().resolve("users/Admin@org1.example.com/msp"),
                "Org1MSP")).signingIdentity();
        sccs.put("tscc", this::testScc);
        registry.escc = ctx -> (prp, sp) -> {
            ByteString endorser = ctx.signingIdentityFor(sp).serialize();
            byte[] sig = ctx.signingIdentityFor(sp).sign(prp.concat(endorser).toByteArray());
            return new EndorsementPlugin.Result(Endorsement.newBuilder().setEndorser(endorser)
                    .setSignature(ByteString.copyFrom(sig)).build(), prp);
        };
        endorser = new Endorser(registry,
                ch -> CH.equals(ch) ? Optional.of(new EndorserChannel(fx.config, ledger, provider.transientStores().openStore(CH))) : Optional.empty(),
                localMsp, fx.peer1, name -> Optional.ofNullable(sccs.get(name)));
    }

    @AfterEach
    void tearDown() throws Exception {
        provider.close();
    }

    /** args[0]: echo (200, payload = other args joined), status (args[1] as status), acl (checkAcl(args[1], args[2])). */
    private Response testScc(io.weft.api.scc.SccInvocation inv) {
        List<String> args = inv.args().stream().map(ByteString::toStringUtf8).toList();
        invoked.add(inv.channelId() + ":" + String.join(",", args));
        switch (args.get(0)) {
            case "echo":
                return Response.newBuilder().setStatus(200)
                        .setPayload(ByteString.copyFromUtf8(String.join(" ", args.subList(1, args.size())))).build();
            case "status":
                return Response.newBuilder().setStatus(Integer.parseInt(args.get(1))).setMessage("as asked").build();
            case "acl":
                try {
                    inv.checkAcl(args.get(1), args.get(2));
                    return Response.newBuilder().setStatus(200).build();
                } catch (AccessDeniedException e) {
                    return Response.newBuilder().setStatus(500)
                            .setMessage("access denied for [" + args.get(1) + "][" + args.get(2) + "]: " + e.getMessage())
                            .build();
                }
            default:
                throw new IllegalStateException("no function " + args.get(0));
        }
    }

    // ---- proposals

    static SignedProposal proposal(SigningIdentity signer, String channel, String cc, String... args) {
        return proposal(signer, channel, cc, Envelopes.nonce(), UnaryOperator.identity(), args);
    }

    static SignedProposal proposal(SigningIdentity signer, String channel, String cc, ByteString nonce,
            UnaryOperator<ChannelHeader.Builder> edit, String... args) {
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        for (String a : args) {
            input.addArgs(ByteString.copyFromUtf8(a));
        }
        ChaincodeID id = ChaincodeID.newBuilder().setName(cc).build();
        SignatureHeader shdr = SignatureHeader.newBuilder().setCreator(signer.serialize()).setNonce(nonce).build();
        ChannelHeader.Builder chdr = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(channel).setTimestamp(Envelopes.now()).setTxId(TxIds.compute(nonce, shdr.getCreator()))
                .setExtension(ChaincodeHeaderExtension.newBuilder().setChaincodeId(id).build().toByteString());
        ByteString cis = ChaincodeInvocationSpec.newBuilder().setChaincodeSpec(ChaincodeSpec.newBuilder()
                .setType(ChaincodeSpec.Type.GOLANG).setChaincodeId(id).setInput(input)).build().toByteString();
        Proposal p = Proposal.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(edit.apply(chdr).build().toByteString())
                        .setSignatureHeader(shdr.toByteString()).build().toByteString())
                .setPayload(ChaincodeProposalPayload.newBuilder().setInput(cis)
                        .putTransientMap("secret", ByteString.copyFromUtf8("s")).build().toByteString())
                .build();
        return sign(signer, p.toByteString());
    }

    static SignedProposal sign(SigningIdentity signer, ByteString proposalBytes) {
        return SignedProposal.newBuilder().setProposalBytes(proposalBytes)
                .setSignature(ByteString.copyFrom(signer.sign(proposalBytes.toByteArray()))).build();
    }

    ProposalResponse process(SignedProposal sp) {
        return endorser.process(() -> "test:1", sp).toCompletableFuture().join();
    }

    String refusal(SignedProposal sp) {
        CompletableFuture<ProposalResponse> f = endorser.process(() -> "test:1", sp).toCompletableFuture();
        assertThat(f).isCompletedExceptionally();
        try {
            f.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(ProposalException.class);
            return Endorser.failureMessage(e);
        }
        throw new AssertionError("not refused");
    }

    static ChaincodeAction action(ProposalResponsePayload prp) throws Exception {
        return ChaincodeAction.parseFrom(prp.getExtension());
    }

    // ---- system chaincode, success

    @Test
    void channelLessProposalIsAnsweredWithoutEndorsement() {
        ProposalResponse r = process(proposal(fx.user1, "", "tscc", "echo", "a", "b"));

        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getPayload().toStringUtf8()).isEqualTo("a b");
        assertThat(r.hasEndorsement()).isFalse();
        assertThat(r.getPayload()).isEmpty();
        assertThat(r.getVersion()).isZero();
        assertThat(invoked).containsExactly(":echo,a,b");
    }

    @Test
    void channelLessPeerAclUsesTheLocalMsp() {
        ProposalResponse ok = process(proposal(admin, "", "tscc", "acl", "cscc/JoinChain", ""));
        assertThat(ok.getResponse().getStatus()).isEqualTo(200);

        ProposalResponse denied = process(proposal(fx.user1, "", "tscc", "acl", "cscc/JoinChain", ""));
        assertThat(denied.getResponse().getStatus()).isEqualTo(500);
        assertThat(denied.getResponse().getMessage()).startsWith("access denied for [cscc/JoinChain][]: "
                + "failed verifying that the signed data identity satisfies local MSP principal during channelless "
                + "check policy with policy [Admins]");
        assertThat(denied.hasEndorsement()).isFalse();
    }

    @Test
    void channelAclOfAnSccUsesTheChannelPolicies() {
        assertThat(process(proposal(fx.user1, CH, "tscc", "acl", "qscc/GetChainInfo", CH)).getResponse().getStatus())
                .isEqualTo(200);
        ProposalResponse r = process(proposal(fx.orderer, CH, "tscc", "acl", "qscc/GetChainInfo", CH));
        assertThat(r.getResponse().getMessage()).startsWith("access denied for [qscc/GetChainInfo][mychannel]: "
                + "failed evaluating policy on signed data during check policy [/Channel/Application/Readers]: [");
        assertThat(process(proposal(fx.user1, CH, "tscc", "acl", "qscc/GetChainInfo", "other")).getResponse()
                .getMessage()).isEqualTo("access denied for [qscc/GetChainInfo][other]: "
                        + "Failed to get policy manager for channel [other]");
    }

    @Test
    void channelProposalIsEndorsedByEscc() throws Exception {
        SignedProposal sp = proposal(fx.user1, CH, "tscc", "echo", "x");
        ProposalResponse r = process(sp);

        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getVersion()).isEqualTo(1);
        assertThat(r.hasInterest()).isTrue();
        Endorsement e = r.getEndorsement();
        assertThat(e.getEndorser()).isEqualTo(fx.peer1.serialize());
        fx.peer1.verify(r.getPayload().concat(e.getEndorser()).toByteArray(), e.getSignature().toByteArray());

        ProposalResponsePayload prp = ProposalResponsePayload.parseFrom(r.getPayload());
        Proposal p = Proposal.parseFrom(sp.getProposalBytes());
        Header h = Header.parseFrom(p.getHeader());
        ByteString noTransient = ChaincodeProposalPayload.newBuilder()
                .setInput(ChaincodeProposalPayload.parseFrom(p.getPayload()).getInput()).build().toByteString();
        assertThat(prp.getProposalHash().toByteArray())
                .isEqualTo(Hashing.sha256(h.getChannelHeader(), h.getSignatureHeader(), noTransient));
        ChaincodeAction a = action(prp);
        assertThat(a.getChaincodeId()).isEqualTo(ChaincodeID.newBuilder().setName("tscc").setVersion("syscc").build());
        assertThat(a.getResponse()).isEqualTo(r.getResponse());
        assertThat(a.getResults()).isEmpty();
        assertThat(a.getEvents()).isEmpty();
        // deterministic: exactly the fields Fabric marshals, in field order
        assertThat(prp.toByteString()).isEqualTo(r.getPayload());
        assertThat(registry.open).hasValue(0);
    }

    @Test
    void oneEsccPluginPerChannelAndProvider() {
        AtomicInteger created = new AtomicInteger();
        EndorsementPluginFactory inner = registry.escc;
        registry.escc = ctx -> {
            created.incrementAndGet();
            assertThat(ctx.channelId()).isEqualTo(CH);
            return inner.newPlugin(ctx);
        };
        process(proposal(fx.user1, CH, "tscc", "echo"));
        process(proposal(fx.user1, CH, "tscc", "echo"));
        assertThat(created).hasValue(1);
        registry.esccServiceId = 2; // the provider was replaced
        process(proposal(fx.user1, CH, "tscc", "echo"));
        assertThat(created).hasValue(2);
        assertThat(endorser.pluginCount()).isEqualTo(1);
    }

    @Test
    void statusesDecideWhatTheResponseCarries() throws Exception {
        ProposalResponse s400 = process(proposal(fx.user1, CH, "tscc", "status", "404"));
        assertThat(s400.getResponse().getStatus()).isEqualTo(404);
        assertThat(s400.hasEndorsement()).isFalse();
        assertThat(s400.getPayload()).isEmpty();

        ProposalResponse s500 = process(proposal(fx.user1, CH, "tscc", "status", "500"));
        assertThat(s500.getResponse()).isEqualTo(Response.newBuilder().setStatus(500).setMessage("as asked").build());
        assertThat(s500.hasEndorsement()).isFalse();
        assertThat(action(ProposalResponsePayload.parseFrom(s500.getPayload())).getResponse().getStatus()).isEqualTo(500);

        ProposalResponse channelLess500 = process(proposal(fx.user1, "", "tscc", "status", "500"));
        assertThat(channelLess500.getPayload()).isNotEmpty();
        assertThat(channelLess500.hasInterest()).isFalse();
    }

    @Test
    void decoratorsRunInOrderOnAFreshInput() {
        registry.decorators.add((p, in) -> {
            assertThat(in.getDecorationsMap()).isEmpty();
            return in.toBuilder().addArgs(ByteString.copyFromUtf8("d1")).putDecorations("k", ByteString.EMPTY).build();
        });
        registry.decorators.add((p, in) -> in.toBuilder().addArgs(ByteString.copyFromUtf8("d2")).build());
        SignedProposal sp = proposal(fx.user1, "", "tscc", "echo");
        assertThat(process(sp).getResponse().getPayload().toStringUtf8()).isEqualTo("d1 d2");
    }

    @Test
    void authFiltersWrapTheEndorserInOrder() {
        List<String> seen = new ArrayList<>();
        registry.filters.add((ctx, sp, next) -> {
            seen.add("f1 " + ctx.remoteAddress());
            return next.process(sp);
        });
        registry.filters.add((ctx, sp, next) -> {
            seen.add("f2");
            return next.process(sp).thenApply(r -> r.toBuilder()
                    .setResponse(r.getResponse().toBuilder().setMessage("seen by f2")).build());
        });
        ProposalResponse r = process(proposal(fx.user1, "", "tscc", "echo"));
        assertThat(seen).containsExactly("f1 test:1", "f2");
        assertThat(r.getResponse().getMessage()).isEqualTo("seen by f2");
        assertThat(registry.open).hasValue(0);

        registry.filters.add(0, (ctx, sp, next) -> CompletableFuture.failedFuture(
                new IllegalStateException("proposal client identity expired")));
        CompletableFuture<ProposalResponse> f = endorser.process(() -> "x", proposal(fx.user1, "", "tscc", "echo"))
                .toCompletableFuture();
        assertThat(f).isCompletedExceptionally();
        assertThatThrownBy(f::join).satisfies(t -> assertThat(Endorser.failureMessage(t))
                .isEqualTo("proposal client identity expired"));
        assertThat(registry.open).hasValue(0);
    }

    // ---- refusals (gRPC errors)

    @Test
    void malformedProposalsAreRefused() {
        assertThat(refusal(SignedProposal.newBuilder().setProposalBytes(ByteString.copyFromUtf8("\u00ff\u00ff"))
                .setSignature(ByteString.copyFromUtf8("s")).build())).startsWith("error unmarshalling Proposal: ");
        assertThat(refusal(proposal(fx.user1, CH, "tscc", Envelopes.nonce(), h -> h.clearExtension(), "echo")))
                .isEqualTo("ChaincodeHeaderExtension.ChaincodeId is nil");
        assertThat(refusal(proposal(fx.user1, CH, "tscc", Envelopes.nonce(),
                h -> h.setExtension(ChaincodeHeaderExtension.newBuilder().setChaincodeId(ChaincodeID.getDefaultInstance())
                        .build().toByteString()), "echo")))
                .isEqualTo("ChaincodeHeaderExtension.ChaincodeId.Name is empty");
        Proposal noInput = Proposal.newBuilder().setHeader(header(fx.user1, CH, "tscc"))
                .setPayload(ChaincodeProposalPayload.newBuilder().setInput(ChaincodeInvocationSpec.newBuilder()
                        .setChaincodeSpec(ChaincodeSpec.getDefaultInstance()).build().toByteString()).build()
                        .toByteString())
                .build();
        assertThat(refusal(sign(fx.user1, noInput.toByteString()))).isEqualTo("chaincode input did not contain any input");
        Proposal noSpec = noInput.toBuilder().setPayload(ChaincodeProposalPayload.getDefaultInstance().toByteString())
                .build();
        assertThat(refusal(sign(fx.user1, noSpec.toByteString())))
                .isEqualTo("chaincode invocation spec did not contain chaincode spec");
        assertThat(invoked).isEmpty();
    }

    private static ByteString header(SigningIdentity signer, String channel, String cc) {
        ByteString nonce = Envelopes.nonce();
        return Header.newBuilder().setChannelHeader(ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE).setChannelId(channel)
                .setTxId(TxIds.compute(nonce, signer.serialize()))
                .setExtension(ChaincodeHeaderExtension.newBuilder().setChaincodeId(ChaincodeID.newBuilder().setName(cc))
                        .build().toByteString())
                .build().toByteString())
                .setSignatureHeader(SignatureHeader.newBuilder().setCreator(signer.serialize()).setNonce(nonce).build()
                        .toByteString())
                .build().toByteString();
    }

    @Test
    void unknownChannelIsAStatus500() {
        ProposalResponse r = process(proposal(fx.user1, "nochannel", "tscc", "echo"));
        assertThat(r).isEqualTo(ProposalResponse.newBuilder().setResponse(Response.newBuilder().setStatus(500)
                .setMessage("channel 'nochannel' not found")).build());
    }

    @Test
    void headerChecksAreRefused() {
        assertThat(refusal(proposal(fx.user1, CH, "tscc", Envelopes.nonce(), h -> h.setType(HeaderType.MESSAGE_VALUE),
                "echo"))).isEqualTo("error validating proposal: invalid header type MESSAGE");
        assertThat(refusal(proposal(fx.user1, CH, "tscc", Envelopes.nonce(), h -> h.setEpoch(1), "echo")))
                .isEqualTo("error validating proposal: epoch is non-zero");
        assertThat(refusal(proposal(fx.user1, CH, "tscc", ByteString.EMPTY, UnaryOperator.identity(), "echo")))
                .isEqualTo("error validating proposal: nonce is empty");
        assertThat(refusal(proposal(fx.user1, CH, "tscc", Envelopes.nonce(), h -> h.setTxId("abc"), "echo")))
                .startsWith("error validating proposal: incorrectly computed txid 'abc' -- expected '")
                .matches(".*expected '[0-9a-f]{64}'$");
        // CONFIG is accepted, as Fabric does
        assertThat(process(proposal(fx.user1, "", "tscc", Envelopes.nonce(), h -> h.setType(HeaderType.CONFIG_VALUE),
                "echo")).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void badCreatorsAndSignaturesAreRefused() {
        SignedProposal good = proposal(fx.user1, CH, "tscc", "echo");
        SignedProposal badSig = good.toBuilder().setSignature(ByteString.copyFrom(
                fx.user1.sign("other".getBytes(StandardCharsets.UTF_8)))).build();
        assertThat(refusal(badSig)).isEqualTo("error validating proposal: access denied: channel [mychannel] creator org [Org1MSP]");
        assertThat(refusal(good.toBuilder().clearSignature().build()))
                .isEqualTo("error validating proposal: empty signature bytes");
        // a channel-less proposal by another org fails on the local MSP
        assertThat(refusal(proposal(fx.peer2, "", "tscc", "echo")))
                .isEqualTo("error validating proposal: access denied: channel [] creator org unknown, creator is malformed");
        SigningIdentity garbage = new SigningIdentity() {
            @Override
            public String mspId() {
                return "Org1MSP";
            }

            @Override
            public ByteString serialize() {
                return ByteString.copyFromUtf8("not an identity");
            }

            @Override
            public byte[] sign(byte[] message) {
                return fx.user1.sign(message);
            }
        };
        assertThat(refusal(proposal(garbage, CH, "tscc", "echo")))
                .isEqualTo("error validating proposal: access denied: channel [mychannel] creator org unknown, creator is malformed");
        assertThat(invoked).isEmpty();
    }

    @Test
    void duplicateTxIdIsRefused() throws Exception {
        SignatureHeader committed = SignatureHeader.parseFrom(
                Header.parseFrom(Payload.parseFrom(definition.getPayload()).getHeader().toByteString()).getSignatureHeader());
        SignedProposal replay = proposal(fx.user1, CH, "tscc", committed.getNonce(), UnaryOperator.identity(), "echo");
        String txId = TxIds.compute(committed.getNonce(), committed.getCreator());
        assertThat(ledger.blocks().txExists(txId)).isTrue();
        assertThat(refusal(replay)).isEqualTo("duplicate transaction found [" + txId + "]. Creator ["
                + HexFormat.of().formatHex(fx.user1.serialize().toByteArray()) + "]");
        // channel-less proposals are not checked for uniqueness
        assertThat(process(proposal(fx.user1, "", "tscc", committed.getNonce(), UnaryOperator.identity(), "echo"))
                .getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void peerProposeAclDeniesNonWriters() {
        assertThat(refusal(proposal(fx.orderer, CH, "mycc", "invoke")))
                .isEqualTo("failed evaluating policy on signed data during check policy [/Channel/Application/Writers]: "
                        + "[implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 "
                        + "of the 'Writers' sub-policies to be satisfied]"); // mychannel's ACLs name the policy
        // system chaincodes check their own ACLs instead
        assertThat(process(proposal(fx.orderer, CH, "tscc", "echo")).getResponse().getStatus()).isEqualTo(200);
    }

    // ---- later failures (status 500)

    @Test
    void chaincodesThatAreNotSystemChaincodes() {
        ProposalResponse unknown = process(proposal(fx.user1, CH, "nocc", "invoke"));
        assertThat(unknown.getResponse()).isEqualTo(Response.newBuilder().setStatus(500).setMessage(
                "make sure the chaincode nocc has been successfully defined on channel mychannel and try again: "
                        + "chaincode nocc not found").build());
        ProposalResponse defined = process(proposal(fx.user1, CH, "mycc", "invoke"));
        assertThat(defined.getResponse()).isEqualTo(Response.newBuilder().setStatus(500)
                .setMessage("error in simulation: chaincode mycc is not running (start it in dev mode)").build());
        assertThat(defined.hasEndorsement()).isFalse();
    }

    // ---- user chaincodes through chaincode support

    @Test
    void aRunningChaincodeIsExecutedWithTheProposalsSimulatorAndEndorsed() throws Exception {
        List<String> seen = new ArrayList<>();
        endorser = new Endorser(registry,
                ch -> CH.equals(ch) ? Optional.of(new EndorserChannel(fx.config, ledger, provider.transientStores().openStore(CH))) : Optional.empty(),
                localMsp, fx.peer1, name -> Optional.ofNullable(sccs.get(name)), (ch, txId, cc, input, sp, sim) -> {
                    seen.add(ch + "/" + txId + "/" + cc.name() + "/" + input.getArgs(0).toStringUtf8() + "/" + sp.getSignature().size());
                    sim.setState(cc.name(), "k", ByteString.copyFromUtf8("v"));
                    return java.util.concurrent.CompletableFuture.completedFuture(org.hyperledger.fabric.protos.peer.ChaincodeMessage.newBuilder()
                            .setType(org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.COMPLETED)
                            .setTxid(txId).setChannelId(ch)
                            .setPayload(Response.newBuilder().setStatus(200).setPayload(ByteString.copyFromUtf8("ok"))
                                    .build().toByteString())
                            .setChaincodeEvent(org.hyperledger.fabric.protos.peer.ChaincodeEvent.newBuilder()
                                    .setEventName("evt").setChaincodeId("forged").setTxId("forged"))
                            .build());
                });
        SignedProposal sp = proposal(fx.user1, CH, "mycc", "invoke");
        ProposalResponse r = process(sp);
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getPayload().toStringUtf8()).isEqualTo("ok");
        assertThat(r.getVersion()).isEqualTo(1);
        assertThat(r.getEndorsement().getEndorser()).isEqualTo(fx.peer1.serialize());
        String txId = UnpackedProposal.unpack(sp).txId();
        assertThat(seen).containsExactly(CH + "/" + txId + "/mycc/invoke/" + sp.getSignature().size());
        ChaincodeAction a = action(ProposalResponsePayload.parseFrom(r.getPayload()));
        assertThat(a.getChaincodeId()).isEqualTo(ChaincodeID.newBuilder().setName("mycc").setVersion("1.0").build());
        org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet rw =
                org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet.parseFrom(a.getResults());
        assertThat(rw.getNsRwsetList()).extracting(n -> n.getNamespace()).contains("mycc");
        var kv = org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet.parseFrom(rw.getNsRwsetList().stream()
                .filter(n -> n.getNamespace().equals("mycc")).findFirst().orElseThrow().getRwset());
        assertThat(kv.getWritesList()).singleElement().satisfies(w -> assertThat(w.getKey()).isEqualTo("k"));
        var event = org.hyperledger.fabric.protos.peer.ChaincodeEvent.parseFrom(a.getEvents());
        assertThat(event.getEventName()).isEqualTo("evt");
        assertThat(event.getChaincodeId()).isEqualTo("mycc");
        assertThat(event.getTxId()).isEqualTo(txId);
        assertThat(r.getInterest().getChaincodesList()).extracting(c -> c.getName()).containsExactly("mycc");
    }

    @Test
    void theRealShimBehindTheEndorser() throws Exception {
        try (io.weft.core.chaincode.ChaincodeSupport support = new io.weft.core.chaincode.ChaincodeSupport(10_000, 0)) {
            io.grpc.Server server = io.grpc.Grpc.newServerBuilderForPort(0, io.grpc.InsecureServerCredentials.create())
                    .addService(support.service()).build().start();
            try {
                endorser = new Endorser(registry,
                        ch -> CH.equals(ch) ? Optional.of(new EndorserChannel(fx.config, ledger, provider.transientStores().openStore(CH))) : Optional.empty(),
                        localMsp, fx.peer1, name -> Optional.ofNullable(sccs.get(name)),
                        (ch, txId, cc, input, sp, sim) -> support.executeAsync(org.hyperledger.fabric.protos.peer
                                .ChaincodeMessage.Type.TRANSACTION, ch, txId, cc.name(), cc.name(), input, sp, sim,
                                null, 10_000));
                new io.weft.core.chaincode.KvChaincode().start(new String[] {"-a", "127.0.0.1:" + server.getPort(),
                        "-i", "mycc:1.0"});
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!support.isRunning("mycc") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                ProposalResponse put = process(proposal(fx.user1, CH, "mycc", "put", "k", "v"));
                assertThat(put.getResponse().getStatus()).isEqualTo(200);
                assertThat(put.getResponse().getMessage()).isEqualTo("stored k");
                assertThat(put.hasEndorsement()).isTrue();
                assertThat(action(ProposalResponsePayload.parseFrom(put.getPayload())).getResults()).isNotEmpty();

                ProposalResponse unknown = process(proposal(fx.user1, CH, "mycc", "nope"));
                assertThat(unknown.getResponse().getStatus()).isEqualTo(500);
                assertThat(unknown.getResponse().getMessage()).isEqualTo("Unknown function nope");
                assertThat(unknown.hasEndorsement()).isFalse();
                assertThat(unknown.getPayload()).isNotEmpty();

                ProposalResponse thrown = process(proposal(fx.user1, CH, "mycc", "fail"));
                assertThat(thrown.getResponse().getStatus()).isEqualTo(500);
                assertThat(thrown.getResponse().getMessage())
                        .startsWith("error in simulation: transaction returned with failure: ")
                        .contains("failing as asked");
                assertThat(thrown.getPayload()).isEmpty();
            } finally {
                server.shutdownNow();
            }
        }
    }

    @Test
    void chaincodeToChaincodeCallsRunInTheCallersTransaction() throws Exception {
        try (io.weft.core.chaincode.ChaincodeSupport support = new io.weft.core.chaincode.ChaincodeSupport(10_000, 0)) {
            io.grpc.Server server = io.grpc.Grpc.newServerBuilderForPort(0, io.grpc.InsecureServerCredentials.create())
                    .addService(support.service()).build().start();
            try (BlockCommitter c = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger,
                    new TestPluginSource(), 1)) {
                c.commit(CommitterFixtures.block(ledger.height(), ledger.info().getCurrentBlockHash().toByteArray(),
                        fx.orderer, fx.defineChaincode("other", CommitterFixtures.signaturePolicy("OR('Org1MSP.peer')"),
                                org.hyperledger.fabric.protos.peer.CollectionConfigPackage.getDefaultInstance())
                                .toByteString()));
                endorser = new Endorser(registry,
                        ch -> CH.equals(ch) ? Optional.of(new EndorserChannel(fx.config, ledger,
                                provider.transientStores().openStore(CH))) : Optional.empty(),
                        localMsp, fx.peer1, name -> Optional.ofNullable(sccs.get(name)),
                        (ch, txId, cc, input, sp, sim) -> support.executeAsync(org.hyperledger.fabric.protos.peer
                                .ChaincodeMessage.Type.TRANSACTION, ch, txId, cc.name(), cc.chaincodeId(), input, sp, sim,
                                null, 10_000));
                Endorser e = endorser;
                support.invokeWith((caller, target, txId, name, input, sp, sim, history) -> e.invokeFromChaincode(
                        caller, target, txId, name, input, sp, sim));
                for (String id : List.of("mycc:1.0", "other:1.0")) {
                    new io.weft.core.chaincode.KvChaincode().start(new String[] {"-a", "127.0.0.1:" + server.getPort(),
                            "-i", id});
                }
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!(support.isRunning("mycc") && support.isRunning("other")) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }

                ProposalResponse r = process(proposal(fx.user1, CH, "mycc", "call", "other", "put", "k2", "v2"));
                assertThat(r.getResponse().getStatus()).as(r.getResponse().getMessage()).isEqualTo(200);
                assertThat(r.getResponse().getMessage()).isEqualTo("called: stored k2");
                var rw = org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet.parseFrom(
                        action(ProposalResponsePayload.parseFrom(r.getPayload())).getResults());
                var other = org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet.parseFrom(rw.getNsRwsetList()
                        .stream().filter(n -> n.getNamespace().equals("other")).findFirst().orElseThrow().getRwset());
                assertThat(other.getWritesList()).extracting(w -> w.getKey()).containsExactly("k2");

                // another channel the peer has not joined; a chaincode that is not defined (the Java shim turns the
                // peer's ERROR into an exception without its text; the texts are checked by invokeFromChaincode below)
                for (String target : List.of("other/nochannel", "ghost")) {
                    ProposalResponse failed = process(proposal(fx.user1, CH, "mycc", "call", target, "get", "k"));
                    assertThat(failed.getResponse().getStatus()).isEqualTo(500);
                    assertThat(failed.getResponse().getMessage()).contains("Unsuccessful response received");
                }
                assertThatThrownBy(() -> e.invokeFromChaincode(CH, "nochannel", "tx", "other",
                        ChaincodeInput.getDefaultInstance(), proposal(fx.user1, CH, "mycc", "x"), null))
                        .hasMessage("Failed to get policy manager for channel [nochannel]");
                TxSimulator sim = ledger.newTxSimulator("tx-ghost");
                try {
                    assertThatThrownBy(() -> e.invokeFromChaincode(CH, CH, "tx-ghost", "ghost",
                            ChaincodeInput.getDefaultInstance(), proposal(fx.user1, CH, "mycc", "x"), sim))
                            .hasMessage("invalid invocation: [channel mychannel] failed to get chaincode container info "
                                    + "for ghost: chaincode ghost not found");
                } finally {
                    sim.done();
                }
            } finally {
                server.shutdownNow();
            }
        }
    }

    @Test
    void aChaincodeThatRequiresInitRunsInitOnceBeforeItsTransactions() throws Exception {
        try (BlockCommitter c = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger,
                new TestPluginSource(), 1)) {
            c.commit(CommitterFixtures.block(ledger.height(), ledger.info().getCurrentBlockHash().toByteArray(),
                    fx.orderer, fx.defineChaincode("initcc", CommitterFixtures.signaturePolicy("OR('Org1MSP.peer')"),
                            org.hyperledger.fabric.protos.peer.CollectionConfigPackage.getDefaultInstance(), true)
                            .toByteString()));
            List<String> types = new ArrayList<>();
            endorser = new Endorser(registry,
                    ch -> CH.equals(ch) ? Optional.of(new EndorserChannel(fx.config, ledger,
                            provider.transientStores().openStore(CH))) : Optional.empty(),
                    localMsp, fx.peer1, name -> Optional.ofNullable(sccs.get(name)), (ch, txId, cc, input, sp, sim) -> {
                        types.add(cc.init() ? "INIT" : "TRANSACTION");
                        return java.util.concurrent.CompletableFuture.completedFuture(org.hyperledger.fabric.protos.peer.ChaincodeMessage.newBuilder()
                                .setType(org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.COMPLETED)
                                .setPayload(Response.newBuilder().setStatus(200).build().toByteString()).build());
                    });
            String prefix = "error in simulation: invalid invocation: chaincode 'initcc' ";
            assertThat(process(proposal(fx.user1, CH, "initcc", "invoke")).getResponse().getMessage())
                    .isEqualTo(prefix + "has not been initialized for this version, must call as init first");
            ProposalResponse init = process(initProposal(fx.user1, "initcc"));
            assertThat(init.getResponse().getStatus()).isEqualTo(200);
            var writes = org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet.parseFrom(
                    org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet.parseFrom(action(
                            ProposalResponsePayload.parseFrom(init.getPayload())).getResults()).getNsRwsetList()
                            .stream().filter(n -> n.getNamespace().equals("initcc")).findFirst().orElseThrow()
                            .getRwset()).getWritesList();
            assertThat(writes).singleElement().satisfies(w -> {
                assertThat(w.getKey()).isEqualTo(Endorser.INITIALIZED_KEY);
                assertThat(w.getValue().toStringUtf8()).isEqualTo("1.0");
            });
            assertThat(types).containsExactly("INIT");
            assertThat(process(initProposal(fx.user1, "mycc")).getResponse().getMessage()).isEqualTo(
                    "error in simulation: invalid invocation: chaincode 'mycc' does not require initialization but "
                            + "called as init");
        }
    }

    static SignedProposal initProposal(SigningIdentity signer, String cc) {
        org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec cis = org.hyperledger.fabric.protos.peer
                .ChaincodeInvocationSpec.newBuilder().setChaincodeSpec(org.hyperledger.fabric.protos.peer.ChaincodeSpec
                        .newBuilder().setChaincodeId(ChaincodeID.newBuilder().setName(cc))
                        .setInput(ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("init")).setIsInit(true)))
                .build();
        return io.weft.protoutil.Proposals.sign(io.weft.protoutil.Proposals.create(
                org.hyperledger.fabric.protos.common.HeaderType.ENDORSER_TRANSACTION_VALUE, CH, cis, signer.serialize()),
                signer);
    }

    @Test
    void builtinSccWithoutProviderIsAStatus500() {
        ProposalResponse r = process(proposal(fx.user1, CH, "qscc", "GetChainInfo", CH));
        assertThat(r.getResponse()).isEqualTo(Response.newBuilder().setStatus(500)
                .setMessage("error in simulation: system chaincode qscc is not available on this peer").build());
    }

    @Test
    void missingOrFailingEsccIsAStatus500() {
        registry.escc = null;
        ProposalResponse missing = process(proposal(fx.user1, CH, "tscc", "echo"));
        assertThat(missing.getResponse().getStatus()).isEqualTo(500);
        assertThat(missing.getResponse().getMessage())
                .startsWith("endorsing with plugin failed: plugin with name escc could not be used: "
                        + "plugin with name escc wasn't found");
        assertThat(missing.hasEndorsement()).isFalse();

        registry.escc = ctx -> (prp, sp) -> {
            throw new EndorsementException("HSM unavailable");
        };
        assertThat(process(proposal(fx.user1, CH, "tscc", "echo")).getResponse()).isEqualTo(Response.newBuilder()
                .setStatus(500).setMessage("endorsing with plugin failed: HSM unavailable").build());
        assertThat(registry.open).hasValue(0);
    }

    @Test
    void aFailingSystemChaincodeIsAStatus500() {
        ProposalResponse r = process(proposal(fx.user1, CH, "tscc", "nosuchfunction"));
        assertThat(r.getResponse()).isEqualTo(Response.newBuilder().setStatus(500)
                .setMessage("error in simulation: no function nosuchfunction").build());
    }

    @Test
    void aDefinitionThisOrgDidNotApproveIsNotEndorsed() throws Exception {
        io.weft.lifecycle.ChaincodeDefinition def = new io.weft.lifecycle.ChaincodeDefinition(1,
                org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo.newBuilder().setVersion("1.0")
                        .setEndorsementPlugin("escc").build(),
                org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo.newBuilder()
                        .setValidationPlugin("vscc").build(),
                org.hyperledger.fabric.protos.peer.CollectionConfigPackage.getDefaultInstance());
        var kv = org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet.newBuilder();
        io.weft.lifecycle.LifecycleState.definitionWrites("unapproved", def).forEach((k, v) -> kv.addWrites(
                org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite.newBuilder().setKey(k).setValue(v)));
        try (BlockCommitter c = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger,
                new TestPluginSource(), 1)) {
            c.commit(CommitterFixtures.block(ledger.height(), ledger.info().getCurrentBlockHash().toByteArray(),
                    fx.orderer, fx.tx().chaincode("_lifecycle").results(CommitterFixtures.rwset("_lifecycle", kv.build()))
                            .endorsedBy(fx.peer1, fx.peer2).build().toByteString()));
        }
        ProposalResponse r = process(proposal(fx.user1, CH, "unapproved", "invoke"));
        assertThat(r.getResponse().getStatus()).isEqualTo(500);
        assertThat(r.getResponse().getMessage()).isEqualTo("make sure the chaincode unapproved has been successfully "
                + "defined on channel mychannel and try again: chaincode definition for 'unapproved' at sequence 1 on "
                + "channel 'mychannel' has not yet been approved by this org");
    }

    @Test
    void aSystemChaincodeWritesThroughItsStateAndPrivateWritesWaitInTheTransientStore() throws Exception {
        sccs.put("_lifecycle", inv -> {
            io.weft.api.scc.SccState state = inv.state().orElseThrow();
            assertThat(state.getState("k")).isNull();
            state.putState("k", ByteString.copyFromUtf8("v"));
            state.putPrivateData("_implicit_org_Org1MSP", "pk", ByteString.copyFromUtf8("secret"));
            return Response.newBuilder().setStatus(200).build();
        });
        SignedProposal sp = proposal(fx.user1, CH, "_lifecycle", "anything");
        ProposalResponse r = process(sp);

        assertThat(r.getResponse().getStatus()).as("%s", r.getResponse()).isEqualTo(200);
        org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet rwset =
                org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet.parseFrom(
                        action(ProposalResponsePayload.parseFrom(r.getPayload())).getResults());
        assertThat(rwset.getNsRwsetList()).extracting(ns -> ns.getNamespace()).containsExactly("_lifecycle");
        assertThat(rwset.getNsRwset(0).getCollectionHashedRwsetList()).extracting(c -> c.getCollectionName())
                .containsExactly("_implicit_org_Org1MSP");
        Header header = Header.parseFrom(Proposal.parseFrom(sp.getProposalBytes()).getHeader());
        String txId = org.hyperledger.fabric.protos.common.ChannelHeader.parseFrom(header.getChannelHeader()).getTxId();
        var stored = provider.transientStores().openStore(CH).getTxPvtRWSetByTxid(txId, null);
        var entry = stored.next();
        assertThat(entry).isNotNull();
        assertThat(entry.pvtSimulationResultsWithConfig().getCollectionConfigsMap()).containsOnlyKeys("_lifecycle");
        assertThat(entry.pvtSimulationResultsWithConfig().getCollectionConfigsMap().get("_lifecycle").getConfigList())
                .extracting(c -> c.getStaticCollectionConfig().getName()).containsExactly("_implicit_org_Org1MSP");
        assertThat(entry.pvtSimulationResultsWithConfig().getEndorsedAt()).isEqualTo(ledger.height());
    }

    /** An lscc deploy endorsed as Fabric's endorser does it: lscc's answer, then the chaincode's Init. */
    private SignedProposal lsccDeploy(String name, ByteString code) {
        ByteString cds = org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec.newBuilder()
                .setChaincodeSpec(org.hyperledger.fabric.protos.peer.ChaincodeSpec.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName(name).setVersion("1.0"))
                        .setInput(org.hyperledger.fabric.protos.peer.ChaincodeInput.newBuilder()
                                .addArgs(ByteString.copyFromUtf8("init")).addArgs(ByteString.copyFromUtf8("a"))))
                .setCodePackage(code).build().toByteString();
        return io.weft.protoutil.Proposals.signed(org.hyperledger.fabric.protos.common.HeaderType.ENDORSER_TRANSACTION_VALUE,
                CH, "lscc", admin, ByteString.copyFromUtf8("deploy"), ByteString.copyFromUtf8(CH), cds);
    }

    private Endorser withInit(List<String> seen, org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type answer) {
        sccs.put("lscc", inv -> {
            inv.state().orElseThrow().putState("mycc", ByteString.copyFromUtf8("data"));
            inv.setEvent("upgrade", ByteString.copyFromUtf8("evt"));
            return Response.newBuilder().setStatus(200).setPayload(ByteString.copyFromUtf8("data")).build();
        });
        return new Endorser(registry,
                ch -> CH.equals(ch) ? Optional.of(new EndorserChannel(fx.config, ledger, provider.transientStores().openStore(CH))) : Optional.empty(),
                localMsp, fx.peer1, name -> Optional.ofNullable(sccs.get(name)), (ch, txId, cc, input, sp, sim) -> {
                    seen.add(cc.name() + "/" + cc.chaincodeId() + "/" + cc.init() + "/" + input.getArgsList().stream()
                            .map(ByteString::toStringUtf8).toList());
                    sim.setState(cc.name(), "initialized", ByteString.copyFromUtf8("yes"));
                    return java.util.concurrent.CompletableFuture.completedFuture(org.hyperledger.fabric.protos.peer.ChaincodeMessage.newBuilder().setType(answer).setTxid(txId)
                            .setPayload(answer == org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.ERROR
                                    ? ByteString.copyFromUtf8("init refused")
                                    : Response.newBuilder().setStatus(200).build().toByteString())
                            .build());
                });
    }

    @Test
    void anLsccDeployRunsTheChaincodesInitInTheSameSimulation() throws Exception {
        List<String> seen = new ArrayList<>();
        endorser = withInit(seen, org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.COMPLETED);
        ProposalResponse r = process(lsccDeploy("mycc", ByteString.EMPTY));

        assertThat(r.getResponse().getStatus()).as("%s", r.getResponse()).isEqualTo(200);
        assertThat(seen).containsExactly("mycc/mycc:1.0/true/[init, a]");
        ChaincodeAction a = action(ProposalResponsePayload.parseFrom(r.getPayload()));
        org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet rwset =
                org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet.parseFrom(a.getResults());
        assertThat(rwset.getNsRwsetList()).extracting(ns -> ns.getNamespace()).containsExactly("lscc", "mycc");
        var event = org.hyperledger.fabric.protos.peer.ChaincodeEvent.parseFrom(a.getEvents());
        assertThat(event.getChaincodeId()).isEqualTo("lscc");
        assertThat(event.getEventName()).isEqualTo("upgrade");
    }

    @Test
    void aFailingInitOrABadSpecFailsTheDeploy() throws Exception {
        List<String> seen = new ArrayList<>();
        endorser = withInit(seen, org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.ERROR);
        ProposalResponse r = process(lsccDeploy("mycc", ByteString.EMPTY));
        assertThat(r.getResponse().getStatus()).isEqualTo(500);
        assertThat(r.getResponse().getMessage()).isEqualTo(
                "error in simulation: transaction returned with failure: init refused");

        assertThat(process(lsccDeploy("mycc", ByteString.copyFromUtf8("code"))).getResponse().getMessage())
                .isEqualTo("error in simulation: lscc upgrade/deploy should not include a code packages");
        assertThat(process(lsccDeploy("qscc", ByteString.EMPTY)).getResponse().getMessage())
                .isEqualTo("error in simulation: attempting to deploy a system chaincode qscc/" + CH);
        assertThat(seen).hasSize(1);
    }

    @Test
    void instantiationPoliciesAreCheckedAgainstTheProposalsCreator() {
        ByteString anyAdmin = io.weft.lifecycle.SignaturePolicies.signedByAnyAdmin(List.of("Org1MSP", "Org2MSP"))
                .toByteString();
        sccs.put("tscc", inv -> {
            try {
                inv.checkSignaturePolicy(anyAdmin, CH);
                return Response.newBuilder().setStatus(200).build();
            } catch (io.weft.api.scc.AccessDeniedException e) {
                return Response.newBuilder().setStatus(500).setMessage(e.getMessage()).build();
            }
        });
        assertThat(process(proposal(admin, CH, "tscc", "x")).getResponse().getStatus()).isEqualTo(200);
        ProposalResponse user = process(proposal(fx.user1, CH, "tscc", "x"));
        assertThat(user.getResponse().getMessage()).isEqualTo("signature set did not satisfy policy");
    }

    @Test
    void privateWritesWithoutCollectionsAreAStatus500() {
        sccs.put("tscc", inv -> {
            inv.state().orElseThrow().putPrivateData("coll", "k", ByteString.copyFromUtf8("v"));
            return Response.newBuilder().setStatus(200).build();
        });
        ProposalResponse r = process(proposal(fx.user1, CH, "tscc", "x"));
        assertThat(r.getResponse().getStatus()).isEqualTo(500);
        assertThat(r.getResponse().getMessage()).isEqualTo(
                "error in simulation: failed to obtain collections config: no collection config for chaincode \"tscc\"");
    }

    @Test
    void theSimulatorIsReleased() throws Exception {
        for (int i = 0; i < 3; i++) {
            process(proposal(fx.user1, CH, "tscc", "echo"));
            process(proposal(fx.user1, CH, "nocc", "invoke"));
            process(proposal(fx.user1, CH, "tscc", "nosuchfunction"));
        }
        // a commit needs every simulator done
        try (BlockCommitter c = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger,
                new TestPluginSource(), 1)) {
            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
                try {
                    c.commit(CommitterFixtures.block(ledger.height(), ledger.info().getCurrentBlockHash().toByteArray(),
                            fx.orderer, fx.tx().chaincode("mycc").endorsedBy(fx.peer1).build().toByteString()));
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            commit.get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(ledger.height()).isEqualTo(3);
    }

    // ---- through gRPC (loopback Netty: grpc-inprocess is not on the classpath)

    @Test
    void overGrpcRefusalsAreUnknownErrorsAndTheServiceLivesOn() throws Exception {
        List<String> remotes = new java.util.concurrent.CopyOnWriteArrayList<>();
        registry.filters.add((ctx, sp, next) -> {
            remotes.add(ctx.remoteAddress());
            return next.process(sp);
        });
        io.grpc.Server server = io.grpc.netty.NettyServerBuilder
                .forAddress(new java.net.InetSocketAddress("127.0.0.1", 0))
                .addService(io.grpc.ServerInterceptors.intercept(new EndorserService(endorser),
                        new io.weft.core.grpc.RemoteAddress()))
                .build().start();
        io.grpc.ManagedChannel channel = io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext().build();
        try {
            var stub = org.hyperledger.fabric.protos.peer.EndorserGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThatThrownBy(() -> stub.processProposal(SignedProposal.newBuilder()
                    .setProposalBytes(ByteString.copyFromUtf8("\u00ff")).build()))
                    .isInstanceOfSatisfying(io.grpc.StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNKNOWN);
                        assertThat(e.getStatus().getDescription()).startsWith("error unmarshalling Proposal: ");
                    });
            ProposalResponse ok = stub.processProposal(proposal(fx.user1, CH, "tscc", "echo", "over", "grpc"));
            assertThat(ok.getResponse().getPayload().toStringUtf8()).isEqualTo("over grpc");
            assertThat(ok.hasEndorsement()).isTrue();
            assertThat(stub.processProposal(proposal(fx.user1, "nochannel", "tscc", "echo")).getResponse().getMessage())
                    .isEqualTo("channel 'nochannel' not found");
            assertThat(remotes).hasSize(3).allMatch(a -> a.startsWith("127.0.0.1:"));
        } finally {
            channel.shutdownNow();
            server.shutdownNow().awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
