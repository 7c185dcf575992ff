package io.weft.core.committer;

import static io.weft.core.committer.CommitterTestBed.CC;
import static io.weft.core.committer.CommitterTestBed.commitHashOf;
import static io.weft.core.committer.CommitterTestBed.filter;
import static io.weft.core.committer.CommitterTestBed.read;
import static io.weft.core.committer.CommitterTestBed.rw;
import static io.weft.core.committer.CommitterTestBed.state;
import static io.weft.core.committer.CommitterTestBed.validationParameter;
import static io.weft.core.committer.CommitterTestBed.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.ledger.KvLedger;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.msp.MspSigningIdentity;

/**
 * Fabric validates a block's transactions in parallel ({@code peer.validatorPoolSize}) yet every peer must reach
 * the same codes and commit hash: a pool of 8 gives exactly the blocks a pool of 1 gives, for random blocks mixing
 * valid writers, MVCC readers, bad signatures, unendorsed txs, key-level policy updates and writers depending on
 * them in the same block, undefined chaincodes, range queries, duplicates and undecodable payloads.
 */
class ParallelValidationTest {

    private static final String[] POLICIES = {"AND('Org1MSP.peer','Org2MSP.peer')", "OR('Org2MSP.peer')",
        "OR('Org1MSP.peer')"};

    @TempDir
    Path dir;

    private CommitterTestBed bed;
    private CommitterFixtures fx;

    @BeforeEach
    void setUp() throws Exception {
        bed = new CommitterTestBed(dir);
        fx = bed.fx;
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    private MspSigningIdentity[] endorsers(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> new MspSigningIdentity[] {fx.peer1};
            case 1 -> new MspSigningIdentity[] {fx.peer2};
            case 2 -> new MspSigningIdentity[] {fx.peer1, fx.peer2};
            default -> new MspSigningIdentity[] {};
        };
    }

    private Envelope tx(KVRWSet kv, MspSigningIdentity... endorsers) {
        return fx.tx().chaincode(CC).results(rw(kv)).endorsedBy(endorsers).build();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 1234, 987654321})
    void aPoolOfEightGivesTheBlocksAPoolOfOneGives(long seed) throws Exception {
        KvLedger sequential = bed.ledger("seq");
        KvLedger parallel = bed.ledger("par");
        BlockCommitter one = bed.committer(sequential, 1);
        BlockCommitter many = bed.committer(parallel, 8);
        Random random = new Random(seed);
        List<Envelope> earlier = new ArrayList<>();
        Set<TxValidationCode> seen = EnumSet.noneOf(TxValidationCode.class);
        for (int b = 0; b < 5; b++) {
            long blockNumber = sequential.height();
            List<ByteString> data = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String key = "k" + random.nextInt(5);
                Envelope tx = switch (b == 0 ? 0 : random.nextInt(11)) {
                    case 0, 1 -> { // a writer any peer may endorse, unless the key has a policy of its own
                        Envelope e = tx(KVRWSet.newBuilder().addWrites(write(key, "v" + b + "." + i)).build(),
                                endorsers(random));
                        earlier.add(e);
                        yield e;
                    }
                    case 2 -> tx(KVRWSet.newBuilder().addReads(read(key, random.nextInt((int) blockNumber) + 1,
                            random.nextInt(3))).addWrites(write(key, "r" + i)).build(), fx.peer1, fx.peer2);
                    case 3 -> tx(KVRWSet.newBuilder().addWrites(write(key, "s" + i)).build(), fx.peer1).toBuilder()
                            .setSignature(ByteString.copyFromUtf8("forged")).build();
                    case 4 -> earlier.get(random.nextInt(earlier.size())); // a duplicate txid
                    case 5, 6 -> tx(KVRWSet.newBuilder() // a key-level policy update, later writers depend on it
                            .addMetadataWrites(validationParameter(key, POLICIES[random.nextInt(POLICIES.length)]))
                            .build(), endorsers(random));
                    case 7 -> fx.tx().chaincode("undefined").results(rw("undefined", KVRWSet.newBuilder()
                            .addWrites(write(key, "u")).build())).endorsedBy(fx.peer1).build();
                    case 8 -> tx(KVRWSet.newBuilder().addRangeQueriesInfo(RangeQueryInfo.newBuilder().setStartKey("k0")
                            .setEndKey("k9").setItrExhausted(true).setRawReads(QueryReads.newBuilder()
                                    .addKvReads(read("k0", blockNumber - 1, random.nextInt(40)))))
                            .addWrites(write("range", "q" + i)).build(), fx.peer1, fx.peer2);
                    case 9 -> Envelope.newBuilder().setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff}))
                            .setSignature(ByteString.copyFromUtf8("s")).build();
                    default -> tx(KVRWSet.newBuilder().addWrites(write(key, "b" + i)).build(), fx.peer1, fx.peer2);
                };
                data.add(tx.toByteString());
            }
            data.set(0, tx(KVRWSet.newBuilder().addWrites(write("first", "" + b)).addWrites(write("dep", "" + b)).build(),
                    fx.peer1, fx.peer2).toByteString());
            int update = 1 + random.nextInt(10);
            if (b > 0) { // a sure in-block dependency: dep's policy changes (both peers satisfy any), then dep is written
                data.set(update, tx(KVRWSet.newBuilder().addMetadataWrites(validationParameter("dep",
                        POLICIES[random.nextInt(POLICIES.length)])).build(), fx.peer1, fx.peer2).toByteString());
                data.set(update + 1, tx(KVRWSet.newBuilder().addWrites(write("dep", "late" + b)).build(), fx.peer1,
                        fx.peer2).toByteString());
            }
            ByteString[] txs = data.toArray(ByteString[]::new);
            Block s = one.commit(bed.nextOf(sequential, txs)).block();
            Block p = many.commit(bed.nextOf(parallel, txs)).block();
            assertThat(filter(p)).as("block %d", blockNumber).isEqualTo(filter(s));
            assertThat(commitHashOf(p)).as("block %d", blockNumber).isEqualTo(commitHashOf(s));
            seen.addAll(filter(s));
            if (b > 0) { // Fabric's ValidationParameterUpdatedError for the writer after the valid update
                assertThat(filter(s).subList(update, update + 2)).containsExactly(TxValidationCode.VALID,
                        TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            }
        }
        assertThat(seen).contains(TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                TxValidationCode.BAD_CREATOR_SIGNATURE, TxValidationCode.DUPLICATE_TXID,
                TxValidationCode.INVALID_CHAINCODE, TxValidationCode.MVCC_READ_CONFLICT, TxValidationCode.BAD_PAYLOAD);
        for (int k = 0; k < 5; k++) {
            assertThat(state(parallel, CC, "k" + k)).isEqualTo(state(sequential, CC, "k" + k));
            assertThat(metadata(parallel, "k" + k)).isEqualTo(metadata(sequential, "k" + k));
        }
        assertThat(metadata(parallel, "dep")).isEqualTo(metadata(sequential, "dep")).containsKey("VALIDATION_PARAMETER");
    }

    private static Map<String, ByteString> metadata(KvLedger ledger, String key) {
        QueryExecutor q = ledger.newQueryExecutor("q");
        try {
            return q.getStateMetadata(CC, key);
        } finally {
            q.done();
        }
    }
}
