package io.weft.ledger.txmgr;

import java.util.List;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;

import com.google.protobuf.ByteString;

/**
 * The state a valid CONFIG transaction writes (Fabric's peer config-tx processor): the {@code ConfigEnvelope} under
 * {@code CHANNEL_CONFIG_ENV_BYTES} in the peer's own namespace {@code ""}, so that state and commit hashes agree
 * with Fabric peers.
 */
public final class ConfigTransactions {

    /** The namespace of the peer's own state; no chaincode can have this name. */
    public static final String PEER_NAMESPACE = "";
    public static final String CHANNEL_CONFIG_KEY = "CHANNEL_CONFIG_ENV_BYTES";

    private ConfigTransactions() {
    }

    /** The write set of a valid config transaction whose payload data is {@code configEnvelope}. */
    public static TxRwSet writeSet(ByteString configEnvelope) {
        KVRWSet kv = KVRWSet.newBuilder()
                .addWrites(KVWrite.newBuilder().setKey(CHANNEL_CONFIG_KEY).setValue(configEnvelope)).build();
        return new TxRwSet(List.of(new TxRwSet.Ns(PEER_NAMESPACE, kv, List.of())));
    }
}
