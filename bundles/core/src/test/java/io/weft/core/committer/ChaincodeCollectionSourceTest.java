package io.weft.core.committer;

import static io.weft.core.committer.CommitterTestBed.CC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.weft.api.storage.StorageProvider;
import io.weft.core.ledger.ChaincodeCollectionSource;
import io.weft.ledger.KvLedger;
import io.weft.ledger.txmgr.TxSimulator;
import io.weft.lifecycle.LegacyLifecycle;
import io.weft.lifecycle.LifecycleState;

/** The collections a ledger's state defines, as the ledger and simulators ask for them. */
class ChaincodeCollectionSourceTest {

    @RegisterExtension
    final CommitterTestBed bed = CommitterTestBed.inTempDir();
    private final ChaincodeCollectionSource source = new ChaincodeCollectionSource();
    private KvLedger ledger;

    @BeforeEach
    void openLedger() throws Exception {
        CollectionConfigPackage declared = CollectionConfigPackage.newBuilder().addConfig(CollectionConfig.newBuilder()
                .setStaticCollectionConfig(StaticCollectionConfig.newBuilder().setName("coll").setBlockToLive(5)))
                .build();
        ledger = bed.ledger(StorageProvider.MEMORY, "l",
                Map.of(CC, CommitterFixtures.signaturePolicy(CommitterTestBed.ANY_PEER)), declared);
    }

    @Test
    void aLifecycleChaincodeHasItsCollectionsAndTheImplicitOnesOfTheChannelsOrgs() {
        TxSimulator sim = ledger.newTxSimulator("t");
        try {
            assertThat(source.allCollectionsConfig(ledger.id(), CC, sim).getConfigList())
                    .extracting(c -> c.getStaticCollectionConfig().getName())
                    .containsExactly("coll", "_implicit_org_Org1MSP", "_implicit_org_Org2MSP");
            assertThat(source.collectionInfo(ledger.id(), CC, "coll", sim).getBlockToLive()).isEqualTo(5);
            assertThat(source.collectionInfo(ledger.id(), CC, "nope", sim)).isNull();
            assertThat(source.allCollectionsConfig(ledger.id(), "undefined", sim)).isNull();
            // definitions are read as Fabric reads them, through the simulation (lscc: for the undefined one); the
            // channel config, which Fabric holds in memory, is not
            assertThat(sim.getTxSimulationResults().pub().getNsRwsetList()).extracting(NsReadWriteSet::getNamespace)
                    .containsExactly(LifecycleState.NAMESPACE, LegacyLifecycle.NAMESPACE);
        } finally {
            sim.done();
        }
    }
}
