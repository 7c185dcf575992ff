package io.weft.api.scc;

import org.hyperledger.fabric.protos.peer.Response;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A chaincode that runs inside the peer (Fabric's system chaincodes, version {@code syscc}). Called concurrently on
 * request threads; implementations are thread-safe. Errors are answered as a {@code Response} with status 500 and
 * Fabric's message, as {@code shim.Error} does; only a defect throws.
 */
@ConsumerType
public interface SystemChaincode {

    /** Service property carrying the chaincode's name ({@code cscc}, {@code qscc}, …). */
    String NAME_PROPERTY = "weft.scc.name";

    /** The version every system chaincode reports. */
    String VERSION = "syscc";

    /** Runs {@code invocation.args()[0]} as the function. */
    Response invoke(SccInvocation invocation);
}
