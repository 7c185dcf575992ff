package io.weft.scc.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgResult;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageResult;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;

import io.weft.api.chaincode.ChaincodePackages;
import io.weft.api.chaincode.InstalledPackage;
import io.weft.api.chaincode.PackageException;
import io.weft.api.chaincode.PackageNotFoundException;
import io.weft.api.channel.ChannelException;
import io.weft.api.channel.ChannelView;
import io.weft.api.channel.PeerChannels;
import io.weft.api.scc.AccessDeniedException;
import io.weft.api.scc.SccInvocation;
import io.weft.api.scc.SccState;
import io.weft.lifecycle.ChaincodeDefinition;
import io.weft.lifecycle.ChaincodeCollections;
import io.weft.lifecycle.LifecycleState;

/**
 * Fabric's {@code _lifecycle} system chaincode: {@code [function, marshalled <function>Args]} in, the marshalled
 * {@code <function>Result} out; ACL {@code _lifecycle/<function>} on the proposal's channel (peer-level for installs);
 * channels must enable the V2_0 application capability. Undefined namespaces and packages answer 404, every other
 * failure 500 with {@code failed to invoke backing implementation of '<function>': …}, as Fabric.
 */
final class LifecycleScc {

    static final String NAME = LifecycleState.NAMESPACE;

    private static final Logger LOG = LoggerFactory.getLogger("io.weft.scc.lifecycle");
    private static final String RECEIVER = "*lifecycle.Invocation";

    private final PeerChannels channels;
    private final ChaincodePackages packages;
    private final String orgMspId;

    LifecycleScc(PeerChannels channels, ChaincodePackages packages, String orgMspId) {
        this.channels = channels;
        this.packages = packages;
        this.orgMspId = orgMspId;
    }

