package io.weft.tools.configtxgen;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The sections of configtx.yaml that configtxgen encodes (Fabric's genesisconfig types). Paths are
 * already resolved against the folder of configtx.yaml; maps keep the file's order (the encoder sorts).
 */
public final class Configtx {

    private Configtx() {
    }

    /** A policy definition: {@code Type} Signature (rule in the policy DSL) or ImplicitMeta ("ANY Readers"). */
    public record Policy(String type, String rule) {
    }

    public record AnchorPeer(String host, int port) {
    }

    /**
     * An organization. {@code mspType} is "bccsp" unless set; {@code skipAsForeign} orgs are encoded as
     * empty groups (their definition lives elsewhere).
     */
    public record Organization(String name, String id, Path mspDir, String mspType, Map<String, Policy> policies,
            List<AnchorPeer> anchorPeers, List<String> ordererEndpoints, boolean skipAsForeign) {
    }

    public record BatchSize(long maxMessageCount, long absoluteMaxBytes, long preferredMaxBytes) {
    }

    /** An etcdraft consenter; the TLS certificates are files read when encoding. */
    public record Consenter(String host, int port, Path clientTlsCert, Path serverTlsCert) {
    }

    /** etcdraft options; zero values take Fabric's defaults when the profile is completed. */
    public record RaftOptions(String tickInterval, long electionTick, long heartbeatTick, long maxInflightBlocks,
            long snapshotIntervalSize) {
    }

    public record EtcdRaft(List<Consenter> consenters, RaftOptions options) {
    }

    /** The orderer section; {@code batchTimeoutNanos} is a Go duration in nanoseconds. */
    public record Orderer(String ordererType, List<String> addresses, long batchTimeoutNanos, BatchSize batchSize,
            List<String> kafkaBrokers, EtcdRaft etcdRaft, List<Organization> organizations, long maxChannels,
            Map<String, Boolean> capabilities, Map<String, Policy> policies) {
    }

    public record Application(List<Organization> organizations, Map<String, Boolean> capabilities,
            Map<String, Policy> policies, Map<String, String> acls) {
    }

    public record Consortium(List<Organization> organizations) {
    }

    /** One profile: the channel-level section with its optional orderer, application and consortiums. */
    public record Profile(String consortium, Application application, Orderer orderer,
            Map<String, Consortium> consortiums, Map<String, Boolean> capabilities, Map<String, Policy> policies) {
    }
}
