package io.weft.scc.lifecycle;

import java.util.List;

import org.hyperledger.fabric.protos.peer.lifecycle.StateData;

import com.google.protobuf.Message;

import io.weft.lifecycle.ChaincodeDefinition;

/**
 * A structure Fabric's lifecycle serializer stores one key per field: its Go type name and its fields in declaration
 * order, each already a {@code StateData} (int64, string, or bytes — a proto field as its marshalled bytes).
 */
record Structure(String type, List<Field> fields) {

    record Field(String name, StateData value) {
    }

    Structure {
        fields = List.copyOf(fields);
    }

    List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
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
    static Structure definition(ChaincodeDefinition d) {
        return new Structure("ChaincodeDefinition", List.of(int64("Sequence", d.sequence()),
                proto("EndorsementInfo", d.endorsementInfo()), proto("ValidationInfo", d.validationInfo()),
                proto("Collections", d.collections())));
    }

    /** Fabric's {@code ChaincodeParameters}: a definition without its sequence, what an org approves. */
    static Structure parameters(ChaincodeDefinition d) {
        return new Structure("ChaincodeParameters", List.of(proto("EndorsementInfo", d.endorsementInfo()),
                proto("ValidationInfo", d.validationInfo()), proto("Collections", d.collections())));
    }

    /** Fabric's {@code ChaincodeLocalPackage}: the package an org approved with a definition. */
    static Structure localPackage(String packageId) {
        return new Structure("ChaincodeLocalPackage", List.of(string("PackageID", packageId)));
    }
}