    Response invoke(SccInvocation invocation) {
        List<ByteString> args = invocation.args();
        if (args.isEmpty()) {
            return error("lifecycle scc must be invoked with arguments");
        }
        if (args.size() != 2) {
            return error("lifecycle scc operations require exactly two arguments but received " + args.size());
        }
        String channelId = invocation.channelId();
        ChannelView channel = null;
        if (!channelId.isEmpty()) {
            channel = channels.channel(channelId).orElse(null);
            if (channel == null) {
                return error("could not get channelconfig for channel '" + channelId + "'");
            }
            if (channel.applicationMspIds().isEmpty()) {
                return error("could not get application config for channel '" + channelId + "'");
            }
            if (!channel.lifecycleV20()) {
                return error("cannot use new lifecycle for channel '" + channelId
                        + "' as it does not have the required capabilities enabled");
            }
        }
        String function = args.get(0).toStringUtf8();
        try {
            invocation.checkAcl(NAME + "/" + function, channelId);
        } catch (AccessDeniedException e) {
            return error("Failed to authorize invocation due to failed ACL check: " + e.getMessage());
        }
        try {
            Message result = new Call(invocation, channel, args.get(1)).dispatch(function);
            return Response.newBuilder().setStatus(200).setPayload(result.toByteString()).build();
        } catch (NotFoundException e) {
            return Response.newBuilder().setStatus(404).setMessage(e.getMessage()).build();
        } catch (LifecycleException e) {
            return error("failed to invoke backing implementation of '" + function + "': " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface PackageCall<T> {
        T call() throws PackageException;
    }

    private static <T> T packaged(PackageCall<T> call) throws LifecycleException {
        try {
            return call.call();
        } catch (PackageNotFoundException e) {
            throw new NotFoundException(e.getMessage());
        } catch (PackageException e) {
            throw new LifecycleException(e.getMessage(), e);
        }
    }

    private static Response error(String message) {
        return Response.newBuilder().setStatus(500).setMessage(message).build();
    }

    /** One invocation's function, with its channel and state. */
    private final class Call {
        private final SccInvocation invocation;
        private final ChannelView channel;
        private final ByteString input;

        Call(SccInvocation invocation, ChannelView channel, ByteString input) {
            this.invocation = invocation;
            this.channel = channel;
            this.input = input;
        }

        Message dispatch(String function) throws LifecycleException {
            return switch (function) {
                case "InstallChaincode" -> install(parse(function, InstallChaincodeArgs.parser()));
                case "QueryInstalledChaincode" -> queryInstalled(parse(function, QueryInstalledChaincodeArgs.parser()));
                case "QueryInstalledChaincodes" -> {
                    parse(function, QueryInstalledChaincodesArgs.parser());
                    yield queryInstalledAll();
                }
                case "GetInstalledChaincodePackage" ->
                    getPackage(parse(function, GetInstalledChaincodePackageArgs.parser()));
                case "ApproveChaincodeDefinitionForMyOrg" ->
                    approve(parse(function, ApproveChaincodeDefinitionForMyOrgArgs.parser()));
                case "QueryApprovedChaincodeDefinition" ->
                    queryApproved(parse(function, QueryApprovedChaincodeDefinitionArgs.parser()));
                case "QueryApprovedChaincodeDefinitions" -> {
                    parse(function, QueryApprovedChaincodeDefinitionsArgs.parser());
                    yield queryApprovedAll();
                }
                case "CheckCommitReadiness" -> checkCommitReadiness(parse(function, CheckCommitReadinessArgs.parser()));
                case "CommitChaincodeDefinition" -> commit(parse(function, CommitChaincodeDefinitionArgs.parser()));
                case "QueryChaincodeDefinition" -> queryDefinition(parse(function, QueryChaincodeDefinitionArgs.parser()));
                case "QueryChaincodeDefinitions" -> {
                    parse(function, QueryChaincodeDefinitionsArgs.parser());
                    yield queryDefinitions();
                }
                default -> throw new LifecycleException("receiver " + RECEIVER + "." + function + " does not exist");
            };
        }

        private <T> T parse(String function, Parser<T> parser) throws LifecycleException {
            return Serializer.parse(parser, input, "could not decode input arg for " + RECEIVER + "." + function);
        }

        private ChannelView channel() throws LifecycleException {
            if (channel == null) {
                throw new LifecycleException("could not get channelconfig for channel ''");
            }
            return channel;
        }

        private SccState state() throws LifecycleException {
            channel();
            return invocation.state().orElseThrow(
                    () -> new LifecycleException("no simulation for channel '" + invocation.channelId() + "'"));
        }

        private States.Public publicState() throws LifecycleException {
            return new States.Public(state());
        }

        private States.Collection myOrg() throws LifecycleException {
            return new States.Collection(state(), ChaincodeCollections.implicitCollectionName(orgMspId));
        }

        /** Every application org's implicit collection (Fabric's opaque states). */
        private List<States.Opaque> orgStates() throws LifecycleException {
            SccState state = state();
            List<States.Opaque> out = new ArrayList<>();
            for (String mspId : channel().applicationMspIds().orElse(List.of())) {
                out.add(new States.Collection(state, ChaincodeCollections.implicitCollectionName(mspId)));
            }
            return out;
        }

        private Message install(InstallChaincodeArgs args) throws LifecycleException {
            InstalledPackage installed = packaged(() -> packages.install(args.getChaincodeInstallPackage()));
            return InstallChaincodeResult.newBuilder().setPackageId(installed.packageId()).setLabel(installed.label())
                    .build();
        }

        private Message queryInstalled(QueryInstalledChaincodeArgs args) throws LifecycleException {
            InstalledPackage installed = packaged(() -> packages.installed(args.getPackageId()));
            QueryInstalledChaincodeResult.Builder result = QueryInstalledChaincodeResult.newBuilder()
                    .setPackageId(installed.packageId()).setLabel(installed.label());
            referencesByPackage().getOrDefault(installed.packageId(), Map.of()).forEach((ch, refs) -> result
                    .putReferences(ch, QueryInstalledChaincodeResult.References.newBuilder().addAllChaincodes(
                            refs.stream().map(r -> QueryInstalledChaincodeResult.Chaincode.newBuilder()
                                    .setName(r.chaincode()).setVersion(r.version()).build()).toList()).build()));
            return result.build();
        }

        private Message queryInstalledAll() throws LifecycleException {
            QueryInstalledChaincodesResult.Builder result = QueryInstalledChaincodesResult.newBuilder();
            Map<String, Map<String, List<LifecycleFunctions.Reference>>> references = referencesByPackage();
            for (InstalledPackage installed : packaged(packages::installed)) {
                QueryInstalledChaincodesResult.InstalledChaincode.Builder c = QueryInstalledChaincodesResult
                        .InstalledChaincode.newBuilder().setPackageId(installed.packageId()).setLabel(installed.label());
                references.getOrDefault(installed.packageId(), Map.of()).forEach((ch, refs) -> c.putReferences(ch,
                        QueryInstalledChaincodesResult.References.newBuilder().addAllChaincodes(refs.stream()
                                .map(r -> QueryInstalledChaincodesResult.Chaincode.newBuilder().setName(r.chaincode())
                                        .setVersion(r.version()).build()).toList()).build()));
                result.addInstalledChaincodes(c);
            }
            return result.build();
        }

        /**
         * Package ID → channel → the chaincodes committed there that run it for this org, from every joined
         * {@code V2_0} channel's committed state. A channel that cannot be read is left out (and logged): the packages
         * are still listed.
         */
        private Map<String, Map<String, List<LifecycleFunctions.Reference>>> referencesByPackage() {
            Map<String, Map<String, List<LifecycleFunctions.Reference>>> out = new TreeMap<>();
            String implicit = ChaincodeCollections.implicitCollectionName(orgMspId);
            for (String channelId : channels.channels()) {
                Optional<ChannelView> view = channels.channel(channelId);
                if (view.isEmpty() || !view.get().lifecycleV20()) {
                    continue;
                }
                try {
                    view.get().readCommitted(NAME, state -> LifecycleFunctions.references(new States.Public(state),
                            new States.Collection(state, implicit)))
                            .forEach((packageId, refs) -> out.computeIfAbsent(packageId, k -> new TreeMap<>())
                                    .put(channelId, refs));
                } catch (ChannelException | LifecycleException | RuntimeException e) {
                    LOG.warn("Could not read the chaincodes of channel {} that reference installed packages: {}",
                            channelId, e.getMessage());
                }
            }
            return out;
        }

        private Message getPackage(GetInstalledChaincodePackageArgs args) throws LifecycleException {
            ByteString bytes;
            try {
                bytes = packages.load(args.getPackageId());
            } catch (PackageNotFoundException e) {
                throw new NotFoundException("could not load cc install package: " + e.getMessage());
            } catch (PackageException e) {
                throw new LifecycleException("could not load cc install package: " + e.getMessage(), e);
            }
            return GetInstalledChaincodePackageResult.newBuilder().setChaincodeInstallPackage(bytes).build();
        }

        private Message approve(ApproveChaincodeDefinitionForMyOrgArgs args) throws LifecycleException {
            States.Public pub = publicState();
            DefinitionChecks.validate(args.getName(), args.getVersion(), args.getCollections(), channel(),
                    committedCollections(args.getName(), pub));
            String packageId = args.getSource().hasLocalPackage() ? args.getSource().getLocalPackage().getPackageId()
                    : "";
            ChaincodeDefinition cd = definition(args.getSequence(), args.getVersion(), args.getEndorsementPlugin(),
                    args.getInitRequired(), args.getValidationPlugin(), args.getValidationParameter(),
                    args.getCollections());
            LifecycleFunctions.approve(channel(), args.getName(), cd, packageId, pub, myOrg());
            return ApproveChaincodeDefinitionForMyOrgResult.getDefaultInstance();
        }

        /** The collections of the committed definition, read through the simulation as Fabric's validation does. */
        private Optional<CollectionConfigPackage> committedCollections(String name, States.Public pub)
                throws LifecycleException {
            try {
                return LifecycleFunctions.committed(name, pub).map(ChaincodeDefinition::collections);
            } catch (LifecycleException e) {
                throw e.wrap("error validating chaincode definition: could not retrieve committed definition for "
                        + "chaincode '" + name + "': could not get info about chaincode");
            }
        }

        private Message queryApproved(QueryApprovedChaincodeDefinitionArgs args) throws LifecycleException {
            LifecycleFunctions.Approved a = LifecycleFunctions.queryApproved(channel(), args.getName(),
                    args.getSequence(), publicState(), myOrg());
            ChaincodeDefinition d = a.definition();
            return QueryApprovedChaincodeDefinitionResult.newBuilder().setSequence(d.sequence())
                    .setVersion(d.endorsementInfo().getVersion())
                    .setEndorsementPlugin(d.endorsementInfo().getEndorsementPlugin())
                    .setValidationPlugin(d.validationInfo().getValidationPlugin())
                    .setValidationParameter(d.validationInfo().getValidationParameter())
                    .setInitRequired(d.endorsementInfo().getInitRequired()).setCollections(d.collections())
                    .setSource(a.source()).build();
        }

        private Message queryApprovedAll() throws LifecycleException {
            States.Collection org = myOrg();
            QueryApprovedChaincodeDefinitionsResult.Builder result = QueryApprovedChaincodeDefinitionsResult.newBuilder();
            for (Map.Entry<String, LifecycleFunctions.Approved> e : LifecycleFunctions
                    .queryApprovedAll(channel(), org, org).entrySet()) {
                ChaincodeDefinition d = e.getValue().definition();
                result.addApprovedChaincodeDefinitions(
                        QueryApprovedChaincodeDefinitionsResult.ApprovedChaincodeDefinition.newBuilder()
                                .setName(e.getKey().substring(0, e.getKey().indexOf('#'))).setSequence(d.sequence())
                                .setVersion(d.endorsementInfo().getVersion())
                                .setEndorsementPlugin(d.endorsementInfo().getEndorsementPlugin())
                                .setValidationPlugin(d.validationInfo().getValidationPlugin())
                                .setValidationParameter(d.validationInfo().getValidationParameter())
                                .setInitRequired(d.endorsementInfo().getInitRequired())
                                .setCollections(d.collections()).setSource(e.getValue().source()));
            }
            return result.build();
        }

        private Message checkCommitReadiness(CheckCommitReadinessArgs args) throws LifecycleException {
            List<States.Opaque> orgs = orgStates();
            ChaincodeDefinition cd = definition(args.getSequence(), args.getVersion(), args.getEndorsementPlugin(),
                    args.getInitRequired(), args.getValidationPlugin(), args.getValidationParameter(),
                    args.getCollections());
            LifecycleFunctions.Approvals approvals = LifecycleFunctions.checkCommitReadiness(channel(), args.getName(),
                    cd, publicState(), orgs);
            CheckCommitReadinessResult.Builder result = CheckCommitReadinessResult.newBuilder()
                    .putAllApprovals(approvals.approved());
            approvals.mismatches().forEach((org, items) -> result.putMismatches(org,
                    CheckCommitReadinessResult.Mismatches.newBuilder().addAllItems(items).build()));
            return result.build();
        }

        private Message commit(CommitChaincodeDefinitionArgs args) throws LifecycleException {
            States.Public pub = publicState();
            DefinitionChecks.validate(args.getName(), args.getVersion(), args.getCollections(), channel(),
                    committedCollections(args.getName(), pub));
            List<States.Opaque> orgs = orgStates();
            if (!channel().applicationMspIds().orElse(List.of()).contains(orgMspId)) {
                throw new LifecycleException(
                        "impossibly, this peer's org is processing requests for a channel it is not a member of");
            }
            ChaincodeDefinition cd = definition(args.getSequence(), args.getVersion(), args.getEndorsementPlugin(),
                    args.getInitRequired(), args.getValidationPlugin(), args.getValidationParameter(),
                    args.getCollections());
            Map<String, Boolean> approvals = LifecycleFunctions.commit(channel(), args.getName(), cd, pub, orgs);
            if (!approvals.getOrDefault(orgMspId, false)) {
                throw new LifecycleException("chaincode definition not agreed to by this org (" + orgMspId + ")");
            }
            return CommitChaincodeDefinitionResult.getDefaultInstance();
        }

        private Message queryDefinition(QueryChaincodeDefinitionArgs args) throws LifecycleException {
            ChaincodeDefinition d = LifecycleFunctions.queryDefinition(args.getName(), publicState());
            LifecycleFunctions.Approvals approvals = LifecycleFunctions.orgApprovals(args.getName(), d, orgStates());
            return QueryChaincodeDefinitionResult.newBuilder().setSequence(d.sequence())
                    .setVersion(d.endorsementInfo().getVersion())
                    .setEndorsementPlugin(d.endorsementInfo().getEndorsementPlugin())
                    .setValidationPlugin(d.validationInfo().getValidationPlugin())
                    .setValidationParameter(d.validationInfo().getValidationParameter())
                    .setInitRequired(d.endorsementInfo().getInitRequired()).setCollections(d.collections())
                    .putAllApprovals(approvals.approved()).build();
        }

        private Message queryDefinitions() throws LifecycleException {
            States.Public pub = publicState();
            QueryChaincodeDefinitionsResult.Builder result = QueryChaincodeDefinitionsResult.newBuilder();
            for (Map.Entry<String, String> ns : LifecycleFunctions.namespaceDefinitions(pub).entrySet()) {
                if (!LifecycleFunctions.FRIENDLY_DEFINITION_TYPE.equals(ns.getValue())) {
                    continue;
                }
                ChaincodeDefinition d = LifecycleFunctions.queryDefinition(ns.getKey(), pub);
                result.addChaincodeDefinitions(QueryChaincodeDefinitionsResult.ChaincodeDefinition.newBuilder()
                        .setName(ns.getKey()).setSequence(d.sequence()).setVersion(d.endorsementInfo().getVersion())
                        .setEndorsementPlugin(d.endorsementInfo().getEndorsementPlugin())
                        .setValidationPlugin(d.validationInfo().getValidationPlugin())
                        .setValidationParameter(d.validationInfo().getValidationParameter())
                        .setInitRequired(d.endorsementInfo().getInitRequired()).setCollections(d.collections()));
            }
            return result.build();
        }
    }

    private static ChaincodeDefinition definition(long sequence, String version, String endorsementPlugin,
            boolean initRequired, String validationPlugin, ByteString validationParameter,
            CollectionConfigPackage collections) {
        return new ChaincodeDefinition(sequence,
                ChaincodeEndorsementInfo.newBuilder().setVersion(version).setEndorsementPlugin(endorsementPlugin)
                        .setInitRequired(initRequired).build(),
                ChaincodeValidationInfo.newBuilder().setValidationPlugin(validationPlugin)
                        .setValidationParameter(validationParameter).build(),
                collections);
    }
}
