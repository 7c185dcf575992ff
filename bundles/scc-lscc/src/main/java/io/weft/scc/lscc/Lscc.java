package io.weft.scc.lscc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hyperledger.fabric.protos.peer.ChaincodeData;
import org.hyperledger.fabric.protos.peer.ChaincodeInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeQueryResponse;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Response;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.channel.PeerChannels;
import io.weft.api.scc.AccessDeniedException;
import io.weft.api.scc.SccInvocation;
import io.weft.api.scc.SccState;
import io.weft.lifecycle.LegacyLifecycle;
import io.weft.lifecycle.legacy.LegacyPackage;
import io.weft.lifecycle.legacy.LegacyPackageException;
import io.weft.lifecycle.legacy.LegacyPackages;

/**
 * Fabric 2.5's {@code lscc} ({@code core/scc/lscc}): {@code [function, …]} with Fabric's argument counts, ACL
 * resources ({@code lscc/<resource>}, peer-level for installs and their listing), messages and payloads. State is
 * the proposal's simulation in the {@code lscc} namespace: {@code ChaincodeData} under the chaincode's name, its
 * collections under {@code <name>~collection}.
 */
final class Lscc {

    static final String NAME = LegacyLifecycle.NAMESPACE;

    /** Fabric's built-in system chaincodes: names a legacy package may not take. */
    static final Set<String> SYSTEM_CHAINCODES = Set.of("lscc", "qscc", "cscc", "_lifecycle");

    private static final ByteString OK = ByteString.copyFromUtf8("OK");

    private final LegacyPackages packages;
    private final LegacyDeploys deploys;

    Lscc(PeerChannels channels, LegacyPackages packages) {
        this.packages = packages;
        this.deploys = new LegacyDeploys(channels, packages);
    }

    Response invoke(SccInvocation invocation) {
        List<ByteString> args = invocation.args();
        if (args.isEmpty()) {
            return LsccText.error(LsccText.invalidArgsLen(0));
        }
        String function = args.get(0).toStringUtf8();
        return switch (function) {
            case "install" -> install(invocation, function);
            case LegacyDeploys.DEPLOY, LegacyDeploys.UPGRADE -> deploys.deployOrUpgrade(invocation, function);
            case "getid", "ChaincodeExists" -> deployed(invocation, function, "lscc/ChaincodeExists");
            case "getdepspec", "GetDeploymentSpec" -> deployed(invocation, function, "lscc/GetDeploymentSpec");
            case "getccdata", "GetChaincodeData" -> deployed(invocation, function, "lscc/GetChaincodeData");
            case "getchaincodes", "GetChaincodes" -> instantiated(invocation, function);
            case "getinstalledchaincodes", "GetInstalledChaincodes" -> installed(invocation, function);
            case "GetCollectionsConfig", "getcollectionsconfig" -> collections(invocation, function);
            default -> LsccText.error("invalid function to lscc: " + function);
        };
    }

    private Response install(SccInvocation invocation, String function) {
        List<ByteString> args = invocation.args();
        if (args.size() < 2) {
            return LsccText.error(LsccText.invalidArgsLen(args.size()));
        }
        try {
            invocation.checkAcl("lscc/Install", "");
        } catch (AccessDeniedException e) {
            return LsccText.error("access denied for [" + function + "]: " + e.getMessage());
        }
        try {
            ByteString buf = args.get(1);
            LegacyPackage pack = LegacyPackage.parse(buf);
            ChaincodeNames.checkName(pack.name());
            ChaincodeNames.checkVersion(pack.version());
            if (SYSTEM_CHAINCODES.contains(pack.name())) {
                return LsccText.error("cannot install: " + pack.name() + " is the name of a system chaincode");
            }
            packages.put(pack, buf);
        } catch (LegacyPackageException e) {
            return LsccText.error(e.getMessage());
        }
        return LsccText.success(OK);
    }

    /** {@code getid}, {@code getdepspec}, {@code getccdata} and their aliases: {@code [function, channel, name]}. */
    private Response deployed(SccInvocation invocation, String function, String resource) {
        List<ByteString> args = invocation.args();
        if (args.size() != 3) {
            return LsccText.error(LsccText.invalidArgsLen(args.size()));
        }
        String channel = args.get(1).toStringUtf8();
        String name = args.get(2).toStringUtf8();
        try {
            invocation.checkAcl(resource, channel);
        } catch (AccessDeniedException e) {
            return LsccText.error("access denied for [" + function + "][" + channel + "]: " + e.getMessage());
        }
        try {
            ByteString stored = chaincodeDataBytes(invocation, name);
            return switch (resource) {
                case "lscc/ChaincodeExists" -> LsccText.success(chaincodeData(name, stored).getNameBytes());
                case "lscc/GetChaincodeData" -> LsccText.success(stored);
                default -> LsccText.success(deploymentSpec(name, stored));
            };
        } catch (LegacyPackageException e) {
            return LsccText.error(e.getMessage());
        }
    }

    /** Fabric's {@code getCCInstance}: the stored {@code ChaincodeData} of {@code name}. */
    private static ByteString chaincodeDataBytes(SccInvocation invocation, String name) throws LegacyPackageException {
        SccState state = invocation.state().orElseThrow(() -> new LegacyPackageException(
                "transaction not found: " + LsccText.noLedgerContext("GET_STATE", invocation.txId())));
        ByteString stored = state.getState(name);
        if (stored == null || stored.isEmpty()) {
            throw new LegacyPackageException("could not find chaincode with name '" + name + "'");
        }
        return stored;
    }

