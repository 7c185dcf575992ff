package io.weft.core.committer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.protos.transientstore.TxPvtReadWriteSetWithConfigInfo;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.google.protobuf.ByteString;

import io.weft.api.identity.SigningIdentity;
import io.weft.api.storage.StorageProvider;
import io.weft.core.ledger.ChaincodeCollectionSource;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerFiles;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.transientstore.TransientStore;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.ledger.txmgr.SimulationResults;
import io.weft.ledger.txmgr.TxSimulator;
import io.weft.storage.leveldb.LevelDbStorageComponent;
import io.weft.storage.memory.MemoryStorageComponent;

/**
 * Ledgers and committers for the committer acceptance tests: each ledger starts from mychannel's genesis block and
 * commits block 1 defining the chaincodes the test asks for through real {@code _lifecycle} transactions; its
 * collections are read from that state, and its committers keep private data as peer0.org1 (unless told otherwise)
 * from the ledger's transient store. Small builders for read-write sets, blocks and the codes a committed block
 * carries. Registered as an extension ({@link #inTempDir()}), a bed closes and removes itself after each test.
 */
final class CommitterTestBed implements AutoCloseable, AfterEachCallback {

    static final String CC = "mycc";
    static final String ANY_PEER = "OR('Org1MSP.peer','Org2MSP.peer')";

    final CommitterFixtures fx;
    final TestPluginSource plugins = new TestPluginSource();
    private final Path dir;
    private final boolean ownDir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<KvLedger, LedgerProvider> providers = new IdentityHashMap<>();

    CommitterTestBed(Path dir) throws Exception {
        this(dir, false);
    }

    private CommitterTestBed(Path dir, boolean ownDir) throws Exception {
        this.dir = dir;
        this.ownDir = ownDir;
        this.fx = CommitterFixtures.get();
    }

    /** A memory ledger at height 2: block 1 defines {@code mycc} with any org's peer as its policy. */
    KvLedger ledger(String name) throws Exception {
        return ledger(StorageProvider.MEMORY, name, Map.of(CC, CommitterFixtures.signaturePolicy(ANY_PEER)),
                CollectionConfigPackage.getDefaultInstance());
    }

