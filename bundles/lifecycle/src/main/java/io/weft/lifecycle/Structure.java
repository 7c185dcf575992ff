package io.weft.lifecycle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

/**
 * A structure Fabric's lifecycle serializer stores one key per field: its Go type name and its fields in declaration
 * order, each already a {@code StateData} (int64, string, or bytes — a proto field as its marshalled bytes).
 */
public record Structure(String type, List<Field> fields) {

    /** The prefix of definitions (committed) and parameters (approved, in an org's implicit collection). */
    public static final String NAMESPACES = "namespaces";
    /** The prefix of the package an org approved a definition with. */
    public static final String CHAINCODE_SOURCES = "chaincode-sources";

    public record Field(String name, StateData value) {
    }

    public Structure {
        fields = List.copyOf(fields);
    }

    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }

    /** The {@code StateMetadata} Fabric stores for the structure. */
    public ByteString metadataBytes() {
        return StateMetadata.newBuilder().setDatatype(type).addAllFields(fieldNames()).build().toByteString();
    }

    /**
     * Fabric's {@code IsSerialized}: which parts of this structure, stored under {@code prefix}/{@code name}, the
     * hashes {@code hashOf} (key → SHA-256 of the stored value, null when absent) disagree with — the type name when
     * the metadata differs, else the mismatching field names; empty when the store holds exactly this structure.
     */
    public List<String> mismatches(String prefix, String name, Function<String, ByteString> hashOf) {
        List<String> mismatches = new ArrayList<>();
        if (!sha256(metadataBytes()).equals(hashOf.apply(LifecycleState.metadataKey(prefix, name)))) {
            mismatches.add(type);
            return mismatches;
        }
        for (Field field : fields) {
            ByteString existing = hashOf.apply(LifecycleState.fieldKey(prefix, name, field.name()));
            if (existing == null || !existing.equals(sha256(field.value().toByteString()))) {
                mismatches.add(field.name());
            }
        }
        return mismatches;
    }

    static ByteString sha256(ByteString value) {
        try {
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(value.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static Field int64(String name, long value) {
        return new Field(name, StateData.newBuilder().setInt64(value).build());
    }

    static Field string(String name, String value) {
        return new Field(name, StateData.newBuilder().setString(value).build());
    }

    static Field proto(String name, Message value) {
        return new Field(name, StateData.newBuilder().setBytes(value.toByteString()).build());
    }

    /** Fabric's {@code ChaincodeDefinition}: what commit stores publicly. */
    public static Structure definition(ChaincodeDefinition d) {
        return new Structure("ChaincodeDefinition", List.of(int64("Sequence", d.sequence()),
                proto("EndorsementInfo", d.endorsementInfo()), proto("ValidationInfo", d.validationInfo()),
                proto("Collections", d.collections())));
    }

    /** Fabric's {@code ChaincodeParameters}: a definition without its sequence, what an org approves. */
    public static Structure parameters(ChaincodeDefinition d) {
        return new Structure("ChaincodeParameters", List.of(proto("EndorsementInfo", d.endorsementInfo()),
                proto("ValidationInfo", d.validationInfo()), proto("Collections", d.collections())));
    }

    /** Fabric's {@code ChaincodeLocalPackage}: the package an org approved with a definition. */
    public static Structure localPackage(String packageId) {
        return new Structure("ChaincodeLocalPackage", List.of(string("PackageID", packageId)));
    }
}
