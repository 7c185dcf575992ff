package io.weft.orderer.node;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.bccsp.Bccsp;
import io.weft.channelconfig.ChannelConfig;
import io.weft.channelconfig.ChannelConfigException;
import io.weft.channelconfig.OrdererConfig;
import io.weft.comm.HttpListener.Answer;
import io.weft.comm.HttpListener.Request;
import io.weft.comm.HttpListener.Routes;
import io.weft.configtx.ConfigIds;
import io.weft.configtx.ConfigtxException;
import io.weft.orderer.ChainException;
import io.weft.orderer.ChainRegistry;
import io.weft.orderer.SoloChain;

/**
 * Fabric's channel participation API ({@code /participation/v1/}, what {@code osnadmin channel} calls): list, show,
 * join with a config block sent as the multipart part {@code config-block}, remove. Paths, methods, status codes,
 * {@code Allow} headers and the {@code {"error": …}} bodies are Fabric's; a channel of this orderer is always a
 * consenter and active. With TLS on, every request needs a verified client certificate (Fabric's secure handler).
 */
final class ChannelParticipation implements Routes {

    static final String BASE = "/participation/v1/";
    static final String CHANNELS = BASE + "channels";
    static final String CONFIG_BLOCK_PART = "config-block";

    private static final Logger LOG = LoggerFactory.getLogger(ChannelParticipation.class);
    private static final String JSON = "application/json";

    private final Gson gson = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private final ChainRegistry registry;
    private final Bccsp bccsp;
    private final boolean enabled;
    private final int maxRequestBodySize;
    private final boolean requireClientCertificate;

    ChannelParticipation(ChainRegistry registry, Bccsp bccsp, boolean enabled, int maxRequestBodySize,
            boolean requireClientCertificate) {
        this.registry = requireNonNull(registry, "registry");
        this.bccsp = requireNonNull(bccsp, "bccsp");
        this.enabled = enabled;
        this.maxRequestBodySize = maxRequestBodySize;
        this.requireClientCertificate = requireClientCertificate;
    }

    @Override
    public Answer answer(Request r) {
        String path = r.path();
        if (!path.startsWith(BASE)) {
            return new Answer(404, Map.of("Content-Type", "text/plain; charset=utf-8"),
                    "404 page not found\n".getBytes(StandardCharsets.UTF_8));
        }
        if (requireClientCertificate && !r.verifiedClientCertificate()) {
            return new Answer(401, Map.of(), new byte[0]);
        }
        if (!enabled) {
            return error(503, "channel participation API is disabled");
        }
        if (path.equals(CHANNELS)) {
            return switch (r.method()) {
                case "GET" -> acceptsJson(r) ? list() : notAcceptable();
                case "POST" -> r.header("Content-Type").startsWith("multipart/form-data") ? join(r)
                        : error(400, "unsupported Content-Type: [" + r.header("Content-Type") + "]");
                default -> notAllowed("invalid request method: " + r.method(), "GET, POST");
            };
        }
        String name = path.startsWith(CHANNELS + "/") ? path.substring(CHANNELS.length() + 1) : "";
        if (!name.isEmpty() && !name.contains("/")) {
            return switch (r.method()) {
                case "GET" -> acceptsJson(r) ? show(name) : notAcceptable();
                case "DELETE" -> acceptsJson(r) ? remove(name) : notAcceptable();
                default -> notAllowed("invalid request method: " + r.method(), "GET, DELETE");
            };
        }
        if (path.equals(BASE) && r.method().equals("GET")) {
            return new Answer(302, Map.of("Location", CHANNELS), new byte[0]);
        }
        return new Answer(404, Map.of("Content-Type", "text/plain; charset=utf-8"),
                "404 page not found\n".getBytes(StandardCharsets.UTF_8));
    }

    private Answer list() {
        JsonObject list = new JsonObject();
        Optional<String> system = registry.systemChannel();
        if (system.isPresent()) {
            JsonObject s = new JsonObject();
            s.addProperty("name", system.get());
            s.addProperty("url", CHANNELS + "/" + system.get());
            list.add("systemChannel", s);
        } else {
            list.add("systemChannel", JsonNull.INSTANCE);
        }
        List<String> names = registry.channels().stream().filter(n -> !system.equals(Optional.of(n))).toList();
        if (names.isEmpty()) {
            list.add("channels", JsonNull.INSTANCE); // Go's nil slice
        } else {
            JsonArray channels = new JsonArray();
            for (String n : names) {
                JsonObject c = new JsonObject();
                c.addProperty("name", n);
                c.addProperty("url", CHANNELS + "/" + n);
                channels.add(c);
            }
            list.add("channels", channels);
        }
        return json(200, list, Map.of("Cache-Control", "no-store"));
    }

    private Answer show(String name) {
        Optional<Answer> invalid = invalidChannelId(name);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return registry.chain(name).map(chain -> json(200, info(name, chain), Map.of("Cache-Control", "no-store")))
                .orElseGet(() -> error(404, "channel does not exist"));
    }

