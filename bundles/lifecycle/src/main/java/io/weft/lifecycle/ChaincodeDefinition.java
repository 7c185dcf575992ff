package io.weft.lifecycle;

import java.util.Objects;

import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;

/**
 * A chaincode committed with {@code _lifecycle} (Fabric's {@code lifecycle.ChaincodeDefinition}); the field names
 * and their order are those of Fabric's structure, which its serializer stores one key per field.
 */
public record ChaincodeDefinition(long sequence, ChaincodeEndorsementInfo endorsementInfo,
        ChaincodeValidationInfo validationInfo, CollectionConfigPackage collections) {

    public ChaincodeDefinition {
        Objects.requireNonNull(endorsementInfo, "endorsementInfo");
        Objects.requireNonNull(validationInfo, "validationInfo");
        Objects.requireNonNull(collections, "collections");
    }
}
