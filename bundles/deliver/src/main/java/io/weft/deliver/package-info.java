/**
 * Fabric's common Deliver handler, as the peer's {@code protos.Deliver} and the orderer's
 * {@code orderer.AtomicBroadcast/Deliver} both serve it: the request envelope's checks (headers, time window, TLS
 * binding), seek plans, session access control (the policy re-checked when the config sequence grows, the session
 * ended when the requester's certificate expires) and the stream engine that sends blocks at each client's pace in
 * short turns on a shared executor ({@link io.weft.deliver.DeliverStreams}). What differs between the services is
 * given to it: where blocks come from ({@link io.weft.deliver.BlockSource}), who may read them
 * ({@link io.weft.deliver.AccessPolicy}) and what a block is sent as ({@link io.weft.deliver.DeliverResponder}).
 */
@Export
@Version("1.0.0")
package io.weft.deliver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
