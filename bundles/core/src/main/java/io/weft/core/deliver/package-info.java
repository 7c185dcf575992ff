/**
 * The peer's {@code protos.Deliver} service (Deliver, DeliverFiltered, DeliverWithPrivateData): committed blocks
 * streamed to clients as Fabric's deliver handler streams them, at each client's own pace.
 */
package io.weft.core.deliver;
