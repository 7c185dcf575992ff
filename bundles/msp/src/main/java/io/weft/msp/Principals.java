package io.weft.msp;

import java.util.List;
import java.util.Objects;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.CombinedPrincipal;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;

/** Builders of {@code MSPPrincipal} values. */
public final class Principals {

    private Principals() {
    }

    /** A ROLE principal: {@code mspId.member}, {@code mspId.admin}, ... */
    public static MSPPrincipal role(String mspId, MSPRole.MSPRoleType role) {
        MSPRole r = MSPRole.newBuilder()
                .setMspIdentifier(Objects.requireNonNull(mspId, "mspId"))
                .setRole(Objects.requireNonNull(role, "role"))
                .build();
        return MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(r.toByteString())
                .build();
    }

    /** An ORGANIZATION_UNIT principal. */
    public static MSPPrincipal organizationUnit(String mspId, String ou, byte[] certifiersIdentifier) {
        OrganizationUnit u = OrganizationUnit.newBuilder()
                .setMspIdentifier(Objects.requireNonNull(mspId, "mspId"))
                .setOrganizationalUnitIdentifier(Objects.requireNonNull(ou, "ou"))
                .setCertifiersIdentifier(ByteString.copyFrom(Objects.requireNonNull(certifiersIdentifier)))
                .build();
        return MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ORGANIZATION_UNIT)
                .setPrincipal(u.toByteString())
                .build();
    }

    /** An IDENTITY principal: a marshalled {@code SerializedIdentity}. */
    public static MSPPrincipal identity(ByteString serializedIdentity) {
        return MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.IDENTITY)
                .setPrincipal(Objects.requireNonNull(serializedIdentity, "serializedIdentity"))
                .build();
    }

    /** A COMBINED principal: all must hold. */
    public static MSPPrincipal combined(List<MSPPrincipal> principals) {
        return MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.COMBINED)
                .setPrincipal(CombinedPrincipal.newBuilder().addAllPrincipals(principals).build().toByteString())
                .build();
    }
}