    /** Fabric's {@code getChaincodeData}: the stored bytes parsed, and naming {@code name}. */
    private static ChaincodeData chaincodeData(String name, ByteString stored) throws LegacyPackageException {
        ChaincodeData cd;
        try {
            cd = ChaincodeData.parseFrom(stored);
        } catch (InvalidProtocolBufferException e) {
            throw new LegacyPackageException("error while marshalling: " + name, e);
        }
        if (!cd.getName().equals(name)) {
            throw new LegacyPackageException("chaincode name mismatch: " + name + "!=" + cd.getName());
        }
        return cd;
    }

    /** Fabric's {@code getCCCode}: the installed package's deployment spec, checked against the stored fingerprint. */
    private ByteString deploymentSpec(String name, ByteString stored) throws LegacyPackageException {
        ChaincodeData cd = chaincodeData(name, stored);
        LegacyPackage pack;
        try {
            pack = packages.get(cd.getName() + ":" + cd.getVersion());
        } catch (LegacyPackageException e) {
            throw new LegacyPackageException("invalid deployment spec: " + e.getMessage(), e);
        }
        try {
            pack.validate(cd);
        } catch (LegacyPackageException e) {
            throw new LegacyPackageException("chaincode fingerprint mismatch: " + e.getMessage(), e);
        }
        return pack.depSpecBytes();
    }

    /** {@code getchaincodes}: every chaincode lscc deployed on the proposal's channel, with what its package says. */
    private Response instantiated(SccInvocation invocation, String function) {
        if (invocation.args().size() != 1) {
            return LsccText.error(LsccText.invalidArgsLen(invocation.args().size()));
        }
        String channel = invocation.channelId();
        try {
            invocation.checkAcl("lscc/GetInstantiatedChaincodes", channel);
        } catch (AccessDeniedException e) {
            return LsccText.error("access denied for [" + function + "][" + channel + "]: " + e.getMessage());
        }
        Optional<SccState> state = invocation.state();
        if (state.isEmpty()) {
            return LsccText.error(LsccText.noLedgerContext("GET_STATE_BY_RANGE", invocation.txId()));
        }
        ChaincodeQueryResponse.Builder response = ChaincodeQueryResponse.newBuilder();
        for (Map.Entry<String, ByteString> entry : state.get().getStateByRange("", "").entrySet()) {
            if (entry.getKey().contains("~")) {
                continue; // collection configurations are not ChaincodeData
            }
            ChaincodeData cd;
            try {
                cd = ChaincodeData.parseFrom(entry.getValue());
            } catch (InvalidProtocolBufferException e) {
                return LsccText.error(LsccText.PROTO_PARSE_ERROR);
            }
            ChaincodeInfo.Builder info = ChaincodeInfo.newBuilder().setName(cd.getName()).setVersion(cd.getVersion())
                    .setEscc(cd.getEscc()).setVscc(cd.getVscc());
            try {
                // only an installed package knows path and input
                ChaincodeSpec spec = packages.get(cd.getName() + ":" + cd.getVersion()).depSpec().getChaincodeSpec();
                info.setPath(spec.getChaincodeId().getPath()).setInput(GoProtoText.input(spec.getInput()));
            } catch (LegacyPackageException e) {
                // not installed on this peer: name and version only
            }
            response.addChaincodes(info);
        }
        return LsccText.success(response.build().toByteString());
    }

    /** {@code getinstalledchaincodes}: the legacy packages installed on this peer. */
    private Response installed(SccInvocation invocation, String function) {
        if (invocation.args().size() != 1) {
            return LsccText.error(LsccText.invalidArgsLen(invocation.args().size()));
        }
        try {
            invocation.checkAcl("lscc/GetInstalledChaincodes", "");
        } catch (AccessDeniedException e) {
            return LsccText.error("access denied for [" + function + "]: " + e.getMessage());
        }
        try {
            return LsccText.success(packages.installed().toByteString());
        } catch (LegacyPackageException e) {
            return LsccText.error(e.getMessage());
        }
    }

    /** {@code getcollectionsconfig}: {@code [function, name]}, the stored {@code CollectionConfigPackage}. */
    private Response collections(SccInvocation invocation, String function) {
        List<ByteString> args = invocation.args();
        if (args.size() != 2) {
            return LsccText.error(LsccText.invalidArgsLen(args.size()));
        }
        String name = args.get(1).toStringUtf8();
        try {
            invocation.checkAcl("lscc/GetCollectionsConfig", invocation.channelId());
        } catch (AccessDeniedException e) {
            return LsccText.error("access denied for [" + function + "]: " + e.getMessage());
        }
        Optional<SccState> state = invocation.state();
        if (state.isEmpty()) {
            return LsccText.error(LsccText.noLedgerContext("GET_STATE", invocation.txId()));
        }
        ByteString config = state.get().getState(LegacyLifecycle.collectionsKey(name));
        if (config == null || config.isEmpty()) {
            return LsccText.error("collections config not defined for chaincode " + name);
        }
        return LsccText.success(config);
    }
}
