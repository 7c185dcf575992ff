package io.weft.bench;

import java.nio.file.Path;

import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import io.weft.core.committer.BlockCommitter;
import io.weft.core.committer.ChannelResources;
import io.weft.core.committer.CommittedBlock;
import io.weft.core.committer.CommitterFixtures;
import io.weft.core.committer.TestPluginSource;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.testing.TestStores;

/**
 * Prepares a peer's file system path for the endorse benchmark: mychannel joined from the vectors' genesis block and a
 * chaincode defined with {@code _lifecycle} and approved by Org1 and Org2 (as the vectors' orderer would have
 * delivered those blocks), so that a peer started on it endorses proposals to that chaincode. There is no orderer yet
 * to deliver such blocks; the committer is the peer's own.
 *
 * <pre>java -cp benchmarks.jar io.weft.bench.BenchSetup &lt;peer.fileSystemPath&gt; &lt;chaincode name&gt;</pre>
 */
public final class BenchSetup {

    private BenchSetup() {
    }

    public static void main(String[] args) throws Exception {
        Path fileSystemPath = Path.of(args[0]);
        String chaincode = args[1];
        CommitterFixtures fx = CommitterFixtures.get();
        try (LedgerProvider ledgers = LedgerProvider.open(new LedgerLayout(fileSystemPath), TestStores.provider("leveldb"),
                LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.create(fx.genesis);
            try (BlockCommitter committer = new BlockCommitter(ChannelResources.fromLedger(ledger, fx.bccsp), ledger,
                    new TestPluginSource(), 1)) {
                CommittedBlock b = committer.commit(CommitterFixtures.block(ledger.height(),
                        ledger.info().getCurrentBlockHash().toByteArray(), fx.orderer,
                        fx.defineChaincode(chaincode, CommitterFixtures.signaturePolicy("OR('Org1MSP.peer','Org2MSP.peer')"),
                                CollectionConfigPackage.getDefaultInstance()).toByteString()));
                if (b.codes().get(0) != TxValidationCode.VALID) {
                    throw new IllegalStateException("the definition of " + chaincode + " was not valid: " + b.codes());
                }
            }
        }
        System.out.println("defined " + chaincode + " 1.0 on mychannel in " + fileSystemPath);
    }
}
