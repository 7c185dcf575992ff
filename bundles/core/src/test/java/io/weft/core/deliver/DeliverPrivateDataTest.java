package io.weft.core.deliver;

import static io.weft.deliver.SeekRequests.request;
import static io.weft.deliver.SeekRequests.seek;
import static io.weft.deliver.SeekRequests.specified;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.api.identity.SigningIdentity;
import io.weft.core.committer.ChaincodeLedgerFixture;
import io.weft.core.committer.CommitterFixtures;
import io.weft.ledger.txmgr.TxSimulator;
import io.weft.policies.PolicyDsl;

/**
 * DeliverWithPrivateData hands each requester the private data of the collections it may read: all of a collection
 * open to reads, and a member-only collection's only to its members.
 */
class DeliverPrivateDataTest {

    @TempDir
    Path dir;

    private ChaincodeLedgerFixture ledger;
    private LoopbackDeliver deliver;

    @BeforeEach
    void setUp() throws Exception {
        ledger = new ChaincodeLedgerFixture(dir, CollectionConfigPackage.newBuilder()
                .addConfig(collection("org1reads", true)).addConfig(collection("anyreads", false)).build());
        TxSimulator sim = ledger.ledger().newTxSimulator("pvt");
        sim.setPrivateData(ChaincodeLedgerFixture.CC, "org1reads", "k", ByteString.copyFromUtf8("org1 only"));
        sim.setPrivateData(ChaincodeLedgerFixture.CC, "anyreads", "k", ByteString.copyFromUtf8("anyone"));
        var results = sim.getTxSimulationResults();
        sim.done();
        ledger.commitWithPrivateData(results); // block 2
        deliver = LoopbackDeliver.over(ledger);
    }

    @AfterEach
    void tearDown() throws Exception {
        deliver.close();
    }

    /** Written by Org1 members; read by them only, or by anyone. */
    private static CollectionConfig collection(String name, boolean memberOnlyRead) throws Exception {
        return CollectionConfig.newBuilder().setStaticCollectionConfig(StaticCollectionConfig.newBuilder().setName(name)
                .setMemberOnlyRead(memberOnlyRead).setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder()
                        .setSignaturePolicy(PolicyDsl.parse("OR('Org1MSP.member')")))).build();
    }

    private BlockAndPrivateData block2As(SigningIdentity requester) throws Exception {
        DeliverCall call = DeliverCall.open(DeliverGrpc.newStub(deliver.channel())::deliverWithPrivateData)
                .send(request(requester, CommitterFixtures.CHANNEL, seek(specified(2), specified(2))));
        BlockAndPrivateData data = call.next().getBlockAndPrivateData();
        assertThat(call.next().getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(data.getBlock().getHeader().getNumber()).isEqualTo(2L);
        return data;
    }

    @Test
    void aMemberReceivesEveryCollection() throws Exception {
        BlockAndPrivateData data = block2As(ledger.org1Client());

        assertThat(data.getPrivateDataMapMap()).containsOnlyKeys(0L);
        assertThat(data.getPrivateDataMapOrThrow(0L).getNsPvtRwsetList()).singleElement()
                .satisfies(ns -> assertThat(collections(ns)).containsExactlyInAnyOrder("org1reads", "anyreads"));
    }

    @Test
    void anotherOrgReceivesOnlyTheCollectionsOpenToReads() throws Exception {
        BlockAndPrivateData data = block2As(ledger.org2Peer());

        assertThat(data.getPrivateDataMapOrThrow(0L).getNsPvtRwsetList()).singleElement()
                .satisfies(ns -> assertThat(collections(ns)).containsExactly("anyreads"));
    }

    private static java.util.List<String> collections(NsPvtReadWriteSet ns) {
        return ns.getCollectionPvtRwsetList().stream().map(CollectionPvtReadWriteSet::getCollectionName).toList();
    }
}