    /** A ledger at height 2: block 1 defines each chaincode with its policy ({@code collections} for all of them). */
    KvLedger ledger(String backend, String name, Map<String, ByteString> chaincodes,
            CollectionConfigPackage collections) throws Exception {
        StorageProvider storage = StorageProvider.MEMORY.equals(backend) ? new MemoryStorageComponent()
                : new LevelDbStorageComponent();
        LedgerProvider provider = LedgerProvider.open(new LedgerLayout(dir.resolve(name)), storage,
                LedgerConfig.defaults().withCollections(new ChaincodeCollectionSource()));
        open.add(provider);
        KvLedger ledger = provider.create(fx.genesis);
        providers.put(ledger, provider);
        List<Envelope> defs = new ArrayList<>();
        chaincodes.forEach((cc, policy) -> defs.add(fx.defineChaincode(cc, policy, collections)));
        try (BlockCommitter c = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger, plugins, 1)) {
            assertThat(c.commit(next(ledger, defs.toArray(Envelope[]::new))).codes())
                    .containsOnly(TxValidationCode.VALID).hasSize(defs.size());
        }
        return ledger;
    }

    /** A memory ledger at height 1, created from {@code genesis}. */
    KvLedger ledgerFrom(String name, Block genesis) throws Exception {
        LedgerProvider provider = LedgerProvider.open(new LedgerLayout(dir.resolve(name)), new MemoryStorageComponent(),
                LedgerConfig.defaults().withCollections(new ChaincodeCollectionSource()));
        open.add(provider);
        KvLedger ledger = provider.create(genesis);
        providers.put(ledger, provider);
        return ledger;
    }

    /** A committer keeping private data as peer0.org1, with Fabric's transient store retention. */
    BlockCommitter committer(KvLedger ledger, int poolSize) throws Exception {
        return committer(ledger, poolSize, fx.peer1, PrivateDataSupport.DEFAULT_TRANSIENT_BLOCK_RETENTION);
    }

    /** A committer keeping the private data {@code peer} is a member of. */
    BlockCommitter committer(KvLedger ledger, int poolSize, SigningIdentity peer, long transientBlockRetention)
            throws Exception {
        PrivateDataSupport privateData = new PrivateDataSupport(transientStore(ledger), CollectionMembership.of(peer),
                transientBlockRetention);
        BlockCommitter c = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger, plugins, poolSize,
                privateData);
        open.add(c);
        return c;
    }

    /** The transient store of a ledger this bed made. */
    TransientStore transientStore(KvLedger ledger) {
        return providers.get(ledger).transientStores().openStore(ledger.id());
    }

    Block next(KvLedger ledger, Envelope... txs) {
        ByteString[] data = new ByteString[txs.length];
        for (int i = 0; i < txs.length; i++) {
            data[i] = txs[i].toByteString();
        }
        return nextOf(ledger, data);
    }

    Block nextOf(KvLedger ledger, ByteString... data) {
        return CommitterFixtures.block(ledger.height(), ledger.info().getCurrentBlockHash().toByteArray(),
                fx.orderer, data);
    }

    // ---- read-write sets

    static TxReadWriteSet rw(KVRWSet kv) {
        return rw(CC, kv);
    }

    static TxReadWriteSet rw(String ns, KVRWSet kv) {
        return TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(ns).setRwset(kv.toByteString())).build();
    }

    static KVWrite write(String key, String value) {
        return KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)).build();
    }

    static KVRead read(String key, long block, long tx) {
        return KVRead.newBuilder().setKey(key).setVersion(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version
                .newBuilder().setBlockNum(block).setTxNum(tx)).build();
    }

    /** A metadata write setting {@code key}'s VALIDATION_PARAMETER to a {@code SignaturePolicyEnvelope}. */
    static KVMetadataWrite validationParameter(String key, String dsl) {
        try {
            return KVMetadataWrite.newBuilder().setKey(key).addEntries(KVMetadataEntry.newBuilder()
                    .setName("VALIDATION_PARAMETER").setValue(io.weft.policies.PolicyDsl.parse(dsl).toByteString()))
                    .build();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Plain writes to mycc endorsed by peer0.org1. */
    Envelope writes(KVWrite... w) {
        return fx.tx().chaincode(CC).results(rw(KVRWSet.newBuilder().addAllWrites(List.of(w)).build()))
                .endorsedBy(fx.peer1).build();
    }

    // ---- private data, as an endorser leaves it

    /** What {@code simulation} writes, simulated on {@code ledger}'s committed state. */
    static SimulationResults simulate(KvLedger ledger, Consumer<TxSimulator> simulation) {
        TxSimulator sim = ledger.newTxSimulator("sim");
        try {
            simulation.accept(sim);
            return sim.getTxSimulationResults();
        } finally {
            sim.done();
        }
    }

    /** Stores {@code pvt} as the private results of {@code tx} in the ledger's transient store, at its height. */
    void persistPrivate(KvLedger ledger, Envelope tx, TxPvtReadWriteSet pvt) throws Exception {
        long height = ledger.height();
        transientStore(ledger).persist(txId(tx), height, TxPvtReadWriteSetWithConfigInfo.newBuilder()
                .setEndorsedAt(height).setPvtRwset(pvt).build());
    }

    // ---- committed blocks and state

    static String txId(Envelope env) throws Exception {
        return ChannelHeader.parseFrom(Payload.parseFrom(env.getPayload()).getHeader().getChannelHeader()).getTxId();
    }

    static List<TxValidationCode> filter(Block block) {
        ByteString f = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        List<TxValidationCode> codes = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            codes.add(TxValidationCode.forNumber(f.byteAt(i) & 0xff));
        }
        return codes;
    }

    static ByteString state(KvLedger ledger, String ns, String key) {
        return query(ledger, q -> q.getState(ns, key));
    }

    /** What {@code read} reads from the ledger's committed state. */
    static <T> T query(KvLedger ledger, Function<QueryExecutor, T> read) {
        QueryExecutor q = ledger.newQueryExecutor("q");
        try {
            return read.apply(q);
        } finally {
            q.done();
        }
    }

    static byte[] commitHashOf(Block block) throws Exception {
        return Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE)).getValue()
                .toByteArray();
    }

    /** A bed in a temporary directory of its own, for {@code @RegisterExtension}. */
    static CommitterTestBed inTempDir() {
        try {
            return new CommitterTestBed(Files.createTempDirectory("committer-bed"), true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the committer test bed: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            close();
        } finally {
            if (ownDir) {
                LedgerFiles.deleteTree(dir);
            }
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IOException("closing " + open.get(i), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
