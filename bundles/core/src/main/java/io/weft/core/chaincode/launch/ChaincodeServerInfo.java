package io.weft.core.chaincode.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;

import io.weft.config.GoDuration;

/**
 * A chaincode server as a release's {@code chaincode/server/connection.json} names it (Fabric's chaincode as a
 * service): where to dial, how long to try, and the TLS material as PEM text.
 *
 * @param address {@code host:port} of the chaincode server
 * @param dialTimeout how long the peer tries to connect (Fabric's default 3s)
 * @param tlsRequired whether to use TLS, trusting {@code rootCert}
 * @param clientAuthRequired whether to present {@code clientCert}/{@code clientKey}
 */
public record ChaincodeServerInfo(String address, Duration dialTimeout, boolean tlsRequired, boolean clientAuthRequired,
        String clientKey, String clientCert, String rootCert) {

    private static final Gson GSON = new Gson();

    private record Json(String address, @SerializedName("dial_timeout") String dialTimeout,
            @SerializedName("tls_required") boolean tlsRequired,
            @SerializedName("client_auth_required") boolean clientAuthRequired,
            @SerializedName("client_key") String clientKey, @SerializedName("client_cert") String clientCert,
            @SerializedName("root_cert") String rootCert) {
    }

    /** Reads {@code connection.json} with Fabric's checks and messages. */
    public static ChaincodeServerInfo read(Path connectionJson) throws LaunchException {
        Json j;
        try {
            j = GSON.fromJson(Files.readString(connectionJson), Json.class);
        } catch (IOException e) {
            throw new LaunchException("could not read '" + connectionJson + "' for chaincode info: " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new LaunchException("malformed chaincode info at '" + connectionJson + "': " + e.getMessage(), e);
        }
        if (j == null || j.address() == null || j.address().isEmpty()) {
            throw new LaunchException("chaincode address not provided");
        }
        Duration timeout = Duration.ofSeconds(3);
        if (j.dialTimeout() != null && !j.dialTimeout().isEmpty()) {
            timeout = goDuration(j.dialTimeout());
        }
        if (j.tlsRequired()) {
            if (j.rootCert() == null || j.rootCert().isEmpty()) {
                throw new LaunchException("chaincode tls root cert not provided");
            }
            if (j.clientAuthRequired()) {
                if (j.clientKey() == null || j.clientKey().isEmpty()) {
                    throw new LaunchException("chaincode tls key not provided");
                }
                if (j.clientCert() == null || j.clientCert().isEmpty()) {
                    throw new LaunchException("chaincode tls cert not provided");
                }
            }
        }
        return new ChaincodeServerInfo(j.address(), timeout, j.tlsRequired(), j.clientAuthRequired(),
                orEmpty(j.clientKey()), orEmpty(j.clientCert()), orEmpty(j.rootCert()));
    }

    private static Duration goDuration(String text) throws LaunchException {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new LaunchException("malformed dial_timeout '" + text + "': " + e.getMessage(), e);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
