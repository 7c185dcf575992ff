package io.weft.tools.protolator;

import java.util.Map;
import java.util.Set;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.IdemixMSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;

/** Fabric's decorations by message type (fabric-config protolator/protoext), plus the plain default. */
final class Shapes {

    /** A message with no special fields: everything renders as plain protobuf JSON. */
    static final Shape PLAIN = new Shape() {
    };

    private static final Map<String, Shape> BY_TYPE = Map.ofEntries(
            Map.entry("common.Envelope", statically(Set.of("payload"), f -> Payload.getDefaultInstance())),
            Map.entry("common.Payload", new PayloadShape()),
            Map.entry("common.Header", statically(Set.of("channel_header", "signature_header"),
                    f -> f.equals("channel_header") ? ChannelHeader.getDefaultInstance()
                            : SignatureHeader.getDefaultInstance())),
            Map.entry("common.ChannelHeader", variably("extension", owner -> {
                if (intField(owner, "type") == HeaderType.ENDORSER_TRANSACTION_VALUE) {
                    return ChaincodeHeaderExtension.getDefaultInstance();
                }
                throw new ProtolatorException("channel header extension only valid for endorser transactions");
            })),
            Map.entry("common.SignatureHeader",
                    statically(Set.of("creator"), f -> SerializedIdentity.getDefaultInstance())),
            Map.entry("common.BlockData", statically(Set.of("data"), f -> Envelope.getDefaultInstance())),
            Map.entry("common.ConfigUpdateEnvelope",
                    statically(Set.of("config_update"), f -> ConfigUpdate.getDefaultInstance())),
            Map.entry("common.ConfigSignature",
                    statically(Set.of("signature_header"), f -> SignatureHeader.getDefaultInstance())),
            Map.entry("common.Config", new ConfigShape(Set.of("channel_group"))),
            Map.entry("common.ConfigUpdate", new ConfigShape(Set.of("read_set", "write_set"))),
            Map.entry("common.Policy", variably("value", owner -> {
                int type = intField(owner, "type");
                return switch (type) {
                    case 1 -> SignaturePolicyEnvelope.getDefaultInstance();
                    case 3 -> ImplicitMetaPolicy.getDefaultInstance();
                    default -> throw new ProtolatorException("unable to decode policy type: " + type);
                };
            })),
            Map.entry("msp.MSPConfig", variably("config", owner -> {
                int type = intField(owner, "type");
                return switch (type) {
                    case 0 -> FabricMSPConfig.getDefaultInstance();
                    case 1 -> IdemixMSPConfig.getDefaultInstance();
                    default -> throw new ProtolatorException("unable to decode MSP type: " + type);
                };
            })),
            Map.entry("common.MSPPrincipal", variably("principal", owner -> {
                EnumValueDescriptor c = enumField(owner, "principal_classification");
                return switch (c.getName()) {
                    case "ROLE" -> MSPRole.getDefaultInstance();
                    case "ORGANIZATION_UNIT" -> OrganizationUnit.getDefaultInstance();
                    case "IDENTITY" -> SerializedIdentity.getDefaultInstance();
                    default -> throw new ProtolatorException("unable to decode MSP type: " + c.getName());
                };
            })),
            Map.entry("orderer.ConsensusType", variably("metadata", owner -> {
                String type = (String) owner.getField(field(owner, "type"));
                return switch (type) {
                    case "etcdraft" -> ConfigMetadata.getDefaultInstance();
                    case "BFT" -> org.hyperledger.fabric.protos.orderer.smartbft.Options.getDefaultInstance();
                    default -> Empty.getDefaultInstance();
                };
            })),
            Map.entry("protos.TransactionAction", statically(Set.of("header", "payload"),
                    f -> f.equals("header") ? SignatureHeader.getDefaultInstance()
                            : ChaincodeActionPayload.getDefaultInstance())),
            Map.entry("protos.ChaincodeActionPayload", statically(Set.of("chaincode_proposal_payload"),
                    f -> ChaincodeProposalPayload.getDefaultInstance())),
            Map.entry("protos.ChaincodeEndorsedAction", statically(Set.of("proposal_response_payload"),
                    f -> ProposalResponsePayload.getDefaultInstance())),
            Map.entry("protos.ProposalResponsePayload",
                    statically(Set.of("extension"), f -> ChaincodeAction.getDefaultInstance())),
            Map.entry("protos.ChaincodeProposalPayload",
                    statically(Set.of("input"), f -> ChaincodeInvocationSpec.getDefaultInstance())),
            Map.entry("protos.ChaincodeAction", statically(Set.of("results", "events"),
                    f -> f.equals("results") ? TxReadWriteSet.getDefaultInstance()
                            : ChaincodeEvent.getDefaultInstance())),
            Map.entry("rwset.TxReadWriteSet", new RwsetShape()));

    private Shapes() {
    }

    /** The shape Fabric gives a message of this type when it is not inside a config tree. */
    static Shape of(String fullName) {
        return BY_TYPE.getOrDefault(fullName, PLAIN);
    }

    static FieldDescriptor field(MessageOrBuilder owner, String name) {
        FieldDescriptor f = owner.getDescriptorForType().findFieldByName(name);
        if (f == null) {
            throw new IllegalStateException(owner.getDescriptorForType().getFullName() + " has no field " + name);
        }
        return f;
    }

