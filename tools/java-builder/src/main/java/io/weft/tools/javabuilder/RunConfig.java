package io.weft.tools.javabuilder;

import java.nio.file.Path;

import com.google.gson.annotations.SerializedName;

/**
 * {@code RUN_METADATA_DIR/chaincode.json}, written by the peer for each start: the package ID, the chaincode
 * support endpoint, the TLS client certificate and key and the peer's root certificate (PEM; empty without TLS),
 * and the peer's MSP ID.
 */
record RunConfig(
        @SerializedName("chaincode_id") String chaincodeId,
        @SerializedName("peer_address") String peerAddress,
        @SerializedName("client_cert") String clientCert,
        @SerializedName("client_key") String clientKey,
        @SerializedName("root_cert") String rootCert,
        @SerializedName("mspid") String mspId) {

    static RunConfig read(Path runMetadataDir) throws BuilderException {
        Path file = runMetadataDir.resolve("chaincode.json");
        RunConfig c = JsonFiles.read(file, RunConfig.class);
        if (blank(c.chaincodeId) || blank(c.peerAddress)) {
            throw new BuilderException(file + " lacks chaincode_id or peer_address");
        }
        return c;
    }

    /** As Fabric's own sample launcher decides: TLS when the peer sent a client certificate. */
    boolean tls() {
        return !blank(clientCert);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
