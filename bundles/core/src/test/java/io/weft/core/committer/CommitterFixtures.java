package io.weft.core.committer;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.channelconfig.ChannelConfig;
import io.weft.msp.IdentityDeserializer;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.MspSigningIdentity;
import io.weft.msp.Msps;
import io.weft.protoutil.BlockHashes;
import io.weft.protoutil.Envelopes;
import io.weft.protoutil.Hashing;
import io.weft.protoutil.TxIds;
import io.weft.testing.FabricVectors;

/** mychannel's config, the vector identities, and signed transactions and blocks built from them. */
public final class CommitterFixtures {

    public static final String CHANNEL = "mychannel";

    public final Block genesis;
    public final ChannelConfig config;
    public final MspSigningIdentity user1;
    public final MspSigningIdentity admin1; // Admin@org1: satisfies lscc's default instantiation policy
    public final MspSigningIdentity orderer;
    public final MspSigningIdentity peer1; // peer0.org1: satisfies Org1's Endorsement policy
    public final MspSigningIdentity peer2; // peer0.org2
    public final io.weft.bccsp.Bccsp bccsp;

    private static CommitterFixtures instance;

    private CommitterFixtures() throws Exception {
        bccsp = Bccsp.software(SwOptions.defaults());
        genesis = Block.parseFrom(Files.readAllBytes(FabricVectors.root().resolve("mychannel.block")));
        config = ChannelConfig.fromBlock(genesis, bccsp);
        user1 = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org1().resolve("users/User1@org1.example.com/msp"), "Org1MSP")).signingIdentity();
        admin1 = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org1().resolve("users/Admin@org1.example.com/msp"), "Org1MSP")).signingIdentity();
        orderer = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.ordererOrg().resolve("orderers/orderer.example.com/msp"), "OrdererMSP")).signingIdentity();
        peer1 = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org1().resolve("peers/peer0.org1.example.com/msp"), "Org1MSP")).signingIdentity();
        peer2 = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org2().resolve("peers/peer0.org2.example.com/msp"), "Org2MSP")).signingIdentity();
    }

    /** An endorser transaction by User1 on mychannel, to be shaped by the test. */
    public EndorsedTx tx() {
        return new EndorsedTx(user1);
    }

    /**
     * The {@code _lifecycle} transaction committing chaincode {@code name} with {@code policy} (an
     * {@code ApplicationPolicy}) and {@code collections}, endorsed by both orgs' peers as LifecycleEndorsement needs.
     */
    public Envelope defineChaincode(String name, ByteString policy,
            org.hyperledger.fabric.protos.peer.CollectionConfigPackage collections) {
        return defineChaincode(name, policy, collections, false);
    }

    /** As above; {@code initRequired}: the chaincode must run INIT once before its transactions. */
    public Envelope defineChaincode(String name, ByteString policy,
            org.hyperledger.fabric.protos.peer.CollectionConfigPackage collections, boolean initRequired) {
        io.weft.lifecycle.ChaincodeDefinition def = new io.weft.lifecycle.ChaincodeDefinition(1,
                org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo.newBuilder().setVersion("1.0")
                        .setEndorsementPlugin("escc").setInitRequired(initRequired).build(),
                org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo.newBuilder()
                        .setValidationPlugin("vscc").setValidationParameter(policy).build(),
                collections);
        org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet.Builder kv =
                org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet.newBuilder();
        io.weft.lifecycle.LifecycleState.definitionWrites(name, def).forEach((k, v) -> kv.addWrites(
                org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite.newBuilder().setKey(k).setValue(v)));
        org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet.Builder ns =
                org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet.newBuilder()
                        .setNamespace(io.weft.lifecycle.LifecycleState.NAMESPACE).setRwset(kv.build().toByteString());
        for (String org : List.of("Org1MSP", "Org2MSP")) {
            ns.addCollectionHashedRwset(approval(org, name, def));
        }
        return tx().chaincode(io.weft.lifecycle.LifecycleState.NAMESPACE)
                .results(org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet.newBuilder()
                        .setDataModel(org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet.DataModel.KV)
                        .addNsRwset(ns).build())
                .endorsedBy(peer1, peer2).build();
    }

    /**
     * An org's approval of {@code def} as it lands in the block: the hashes of the approved parameters and of an
     * empty package ID (the chaincode runs as {@code name:version}, started by the user) in the org's implicit
     * collection.
     */
    static org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet approval(String mspId, String name,
            io.weft.lifecycle.ChaincodeDefinition def) {
        String privateName = name + "#" + def.sequence();
        org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet.Builder hashed =
                org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet.newBuilder();
        for (var entry : List.of(java.util.Map.entry(io.weft.lifecycle.Structure.NAMESPACES,
                io.weft.lifecycle.Structure.parameters(def)), java.util.Map.entry(io.weft.lifecycle.Structure.CHAINCODE_SOURCES,
                io.weft.lifecycle.Structure.localPackage("")))) {
            String prefix = entry.getKey();
            io.weft.lifecycle.Structure st = entry.getValue();
            for (io.weft.lifecycle.Structure.Field f : st.fields()) {
                hashed.addHashedWrites(hashedWrite(io.weft.lifecycle.LifecycleState.fieldKey(prefix, privateName, f.name()),
                        f.value().toByteString()));
            }
            hashed.addHashedWrites(hashedWrite(io.weft.lifecycle.LifecycleState.metadataKey(prefix, privateName),
                    st.metadataBytes()));
        }
        return org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet.newBuilder()
                .setCollectionName(io.weft.lifecycle.ChaincodeCollections.implicitCollectionName(mspId))
                .setHashedRwset(hashed.build().toByteString()).build();
    }

    private static org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash hashedWrite(String key, ByteString value) {
        return org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash.newBuilder()
                .setKeyHash(ByteString.copyFrom(io.weft.protoutil.Hashing.sha256(ByteString.copyFromUtf8(key))))
                .setValueHash(ByteString.copyFrom(io.weft.protoutil.Hashing.sha256(value))).build();
    }

    /** A read-write set with one namespace. */
    public static org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet rwset(String ns,
            org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet kv) {
        return org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet.newBuilder()
                .setDataModel(org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet.DataModel.KV)
                .addNsRwset(org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet.newBuilder().setNamespace(ns)
                        .setRwset(kv.toByteString()))
                .build();
    }

    /** {@code OR('Org1MSP.peer', 'Org2MSP.peer')}-style policies: any peer of the listed orgs, {@code n} of them. */
    public static ByteString signaturePolicy(String dsl) {
        try {
            return org.hyperledger.fabric.protos.peer.ApplicationPolicy.newBuilder()
                    .setSignaturePolicy(io.weft.policies.PolicyDsl.parse(dsl)).build().toByteString();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A reference to a channel policy, e.g. {@code /Channel/Application/Endorsement}. */
    public static ByteString policyReference(String path) {
        return org.hyperledger.fabric.protos.peer.ApplicationPolicy.newBuilder().setChannelConfigPolicyReference(path)
                .build().toByteString();
    }

    public static synchronized CommitterFixtures get() throws Exception {
        if (instance == null) {
            instance = new CommitterFixtures();
        }
        return instance;
    }

    /** The peer has joined mychannel and, for replay tests, "joined" with the same MSPs. */
    ChannelDeserializers deserializers(String... joined) {
        return ch -> {
            if (ch.equals(CHANNEL) || java.util.Arrays.asList(joined).contains(ch)) {
                return Optional.<IdentityDeserializer>of(config.deserializer());
            }
            return Optional.empty();
        };
    }

    Envelope endorserTx(String channel) {
        return endorserTx(channel, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * A well-formed endorser transaction by User1 (no endorsements: those are checked by a later stage), after
     * {@code editHeader} and {@code editTx}; the txid is computed before {@code editHeader} runs.
     */
    Envelope endorserTx(String channel, UnaryOperator<ChannelHeader.Builder> editHeader,
            UnaryOperator<Transaction.Builder> editTx) {
        return endorserTx(channel, editHeader, editTx, ByteString.copyFromUtf8("results"));
    }

    /** A well-formed endorser transaction by User1 on mychannel whose chaincode action carries {@code results}. */
    Envelope endorserTx(org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet results) {
        ByteString action = org.hyperledger.fabric.protos.peer.ChaincodeAction.newBuilder()
                .setResults(results.toByteString()).build().toByteString();
        return endorserTx(CHANNEL, UnaryOperator.identity(), UnaryOperator.identity(), action);
    }

    private Envelope endorserTx(String channel, UnaryOperator<ChannelHeader.Builder> editHeader,
            UnaryOperator<Transaction.Builder> editTx, ByteString extension) {
        SignatureHeader shdr = SignatureHeader.newBuilder().setCreator(user1.serialize()).setNonce(Envelopes.nonce()).build();
        ChannelHeader.Builder chdr = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(channel).setTimestamp(Envelopes.now())
                .setTxId(TxIds.compute(shdr.getNonce(), shdr.getCreator()));
        ByteString chdrBytes = editHeader.apply(chdr).build().toByteString();
        ByteString shdrBytes = shdr.toByteString();
        ByteString ccpp = ChaincodeProposalPayload.newBuilder().setInput(ByteString.copyFromUtf8("invoke")).build()
                .toByteString();
        ByteString prp = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFrom(Hashing.sha256(chdrBytes, shdrBytes, ccpp)))
                .setExtension(extension).build().toByteString();
        ChaincodeActionPayload cap = ChaincodeActionPayload.newBuilder().setChaincodeProposalPayload(ccpp)
                .setAction(ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(prp)).build();
        Transaction.Builder tx = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder().setHeader(shdrBytes).setPayload(cap.toByteString()));
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(chdrBytes).setSignatureHeader(shdrBytes))
                .setData(editTx.apply(tx).build().toByteString()).build();
        return sign(payload);
    }

    /** An envelope of {@code type} by User1 carrying {@code data}. */
    Envelope typedTx(int type, ByteString data) {
        SignatureHeader shdr = SignatureHeader.newBuilder().setCreator(user1.serialize()).setNonce(Envelopes.nonce()).build();
        ChannelHeader chdr = ChannelHeader.newBuilder().setType(type).setChannelId(CHANNEL).build();
        return sign(Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(chdr.toByteString())
                .setSignatureHeader(shdr.toByteString())).setData(data).build());
    }

    Envelope sign(Payload payload) {
        ByteString bytes = payload.toByteString();
        return Envelope.newBuilder().setPayload(bytes).setSignature(ByteString.copyFrom(user1.sign(bytes.toByteArray())))
                .build();
    }

    /** Block {@code number} after a block with header hash {@code previousHash}, its data signed by {@code signer}. */
    public static Block block(long number, byte[] previousHash, MspSigningIdentity signer, ByteString... txs) {
        BlockData data = BlockData.newBuilder().addAllData(java.util.List.of(txs)).build();
        BlockHeader header = BlockHeader.newBuilder().setNumber(number).setPreviousHash(ByteString.copyFrom(previousHash))
                .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(data))).build();
        return Block.newBuilder().setHeader(header).setData(data).setMetadata(signedMetadata(header, signer)).build();
    }

    /** Five metadata slots, slot 0 signed as an orderer does. */
    public static BlockMetadata signedMetadata(BlockHeader header, MspSigningIdentity signer) {
        ByteString value = OrdererBlockMetadata.newBuilder().setLastConfig(LastConfig.newBuilder().setIndex(0)).build()
                .toByteString();
        ByteString sh = SignatureHeader.newBuilder().setCreator(signer.serialize()).setNonce(Envelopes.nonce()).build()
                .toByteString();
        byte[] signed = value.concat(sh).concat(ByteString.copyFrom(BlockHashes.headerBytes(header))).toByteArray();
        Metadata md = Metadata.newBuilder().setValue(value).addSignatures(MetadataSignature.newBuilder()
                .setSignatureHeader(sh).setSignature(ByteString.copyFrom(signer.sign(signed)))).build();
        BlockMetadata.Builder b = BlockMetadata.newBuilder().addMetadata(md.toByteString());
        for (int i = 1; i < 5; i++) {
            b.addMetadata(ByteString.EMPTY);
        }
        return b.build();
    }
}