    static int intField(MessageOrBuilder owner, String name) {
        return ((Number) owner.getField(field(owner, name))).intValue();
    }

    static EnumValueDescriptor enumField(MessageOrBuilder owner, String name) {
        return (EnumValueDescriptor) owner.getField(field(owner, name));
    }

    interface TypeByName {
        Message type(String field) throws ProtolatorException;
    }

    interface TypeByOwner {
        Message type(MessageOrBuilder owner) throws ProtolatorException;
    }

    /** Bytes fields whose message type is fixed by the field name. */
    static Shape statically(Set<String> fields, TypeByName types) {
        return new Shape() {
            @Override
            public boolean isOpaque(FieldDescriptor field) {
                return fields.contains(field.getName());
            }

            @Override
            public Message opaqueType(MessageOrBuilder owner, FieldDescriptor field, String key)
                    throws ProtolatorException {
                return types.type(field.getName());
            }
        };
    }

    /** A bytes field whose message type depends on the owner's other fields. */
    static Shape variably(String fieldName, TypeByOwner types) {
        return new Shape() {
            @Override
            public boolean isOpaque(FieldDescriptor field) {
                return field.getName().equals(fieldName);
            }

            @Override
            public Message opaqueType(MessageOrBuilder owner, FieldDescriptor field, String key)
                    throws ProtolatorException {
                return types.type(owner);
            }
        };
    }

    /** Payload.data is typed by the channel header's type. */
    private static final class PayloadShape implements Shape {
        @Override
        public boolean isOpaque(FieldDescriptor field) {
            return field.getName().equals("data");
        }

        @Override
        public Message opaqueType(MessageOrBuilder owner, FieldDescriptor field, String key)
                throws ProtolatorException {
            FieldDescriptor headerField = field(owner, "header");
            if (!owner.hasField(headerField)) {
                throw new ProtolatorException("cannot determine payload type when header is missing");
            }
            MessageOrBuilder header = (MessageOrBuilder) owner.getField(headerField);
            ByteString chBytes = (ByteString) header.getField(field(header, "channel_header"));
            ChannelHeader ch;
            try {
                ch = ChannelHeader.parseFrom(chBytes);
            } catch (InvalidProtocolBufferException e) {
                throw new ProtolatorException("corrupt channel header: " + e.getMessage(), e);
            }
            return switch (ch.getType()) {
                case HeaderType.CONFIG_VALUE -> ConfigEnvelope.getDefaultInstance();
                case HeaderType.ORDERER_TRANSACTION_VALUE -> Envelope.getDefaultInstance();
                case HeaderType.CONFIG_UPDATE_VALUE -> ConfigUpdateEnvelope.getDefaultInstance();
                case HeaderType.MESSAGE_VALUE -> ConfigValue.getDefaultInstance();
                case HeaderType.ENDORSER_TRANSACTION_VALUE -> Transaction.getDefaultInstance();
                default -> throw new ProtolatorException("decoding type " + ch.getType() + " is unimplemented");
            };
        }
    }

    /** Config.channel_group and ConfigUpdate.read_set/write_set are channel groups. */
    private static final class ConfigShape implements Shape {
        private final Set<String> groupFields;

        ConfigShape(Set<String> groupFields) {
            this.groupFields = groupFields;
        }

        @Override
        public boolean isOpaque(FieldDescriptor field) {
            return field.getName().equals("isolated_data");
        }

        @Override
        public Message opaqueType(MessageOrBuilder owner, FieldDescriptor field, String key)
                throws ProtolatorException {
            // Fabric registers no isolated data types
            throw new ProtolatorException("Unknown map key: " + key);
        }

        @Override
        public Shape child(MessageOrBuilder owner, FieldDescriptor field, String key) throws ProtolatorException {
            if (groupFields.contains(field.getName())) {
                return ConfigGroupShape.CHANNEL;
            }
            return Shape.super.child(owner, field, key);
        }
    }

    /** Key/value read-write sets decode their namespaces' rwset bytes; other data models stay opaque. */
    private static final class RwsetShape implements Shape {
        @Override
        public Shape child(MessageOrBuilder owner, FieldDescriptor field, String key) throws ProtolatorException {
            boolean kv = enumField(owner, "data_model").getNumber() == TxReadWriteSet.DataModel.KV_VALUE;
            if (kv && field.getName().equals("ns_rwset")) {
                return new Shape() {
                    @Override
                    public boolean isOpaque(FieldDescriptor f) {
                        return f.getName().equals("rwset");
                    }

                    @Override
                    public Message opaqueType(MessageOrBuilder o, FieldDescriptor f, String k) {
                        return KVRWSet.getDefaultInstance();
                    }

                    @Override
                    public Shape child(MessageOrBuilder o, FieldDescriptor f, String k) throws ProtolatorException {
                        if (f.getName().equals("collection_hashed_rwset")) {
                            return statically(Set.of("rwset"), n -> HashedRWSet.getDefaultInstance());
                        }
                        return Shape.super.child(o, f, k);
                    }
                };
            }
            return Shape.super.child(owner, field, key);
        }
    }
}
