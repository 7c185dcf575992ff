package io.weft.tools.protolator;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;

/**
 * How Fabric's JSON form treats the fields of one message: which bytes fields hold an encoded message
 * (rendered inline instead of base64) and which message fields take a context-dependent shape (the
 * config tree, whose values are typed by their key). Mirrors fabric-config's protolator decorations.
 */
interface Shape {

    /** Whether this bytes field (singular, repeated or map value) holds an encoded message. */
    default boolean isOpaque(FieldDescriptor field) {
        return false;
    }

    /**
     * The message type the opaque field holds. {@code owner} is the message (or builder, already filled
     * with the non-opaque fields) and {@code key} the map key, when the field is a map.
     */
    default Message opaqueType(MessageOrBuilder owner, FieldDescriptor field, String key) throws ProtolatorException {
        throw new ProtolatorException("not a marshaled field: " + field.getName());
    }

    /** The shape of a nested message held in {@code field} (under {@code key} for maps). */
    default Shape child(MessageOrBuilder owner, FieldDescriptor field, String key) throws ProtolatorException {
        return Shapes.of(field.getMessageType().getFullName());
    }
}