    private Answer remove(String name) {
        Optional<Answer> invalid = invalidChannelId(name);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Optional<String> system = registry.systemChannel();
        if (system.isPresent()) {
            // Fabric removes only a Raft system channel, and no other channel while one exists
            if (!system.get().equals(name)) {
                return notAllowed("cannot remove: system channel exists", "GET");
            }
            String consensusType = registry.chain(name).flatMap(c -> c.config().orderer())
                    .map(OrdererConfig::consensusType).orElse("");
            return error(400, "cannot remove: cannot remove " + consensusType + " system channel: " + name);
        }
        if (registry.chain(name).isEmpty()) {
            return error(404, "cannot remove: channel does not exist");
        }
        try {
            registry.remove(name);
        } catch (ChainException e) {
            return error(400, "cannot remove: " + e.getMessage());
        }
        LOG.info("Removed channel {}", name);
        return new Answer(204, Map.of(), new byte[0]);
    }

    private Answer join(Request r) {
        if (!acceptsJson(r)) {
            return notAcceptable();
        }
        if (r.body().length > maxRequestBodySize) {
            return error(400, "cannot read form from request body: http: request body too large");
        }
        MultipartForm form;
        try {
            form = MultipartForm.parse(r.header("Content-Type"), r.body());
        } catch (MultipartForm.FormException e) {
            return error(400, "cannot read form from request body: " + e.getMessage());
        }
        if (!form.files().containsKey(CONFIG_BLOCK_PART)) {
            return error(400, "form does not contains part key: " + CONFIG_BLOCK_PART);
        }
        if (form.files().size() != 1 || !form.values().isEmpty()) {
            return error(400, "form contains too many parts");
        }
        Block block;
        try {
            block = Block.parseFrom(form.files().get(CONFIG_BLOCK_PART));
        } catch (InvalidProtocolBufferException e) {
            return error(400, "cannot unmarshal file part " + CONFIG_BLOCK_PART + " into a block: " + e.getMessage());
        }
        String channelId;
        boolean isSystemChannel;
        try {
            ChannelConfig config = validateJoinBlock(block);
            channelId = config.channelId();
            isSystemChannel = config.consortiums().isPresent();
        } catch (JoinBlockException e) {
            return error(400, "invalid join block: " + e.getMessage());
        }
        if (registry.systemChannel().isPresent()) {
            return notAllowed("cannot join: system channel exists", "GET");
        }
        if (isSystemChannel) {
            return error(400, "invalid join block: Weft's orderer joins application channels only");
        }
        if (registry.chain(channelId).isPresent()) {
            return notAllowed("cannot join: channel already exists", "GET, DELETE");
        }
        SoloChain chain;
        try {
            chain = registry.create(block);
        } catch (ChainException e) {
            return error(400, "cannot join: " + e.getMessage());
        }
        LOG.info("Joined channel {}", channelId);
        String url = CHANNELS + "/" + channelId;
        return json(201, info(channelId, chain), Map.of("Location", url));
    }

    /** Fabric's {@code ValidateJoinBlock}: a config block of an application or system channel; its config. */
    private ChannelConfig validateJoinBlock(Block block) throws JoinBlockException {
        if (!isConfigBlock(block)) {
            throw new JoinBlockException("block is not a config block");
        }
        ChannelConfig config;
        try {
            config = ChannelConfig.fromBlock(block, bccsp);
        } catch (ChannelConfigException e) {
            throw new JoinBlockException(e.getMessage());
        }
        if (config.application().isEmpty() && config.consortiums().isEmpty()) {
            throw new JoinBlockException("invalid config: must have at least one of application or consortiums");
        }
        return config;
    }

    private static boolean isConfigBlock(Block block) {
        if (block.getData().getDataCount() != 1) {
            return false;
        }
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
            if (!payload.hasHeader()) {
                return false;
            }
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getType() == HeaderType.CONFIG_VALUE;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    private JsonObject info(String name, SoloChain chain) {
        JsonObject info = new JsonObject();
        info.addProperty("name", name);
        info.addProperty("url", CHANNELS + "/" + name);
        info.addProperty("consensusRelation", "consenter");
        info.addProperty("status", "active");
        info.addProperty("height", chain.ledger().height());
        return info;
    }

    private Optional<Answer> invalidChannelId(String name) {
        try {
            ConfigIds.validateChannelId(name);
            return Optional.empty();
        } catch (ConfigtxException e) {
            return Optional.of(error(400, "invalid channel ID: " + e.getMessage()));
        }
    }

    /** Fabric's negotiation: no Accept, or one naming JSON or a wildcard. */
    private static boolean acceptsJson(Request r) {
        String accept = r.header("Accept");
        if (accept.isEmpty()) {
            return true;
        }
        for (String option : accept.split(",")) {
            if (option.contains("application/json") || option.contains("application/*") || option.contains("*/*")) {
                return true;
            }
        }
        return false;
    }

    private Answer notAcceptable() {
        return error(406, "response Content-Type is application/json only");
    }

    private Answer notAllowed(String message, String allow) {
        JsonObject body = new JsonObject();
        body.addProperty("error", message);
        return json(405, body, Map.of("Allow", allow));
    }

    private Answer error(int status, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("error", message);
        return json(status, body, Map.of());
    }

    private Answer json(int status, JsonObject body, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", JSON);
        return new Answer(status, all, (gson.toJson(body) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static final class JoinBlockException extends Exception {
        private static final long serialVersionUID = 1L;

        JoinBlockException(String message) {
            super(message);
        }
    }
}
