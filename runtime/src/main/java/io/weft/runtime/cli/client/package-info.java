/** What every client command needs, as Fabric's {@code peer/common}: configuration, the local signer, peer connections. */
package io.weft.runtime.cli.client;
