package io.weft.channelconfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;

import com.google.protobuf.ByteString;

/**
 * The {@code Orderer} group of a channel.
 *
 * @param consensusType e.g. {@code etcdraft} or {@code solo}
 * @param consensusMetadata the consensus metadata bytes as configured
 * @param consensusState normal or maintenance
 * @param etcdRaft the parsed metadata when the type is {@code etcdraft}
 * @param batchSize the batch size limits
 * @param batchTimeout the batch timeout
 * @param maxChannels {@code ChannelRestrictions.max_count} (0 = unlimited)
 * @param kafkaBrokers the legacy {@code KafkaBrokers} value, empty when unset
 * @param capabilities the orderer capabilities
 * @param orgs the orderer organisations by group name
 */
public record OrdererConfig(String consensusType, ByteString consensusMetadata, ConsensusType.State consensusState,
        Optional<ConfigMetadata> etcdRaft, BatchSize batchSize, Duration batchTimeout, long maxChannels,
        List<String> kafkaBrokers, Capabilities capabilities, Map<String, OrdererOrg> orgs) {

    public OrdererConfig {
        Objects.requireNonNull(consensusType, "consensusType");
        Objects.requireNonNull(consensusMetadata, "consensusMetadata");
        Objects.requireNonNull(consensusState, "consensusState");
        Objects.requireNonNull(etcdRaft, "etcdRaft");
        Objects.requireNonNull(batchSize, "batchSize");
        Objects.requireNonNull(batchTimeout, "batchTimeout");
        kafkaBrokers = List.copyOf(kafkaBrokers);
        Objects.requireNonNull(capabilities, "capabilities");
        orgs = Map.copyOf(orgs);
    }
}
