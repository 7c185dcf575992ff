package io.weft.core.committer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import com.google.protobuf.ByteString;

import io.weft.api.storage.StorageProvider;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.storage.leveldb.LevelDbStorageComponent;
import io.weft.storage.memory.MemoryStorageComponent;

/**
 * Ledgers and committers for the committer acceptance tests: each ledger starts from mychannel's genesis block and
 * commits block 1 defining the chaincodes the test asks for through real {@code _lifecycle} transactions; small
 * builders for read-write sets, blocks and the codes a committed block carries.
 */
final class CommitterTestBed implements AutoCloseable {

    static final String CC = "mycc";
    static final String ANY_PEER = "OR('Org1MSP.peer','Org2MSP.peer')";

    final CommitterFixtures fx;
    final TestPluginSource plugins = new TestPluginSource();
    private final Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    CommitterTestBed(Path dir) throws Exception {
        this.dir = dir;
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
                LedgerConfig.defaults().withBtlPolicies(id -> (ns, coll) -> blockToLive(collections, coll)));
        open.add(provider);
        KvLedger ledger = provider.create(fx.genesis);
        List<Envelope> defs = new ArrayList<>();
        chaincodes.forEach((cc, policy) -> defs.add(fx.defineChaincode(cc, policy, collections)));
        try (BlockCommitter c = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger, plugins, 1)) {
            assertThat(c.commit(next(ledger, defs.toArray(Envelope[]::new))).codes())
                    .containsOnly(TxValidationCode.VALID).hasSize(defs.size());
        }
        return ledger;
    }

    /** The collection's configured block-to-live; 0 (never expires) for the others, implicit ones included. */
    private static long blockToLive(CollectionConfigPackage collections, String collection) {
        return collections.getConfigList().stream().map(c -> c.getStaticCollectionConfig())
                .filter(c -> c.getName().equals(collection)).mapToLong(c -> c.getBlockToLive()).findFirst().orElse(0);
    }

    BlockCommitter committer(KvLedger ledger, int poolSize) throws Exception {
        BlockCommitter c = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger, plugins, poolSize);
        open.add(c);
        return c;
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
        QueryExecutor q = ledger.newQueryExecutor("q");
        try {
            return q.getState(ns, key);
        } finally {
            q.done();
        }
    }

    static byte[] commitHashOf(Block block) throws Exception {
        return Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE)).getValue()
                .toByteArray();
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
