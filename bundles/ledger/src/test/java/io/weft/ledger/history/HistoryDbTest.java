package io.weft.ledger.history;

import static io.weft.ledger.txmgr.TestTransactions.block;
import static io.weft.ledger.txmgr.TestTransactions.endorserTx;
import static io.weft.ledger.txmgr.TestTransactions.tx;
import static io.weft.ledger.txmgr.TestTransactions.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.weft.api.storage.KeyValueStore;
import io.weft.ledger.blockstore.BlockStore;
import io.weft.ledger.kv.DbHandle;
import io.weft.ledger.state.Version;
import io.weft.ledger.testing.TestStores;
import io.weft.ledger.txmgr.ResultsIterator;
import io.weft.testing.FabricVectors;

class HistoryDbTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void historyOfValidWritesNewestFirst(String backend) throws Exception {
        try (KeyValueStore index = TestStores.open(backend, tmp.resolve("index"));
                KeyValueStore historyStore = TestStores.open(backend, tmp.resolve("historyLeveldb"));
                BlockStore blocks = BlockStore.open(tmp.resolve("chains/chains/mychannel"),
                        new DbHandle(index, "mychannel"), 1 << 20)) {
            HistoryDb history = new HistoryDb(new DbHandle(historyStore, "mychannel"));
            Block genesis = Block.parseFrom(FabricVectors.bytes("mychannel.block"));
            blocks.append(genesis);
            history.commit(genesis);
            assertThat(history.savepoint()).contains(new Version(0, 1));

            Block b1 = block(genesis, List.of(
                    endorserTx("tx1", 100, writes("cc", "k", "v1", "other", "x")),
                    endorserTx("bad", 101, writes("cc", "k", "never"))),
                    (byte) 0, (byte) 11);
            Block b2 = block(b1, List.of(
                    tx(HeaderType.CONFIG_VALUE, "cfg", 150, writes("cc", "k", "config")),
                    endorserTx("tx2", 200, writes("cc", "k", "v2")),
                    endorserTx("tx3", 300, writes("cc", "k", null))),
                    (byte) 0, (byte) 0, (byte) 0);
            Block b3 = block(b2, List.of(endorserTx("tx4", 400, writes("cc", "k", "v4"))), (byte) 0);
            for (Block b : List.of(b1, b2, b3)) {
                blocks.append(b);
                history.commit(b);
            }
            assertThat(history.savepoint()).contains(new Version(3, 1));

            // ns 0x00 ovarint(len(key)) key 0x00 ovarint(block) ovarint(tx) → empty, in the channel's database
            byte[] key = HexFormat.of().parseHex(HexFormat.of().formatHex("mychannel\0cc\0".getBytes())
                    + "0101" + "6b" + "00" + "0102" + "0101");
            assertThat(historyStore.get(key)).isEmpty();
            assertThat(historyStore.get(HexFormat.of().parseHex(HexFormat.of().formatHex("mychannel\0cc\0".getBytes())
                    + "0101" + "6b" + "00" + "0101" + "0101"))).isNull(); // the invalid tx

            List<KeyModification> mods = new ArrayList<>();
            ResultsIterator<KeyModification> it = history.newQueryExecutor(blocks::transaction)
                    .getHistoryForKey("cc", "k");
            for (KeyModification m = it.next(); m != null; m = it.next()) {
                mods.add(m);
            }
            it.close();
            assertThat(mods).extracting(KeyModification::getTxId).containsExactly("tx4", "tx3", "tx2", "tx1");
            assertThat(mods).extracting(m -> m.getValue().toStringUtf8()).containsExactly("v4", "", "v2", "v1");
            assertThat(mods).extracting(KeyModification::getIsDelete).containsExactly(false, true, false, false);
            assertThat(mods).extracting(m -> m.getTimestamp().getSeconds()).containsExactly(400L, 300L, 200L, 100L);

            ResultsIterator<KeyModification> none = history.newQueryExecutor(blocks::transaction)
                    .getHistoryForKey("cc", "absent");
            assertThat(none.next()).isNull();
            // a key that is a prefix of another does not pick up the other's history
            assertThat(history.newQueryExecutor(blocks::transaction).getHistoryForKey("cc", "othe").next()).isNull();
            assertThat(history.recoverFrom(3)).isEmpty();
            assertThat(history.recoverFrom(5)).contains(4L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "leveldb"})
    void anIndexedTransactionWithoutTheKeyIsAnError(String backend) {
        try (KeyValueStore store = TestStores.open(backend, tmp)) {
            HistoryDb history = new HistoryDb(new DbHandle(store, "ch"));
            assertThat(history.savepoint()).isEmpty();
            assertThat(history.recoverFrom(0)).contains(0L);
            history.markStartingSavepoint(new Version(9, 0));
            assertThat(history.savepoint()).contains(new Version(9, 0));
            Block previous = Block.newBuilder().setHeader(
                    org.hyperledger.fabric.protos.common.BlockHeader.newBuilder().setNumber(9)).build();
            history.commit(block(previous, List.of(endorserTx("t", 1, writes("cc", "k", "v"))), (byte) 0));
            TransactionSource wrong = (b, t) -> Optional.of(endorserTx("t", 1, writes("cc", "j", "v")));
            assertThatThrownBy(() -> history.newQueryExecutor(wrong).getHistoryForKey("cc", "k").next())
                    .hasMessage("no namespace or key is found for namespace cc and key k with decoded blockNum 10 "
                            + "and tranNum 0");
            assertThat(ByteString.copyFrom(store.get("ch\0s".getBytes()))).isEqualTo(
                    ByteString.copyFrom(new Version(10, 1).toBytes()));
        }
    }
}
