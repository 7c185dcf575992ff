package io.weft.tools.protolator;

import java.io.IOException;
import java.util.Base64;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import com.google.protobuf.MessageOrBuilder;

import org.hyperledger.fabric.protos.common.ConfigGroup;

/**
 * Fabric's JSON form of protobuf messages (configtxlator {@code proto_decode}/{@code proto_encode},
 * configtxgen {@code -inspectBlock}): protobuf JSON with original field names and all fields present,
 * where bytes fields that hold known messages (envelope payloads, headers, config values, policies, MSP
 * configs, ...) are decoded inline. Scalars follow Fabric 2.4's jsonpb: 64-bit integers as strings, enums
 * by name, empty bytes and unset messages as {@code null}.
 */
public final class Protolator {

    private Protolator() {
    }

    /** The message in Fabric's JSON form, laid out as Fabric prints it (sorted keys, tabs, newline). */
    public static String toJson(MessageOrBuilder msg) throws ProtolatorException {
        return GoJson.write(toTree(msg));
    }

    /**
     * An org group in Fabric's JSON form, its values typed as an orderer org's (MSP, Endpoints): what
     * configtxgen {@code -printOrg} prints.
     */
    public static String orgGroupToJson(ConfigGroup orgGroup) throws ProtolatorException {
        return GoJson.write(TreeWriter.messageToTree(orgGroup, ConfigGroupShape.ORDERER_ORG));
    }

    /** The message as a JSON tree in Fabric's JSON form. */
    public static JsonObject toTree(MessageOrBuilder msg) throws ProtolatorException {
        return TreeWriter.messageToTree(msg, Shapes.of(msg.getDescriptorForType().getFullName()));
    }

    /** Parses Fabric's JSON form into a message of the prototype's type. */
    @SuppressWarnings("unchecked")
    public static <T extends Message> T fromJson(String json, T prototype) throws ProtolatorException {
        return (T) fromJson(json, prototype.newBuilderForType());
    }

    /** Parses Fabric's JSON form into a message of the given type (a {@link DynamicMessage}). */
    public static Message fromJson(String json, Descriptor type) throws ProtolatorException {
        return fromJson(json, DynamicMessage.newBuilder(type));
    }

    private static Message fromJson(String json, Message.Builder builder) throws ProtolatorException {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new ProtolatorException("error unmarshaling intermediate JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isJsonObject()) {
            throw new ProtolatorException("error unmarshaling intermediate JSON: expected a JSON object");
        }
        Descriptor type = builder.getDescriptorForType();
        TreeReader.fillFromTree(root.getAsJsonObject(), builder, Shapes.of(type.getFullName()));
        return builder.build();
    }

    /**
     * The message's wire bytes with map entries sorted by key, as Go's deterministic marshaling writes
     * them, so that hashes and byte comparisons match Fabric.
     */
    public static byte[] deterministicBytes(MessageLite msg) {
        byte[] out = new byte[msg.getSerializedSize()];
        CodedOutputStream cos = CodedOutputStream.newInstance(out);
        cos.useDeterministicSerialization();
        try {
            msg.writeTo(cos);
        } catch (IOException e) {
            throw new IllegalStateException("serializing to an array cannot fail", e);
        }
        cos.checkNoSpaceLeft();
        return out;
    }
}
