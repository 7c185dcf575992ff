package io.weft.orderer.node;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

/**
 * The orderer's start-up outcome, registered once: STARTED with the listeners' addresses, or FAILED with the reason.
 * The standalone orderer's launcher reads it by its properties alone (it shares no classes with the bundles), as the
 * peer's launcher reads {@code io.weft.api.node.PeerNode}; the property names are the same.
 */
public interface OrdererStatus {

    String STATUS_PROPERTY = "weft.node.status";
    String FAILURE_PROPERTY = "weft.node.failure";
    /** Prefix of the listen addresses by endpoint name ({@code orderer}, {@code admin}). */
    String ADDRESS_PREFIX = "weft.node.address.";

    /** {@code STARTED} or {@code FAILED}. */
    String status();

    /** The service properties announcing a started orderer listening on {@code addresses}. */
    static Dictionary<String, Object> started(Map<String, String> addresses) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(STATUS_PROPERTY, "STARTED");
        addresses.forEach((name, address) -> props.put(ADDRESS_PREFIX + name, address));
        return props;
    }

    /** The service properties announcing that the orderer cannot start. */
    static Dictionary<String, Object> failed(String reason) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(STATUS_PROPERTY, "FAILED");
        props.put(FAILURE_PROPERTY, reason);
        return props;
    }
}
