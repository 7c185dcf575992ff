package io.weft.core.operations;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.weft.core.logging.LogControl;

/**
 * What the operations endpoint answers, independent of HTTP plumbing: Fabric's paths, status codes
 * and JSON bodies.
 */
final class OperationsRoutes {

    /** An HTTP answer. */
    record Answer(int status, String contentType, byte[] body) {
        static Answer json(int status, Object payload, Gson gson) {
            return new Answer(status, "application/json", (gson.toJson(payload) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        static Answer empty(int status) {
            return new Answer(status, "", new byte[0]);
        }
    }

    /** A request as the routes need it. */
    record Request(String method, String path, byte[] body, boolean verifiedClientCertificate) {
    }

    private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    private final HealthChecks health;
    private final LogControl logging;
    private final Map<String, String> version;
    private final boolean tls;
    private final Clock clock;

    OperationsRoutes(HealthChecks health, LogControl logging, String version, String commit, boolean tls, Clock clock) {
        this.health = requireNonNull(health, "health");
        this.logging = requireNonNull(logging, "logging");
        this.version = Map.of("CommitSHA", commit, "Version", version);
        this.tls = tls;
        this.clock = requireNonNull(clock, "clock");
    }

    Answer answer(Request r) {
        String path = r.path().contains("?") ? r.path().substring(0, r.path().indexOf('?')) : r.path();
        switch (path) {
            case "/healthz":
                return healthz(r);
            case "/logspec":
                // with TLS on, Fabric asks for a verified client certificate here
                if (tls && !r.verifiedClientCertificate()) {
                    return Answer.empty(401);
                }
                return logspec(r);
            case "/version":
                return Answer.json(200, version, gson);
            default:
                return new Answer(404, "text/plain; charset=utf-8", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private Answer healthz(Request r) {
        if (!r.method().equals("GET")) {
            return Answer.empty(405);
        }
        java.util.Optional<List<HealthChecks.Failure>> outcome = health.runWithin(HealthChecks.TIMEOUT);
        if (outcome.isEmpty()) {
            return Answer.empty(408);
        }
        List<HealthChecks.Failure> failures = outcome.get();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", failures.isEmpty() ? "OK" : "Service Unavailable");
        status.put("time", OffsetDateTime.now(clock).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        if (!failures.isEmpty()) {
            status.put("failed_checks", failures);
        }
        return Answer.json(failures.isEmpty() ? 200 : 503, status, gson);
    }

    private Answer logspec(Request r) {
        switch (r.method()) {
            case "GET":
                return Answer.json(200, Map.of("spec", logging.spec().toString()), gson);
            case "PUT":
                try {
                    JsonObject o = JsonParser.parseString(new String(r.body(), StandardCharsets.UTF_8)).getAsJsonObject();
                    String spec = o.has("spec") && !o.get("spec").isJsonNull() ? o.get("spec").getAsString() : "";
                    logging.activateSpec(spec);
                    return Answer.empty(204);
                } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
                    return error("invalid request body: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    return error(e.getMessage());
                }
            default:
                return error("invalid request method: " + r.method());
        }
    }

    private Answer error(String message) {
        return Answer.json(400, Map.of("error", message), gson);
    }
}
