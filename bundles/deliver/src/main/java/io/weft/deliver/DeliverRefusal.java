package io.weft.deliver;

import java.util.Objects;

import org.hyperledger.fabric.protos.common.Status;

/** A request Deliver answers with a status instead of blocks; the reason is logged, as Fabric logs it. */
final class DeliverRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Status status;

    DeliverRefusal(Status status, String reason) {
        super(reason, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
    }

    Status status() {
        return status;
    }
}
