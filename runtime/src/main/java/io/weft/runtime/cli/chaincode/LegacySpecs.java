package io.weft.runtime.cli.chaincode;

import java.nio.file.Path;
import java.util.Locale;

import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;

import com.google.protobuf.ByteString;

import io.weft.lifecycle.packages.ChaincodePackageException;
import io.weft.lifecycle.packages.ChaincodePackageWriter;
import io.weft.runtime.cli.CliException;

/**
 * The chaincode spec and deployment spec the legacy {@code peer chaincode} verbs build from {@code -l}, {@code -p},
 * {@code -n}, {@code -v} and {@code -c} (Fabric's {@code getChaincodeSpec} and {@code getChaincodeDeploymentSpec}).
 */
final class LegacySpecs {

    private LegacySpecs() {
    }

    /**
     * Fabric's {@code getChaincodeSpec} with the flag checks the verb needs.
     *
     * @param verb the command name (install, instantiate, upgrade, package), for Fabric's messages
     * @param emptyCtorAllowed install and package take no {@code -c}
     */
    static ChaincodeSpec spec(String verb, String lang, String path, String name, String version, String ctor,
            boolean emptyCtorAllowed) {
        if (name.isEmpty()) {
            throw new CliException("must supply value for chaincode name parameter");
        }
        if (version.isEmpty()) {
            throw new CliException("chaincode version is not provided for " + verb);
        }
        ChaincodeInput input = emptyCtorAllowed && ctor.equals("{}") ? ChaincodeInput.getDefaultInstance()
                : ChaincodeCalls.input(ctor);
        return ChaincodeSpec.newBuilder().setType(type(lang))
                .setChaincodeId(ChaincodeID.newBuilder().setPath(path).setName(name).setVersion(version))
                .setInput(input).build();
    }

    /** Fabric's lookup of {@code -l} among the spec types: an unknown language is {@code UNDEFINED}. */
    private static ChaincodeSpec.Type type(String lang) {
        try {
            return ChaincodeSpec.Type.valueOf(lang.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ChaincodeSpec.Type.UNDEFINED;
        }
    }

    /**
     * A deployment spec carrying the source under {@code path} (relative to {@code workingDirectory}).
     *
     * @param failure how the verb words a failure ({@code <failure>: <reason>})
     */
    static ChaincodeDeploymentSpec withCode(ChaincodeSpec spec, Path workingDirectory, String failure) {
        String path = spec.getChaincodeId().getPath();
        if (spec.getType() == ChaincodeSpec.Type.UNDEFINED) {
            throw new CliException(failure + ": Unknown chaincodeType: UNDEFINED");
        }
        byte[] code;
        try {
            code = ChaincodePackageWriter.codePackage(workingDirectory.resolve(path), path, spec.getType().name());
        } catch (ChaincodePackageException e) {
            throw new CliException(failure + ": error getting chaincode package bytes: " + e.getMessage(), e);
        }
        return ChaincodeDeploymentSpec.newBuilder().setChaincodeSpec(spec)
                .setCodePackage(ByteString.copyFrom(code)).build();
    }
}
