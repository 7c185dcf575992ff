package io.weft.msp;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.common.CombinedPrincipal;
import org.hyperledger.fabric.protos.common.MSPIdentityAnonymity;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;

/** Fabric's {@code SatisfiesPrincipal} for each MSP version. */
final class PrincipalEvaluator {

    private final BccspMsp msp;

    PrincipalEvaluator(BccspMsp msp) {
        this.msp = msp;
    }

    void satisfies(Identity id, MSPPrincipal principal) throws MspException {
        for (MSPPrincipal p : collect(principal)) {
            switch (msp.version()) {
                case V1_0, V1_1 -> preV13(id, p);
                case V1_3 -> v13(id, p);
                case V1_4_3 -> v142(id, p);
            }
        }
    }

    private List<MSPPrincipal> collect(MSPPrincipal principal) throws MspException {
        if (principal.getPrincipalClassification() != MSPPrincipal.Classification.COMBINED) {
            return List.of(principal);
        }
        if (!msp.version().atLeast(MspVersion.V1_3)) {
            throw new MspException("invalid principal type " + principal.getPrincipalClassificationValue());
        }
        CombinedPrincipal combined;
        try {
            combined = CombinedPrincipal.parseFrom(principal.getPrincipal());
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("could not unmarshal CombinedPrincipal from principal: " + e.getMessage(), e);
        }
        if (combined.getPrincipalsCount() == 0) {
            throw new MspException("No principals in CombinedPrincipal");
        }
        List<MSPPrincipal> out = new ArrayList<>();
        for (MSPPrincipal p : combined.getPrincipalsList()) {
            out.addAll(collect(p));
        }
        return out;
    }

    private void v142(Identity id, MSPPrincipal principal) throws MspException {
        if (!(id instanceof X509Identity x)) {
            throw new MspException("invalid identity type, expected *identity");
        }
        if (principal.getPrincipalClassification() == MSPPrincipal.Classification.ROLE && msp.nodeOUs().enforced()) {
            MSPRole role = role(principal);
            checkMsp(role.getMspIdentifier(), id);
            if (role.getRole() == MSPRole.MSPRoleType.ADMIN) {
                if (msp.isInAdmins(x)) {
                    return;
                }
                validateAs(x);
                try {
                    msp.hasOURole(x, MSPRole.MSPRoleType.ADMIN);
                } catch (MspException e) {
                    throw MspException.wrap("The identity is not an admin under this MSP [" + msp.id() + "]", e);
                }
                return;
            }
            if (role.getRole() == MSPRole.MSPRoleType.ORDERER) {
                validateAs(x);
                hasRole(x, role.getRole());
                return;
            }
        }
        v13(id, principal);
    }

    private void v13(Identity id, MSPPrincipal principal) throws MspException {
        switch (principal.getPrincipalClassification()) {
            case COMBINED -> throw new MspException("SatisfiesPrincipalInternal shall not be called with a CombinedPrincipal");
            case ANONYMITY -> {
                MSPIdentityAnonymity anon;
                try {
                    anon = MSPIdentityAnonymity.parseFrom(principal.getPrincipal());
                } catch (InvalidProtocolBufferException e) {
                    throw new MspException("could not unmarshal MSPIdentityAnonymity from principal: " + e.getMessage(), e);
                }
                switch (anon.getAnonymityTypeValue()) {
                    case MSPIdentityAnonymity.MSPIdentityAnonymityType.ANONYMOUS_VALUE -> throw new MspException(
                            "Principal is anonymous, but X.509 MSP does not support anonymous identities");
                    case MSPIdentityAnonymity.MSPIdentityAnonymityType.NOMINAL_VALUE -> {
                        // an X.509 identity is nominal
                    }
                    default -> throw new MspException("Unknown principal anonymity type: " + anon.getAnonymityTypeValue());
                }
            }
            default -> preV13(id, principal);
        }
    }

    private void preV13(Identity id, MSPPrincipal principal) throws MspException {
        switch (principal.getPrincipalClassification()) {
            case ROLE -> {
                MSPRole role = role(principal);
                checkMsp(role.getMspIdentifier(), id);
                switch (role.getRoleValue()) {
                    case MSPRole.MSPRoleType.MEMBER_VALUE -> msp.validate(id);
                    case MSPRole.MSPRoleType.ADMIN_VALUE -> {
                        if (!(id instanceof X509Identity x) || !msp.isInAdmins(x)) {
                            throw new MspException("This identity is not an admin");
                        }
                    }
                    case MSPRole.MSPRoleType.CLIENT_VALUE, MSPRole.MSPRoleType.PEER_VALUE -> {
                        X509Identity x = x509(id);
                        validateAs(x);
                        hasRole(x, role.getRole());
                    }
                    default -> throw new MspException("invalid MSP role type " + role.getRoleValue());
                }
            }
            case IDENTITY -> {
                Identity principalId;
                try {
                    principalId = msp.deserializeIdentity(principal.getPrincipal().toByteArray());
                } catch (MspException e) {
                    throw MspException.wrap("invalid identity principal, not a certificate", e);
                }
                if (java.util.Arrays.equals(id.certificateDer(), principalId.certificateDer())) {
                    principalId.validate();
                    return;
                }
                throw new MspException("The identities do not match");
            }
            case ORGANIZATION_UNIT -> {
                OrganizationUnit ou;
                try {
                    ou = OrganizationUnit.parseFrom(principal.getPrincipal());
                } catch (InvalidProtocolBufferException e) {
                    throw new MspException("could not unmarshal OrganizationUnit from principal: " + e.getMessage(), e);
                }
                checkMsp(ou.getMspIdentifier(), id);
                msp.validate(id);
                byte[] certifiers = ou.getCertifiersIdentifier().toByteArray();
                for (OUIdentifier own : id.organizationalUnits()) {
                    if (own.organizationalUnitIdentifier().equals(ou.getOrganizationalUnitIdentifier())
                            && own.sameCertifiers(certifiers)) {
                        return;
                    }
                }
                throw new MspException("The identities do not match");
            }
            default -> throw new MspException("invalid principal type " + principal.getPrincipalClassificationValue());
        }
    }

    private MSPRole role(MSPPrincipal principal) throws MspException {
        try {
            return MSPRole.parseFrom(principal.getPrincipal());
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("could not unmarshal MSPRole from principal: " + e.getMessage(), e);
        }
    }

    private void checkMsp(String expected, Identity id) throws MspException {
        if (!expected.equals(msp.id())) {
            throw new MspException("the identity is a member of a different MSP (expected " + expected + ", got "
                    + id.mspId() + ")");
        }
    }

    private void validateAs(X509Identity x) throws MspException {
        try {
            msp.validate(x);
        } catch (MspException e) {
            throw MspException.wrap("The identity is not valid under this MSP [" + msp.id() + "]", e);
        }
    }

    private void hasRole(X509Identity x, MSPRole.MSPRoleType role) throws MspException {
        try {
            msp.hasOURole(x, role);
        } catch (MspException e) {
            throw MspException.wrap("The identity is not a [" + role + "] under this MSP [" + msp.id() + "]", e);
        }
    }

    private static X509Identity x509(Identity id) throws MspException {
        if (id instanceof X509Identity x) {
            return x;
        }
        throw new MspException("invalid identity type, expected *identity");
    }
}
