package io.weft.tools.protolator;

import java.util.Map;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;

import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Consortium;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.Orderers;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ChannelRestrictions;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.KafkaBrokers;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

/**
 * The config tree: a ConfigGroup's sub-groups and values are typed by where the group sits (channel,
 * orderer, application, consortiums and their orgs) and by the map key. Error texts are Fabric's.
 */
enum ConfigGroupShape implements Shape {
    CHANNEL(Map.of("HashingAlgorithm", HashingAlgorithm.getDefaultInstance(),
            "BlockDataHashingStructure", BlockDataHashingStructure.getDefaultInstance(),
            "OrdererAddresses", OrdererAddresses.getDefaultInstance(),
            "Consortium", Consortium.getDefaultInstance(),
            "Capabilities", Capabilities.getDefaultInstance()),
            "unknown Channel ConfigValue name: %s"),
    ORDERER(Map.of("ConsensusType", ConsensusType.getDefaultInstance(),
            "BatchSize", BatchSize.getDefaultInstance(),
            "BatchTimeout", BatchTimeout.getDefaultInstance(),
            "KafkaBrokers", KafkaBrokers.getDefaultInstance(),
            "ChannelRestrictions", ChannelRestrictions.getDefaultInstance(),
            "Capabilities", Capabilities.getDefaultInstance(),
            "Orderers", Orderers.getDefaultInstance()),
            "unknown Orderer ConfigValue name: %s"),
    ORDERER_ORG(Map.of("MSP", MSPConfig.getDefaultInstance(),
            "Endpoints", OrdererAddresses.getDefaultInstance()),
            "unknown Orderer Org ConfigValue name: %s"),
    APPLICATION(Map.of("Capabilities", Capabilities.getDefaultInstance(),
            "ACLs", ACLs.getDefaultInstance()),
            "Unknown Application ConfigValue name: %s"),
    APPLICATION_ORG(Map.of("MSP", MSPConfig.getDefaultInstance(),
            "AnchorPeers", AnchorPeers.getDefaultInstance()),
            "Unknown Application Org ConfigValue name: %s"),
    CONSORTIUMS(Map.of(), null),
    CONSORTIUM(Map.of("ChannelCreationPolicy", Policy.getDefaultInstance()),
            "unknown Consortium ConfigValue name: %s"),
    CONSORTIUM_ORG(Map.of("MSP", MSPConfig.getDefaultInstance()),
            "unknown Consortium Org ConfigValue name: %s");

    private final Map<String, Message> valueTypes;
    private final String unknownValue;

    ConfigGroupShape(Map<String, Message> valueTypes, String unknownValue) {
        this.valueTypes = valueTypes;
        this.unknownValue = unknownValue;
    }

    @Override
    public Shape child(MessageOrBuilder owner, FieldDescriptor field, String key) throws ProtolatorException {
        return switch (field.getName()) {
            case "groups" -> subGroup(key);
            case "values" -> values(key);
            default -> Shape.super.child(owner, field, key);
        };
    }

    private Shape subGroup(String key) throws ProtolatorException {
        return switch (this) {
            case CHANNEL -> switch (key) {
                case "Consortiums" -> CONSORTIUMS;
                case "Orderer" -> ORDERER;
                case "Application" -> APPLICATION;
                default -> throw new ProtolatorException("unknown channel group sub-group '" + key + "'");
            };
            case ORDERER -> ORDERER_ORG;
            case APPLICATION -> APPLICATION_ORG;
            case CONSORTIUMS -> CONSORTIUM;
            case CONSORTIUM -> CONSORTIUM_ORG;
            case ORDERER_ORG -> throw new ProtolatorException("the orderer orgs do not support sub-groups");
            case APPLICATION_ORG -> throw new ProtolatorException("The application orgs do not support sub-groups");
            case CONSORTIUM_ORG -> throw new ProtolatorException("ConsortiumOrg groups do not support sub groups");
        };
    }

    private Shape values(String key) throws ProtolatorException {
        if (this == CONSORTIUMS) {
            throw new ProtolatorException("Consortiums currently support no config values");
        }
        return new Shape() {
            @Override
            public boolean isOpaque(FieldDescriptor field) {
                return field.getName().equals("value");
            }

            @Override
            public Message opaqueType(MessageOrBuilder owner, FieldDescriptor field, String k)
                    throws ProtolatorException {
                Message type = valueTypes.get(key);
                if (type == null) {
                    throw new ProtolatorException(String.format(unknownValue, key));
                }
                return type;
            }
        };
    }
}
