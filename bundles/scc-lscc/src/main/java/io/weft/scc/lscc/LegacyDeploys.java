package io.weft.scc.lscc;

import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.hyperledger.fabric.protos.peer.LifecycleEvent;
import org.hyperledger.fabric.protos.peer.Response;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.channel.ChannelView;
import io.weft.api.channel.PeerChannels;
import io.weft.api.scc.AccessDeniedException;
import io.weft.api.scc.SccInvocation;
import io.weft.api.scc.SccState;
import io.weft.lifecycle.LegacyLifecycle;
import io.weft.lifecycle.SignaturePolicies;
import io.weft.lifecycle.legacy.LegacyChaincodeData;
import io.weft.lifecycle.legacy.LegacyPackage;
import io.weft.lifecycle.legacy.LegacyPackageException;
import io.weft.lifecycle.legacy.LegacyPackages;

/**
 * lscc's {@code deploy} and {@code upgrade} (Fabric 2.5's {@code executeDeployOrUpgrade}):
 * {@code [function, channel, ChaincodeDeploymentSpec, policy?, escc?, vscc?, collections?]}. Refused on channels with
 * the V2_0 application capability (lscc is read-only there). Otherwise the installed package named by the spec
 * supplies the fingerprint, the channel the defaults (any member endorses, any admin instantiates), the proposal's
 * signer must satisfy the instantiation policies, and the {@code ChaincodeData} (with the collections, if any) is
 * written and returned. The chaincode's {@code Init} is run by the endorser in the same simulation.
 */
final class LegacyDeploys {

    static final String DEPLOY = "deploy";
    static final String UPGRADE = "upgrade";

    private final PeerChannels channels;
    private final LegacyPackages packages;
    private final CollectionChecks collectionChecks;

    LegacyDeploys(PeerChannels channels, LegacyPackages packages) {
        this.channels = channels;
        this.packages = packages;
        this.collectionChecks = new CollectionChecks();
    }

    Response deployOrUpgrade(SccInvocation invocation, String function) {
        List<ByteString> args = invocation.args();
        if (args.size() < 3) {
            return LsccText.error(LsccText.invalidArgsLen(args.size()));
        }
        String channelId = args.get(1).toStringUtf8();
        if (channelId.isEmpty()) {
            return LsccText.error("invalid channel name: " + channelId);
        }
        Optional<ChannelView> view = channels.channel(channelId).filter(v -> v.applicationMspIds().isPresent());
        if (view.isEmpty()) {
            // Fabric panics here (a channel the peer endorses for always has an application config)
            return LsccText.error("programming error, non-existent appplication config for channel '" + channelId + "'");
        }
        ChannelView channel = view.get();
        if (channel.lifecycleV20()) {
            return LsccText.error("Channel '" + channelId + "' has been migrated to the new lifecycle, LSCC is now read-only");
        }
        if (!channel.privateChannelData() && args.size() > 6) {
            return LsccText.error("as V1_2 or later capability is not enabled, private channel collections and data "
                    + "are not available");
        }
        if (channel.privateChannelData() && args.size() > 7) {
            return LsccText.error(LsccText.invalidArgsLen(args.size()));
        }
        ChaincodeDeploymentSpec cds;
        try {
            cds = ChaincodeDeploymentSpec.parseFrom(args.get(2));
        } catch (InvalidProtocolBufferException e) {
            return LsccText.error("error unmarshalling ChaincodeDeploymentSpec: " + LsccText.PROTO_PARSE_ERROR);
        }
        List<String> mspIds = channel.applicationMspIds().get();
        ByteString policy = optional(args, 3)
                .orElseGet(() -> SignaturePolicies.signedByAnyMember(mspIds).toByteString());
        String escc = optional(args, 4).map(ByteString::toStringUtf8).orElse("escc");
        String vscc = optional(args, 5).map(ByteString::toStringUtf8).orElse("vscc");
        // present (even empty) only where the channel has private data
        ByteString collections = channel.privateChannelData() && args.size() > 6 ? args.get(6) : null;
        Optional<SccState> state = invocation.state();
        if (state.isEmpty()) {
            return LsccText.error(LsccText.noLedgerContext("GET_STATE", invocation.txId()));
        }
        Deployment deployment = new Deployment(invocation, state.get(), channel, cds, policy, escc, vscc, collections);
        try {
            LegacyChaincodeData cd = UPGRADE.equals(function) ? deployment.upgrade() : deployment.deploy();
            return LsccText.success(cd.toByteString());
        } catch (LegacyPackageException e) {
            return LsccText.error(e.getMessage());
        }
    }

    /** An optional argument: absent when missing or empty. */
    private static Optional<ByteString> optional(List<ByteString> args, int index) {
        return args.size() > index && !args.get(index).isEmpty() ? Optional.of(args.get(index)) : Optional.empty();
    }

    /** One deploy or upgrade of the chaincode {@code cds} names. */
    private final class Deployment {
        private final SccInvocation invocation;
        private final SccState state;
        private final ChannelView channel;
        private final String name;
        private final String version;
        private final ByteString policy;
        private final String escc;
        private final String vscc;
        private final ByteString collections;

        Deployment(SccInvocation invocation, SccState state, ChannelView channel, ChaincodeDeploymentSpec cds,
                ByteString policy, String escc, String vscc, ByteString collections) {
            this.invocation = invocation;
            this.state = state;
            this.channel = channel;
            this.name = cds.getChaincodeSpec().getChaincodeId().getName();
            this.version = cds.getChaincodeSpec().getChaincodeId().getVersion();
            this.policy = policy;
            this.escc = escc;
            this.vscc = vscc;
            this.collections = collections;
        }

        LegacyChaincodeData deploy() throws LegacyPackageException {
            LegacyPackage pack = installedPackage();
            ByteString existing = state.getState(name);
            if (existing != null) {
                throw new LegacyPackageException("chaincode with name '" + name + "' already exists");
            }
            LegacyChaincodeData cd = withChannelData(pack);
            checkInstantiationPolicy(cd.instantiationPolicy());
            state.putState(name, cd.toByteString());
            putCollections(cd);
            return cd;
        }

        LegacyChaincodeData upgrade() throws LegacyPackageException {
            LegacyPackage pack = installedPackage();
            ByteString existing = state.getState(name);
            if (existing == null) {
                throw new LegacyPackageException("could not find chaincode with name '" + name + "'");
            }
            LegacyChaincodeData ledger;
            try {
                ledger = LegacyChaincodeData.parse(existing);
            } catch (LegacyPackageException e) {
                throw new LegacyPackageException("error while marshalling: " + name, e);
            }
            if (!ledger.name().equals(name)) {
                throw new LegacyPackageException("chaincode name mismatch: " + name + "!=" + ledger.name());
            }
            if (ledger.version().equals(version)) {
                throw new LegacyPackageException("version already exists for chaincode with name '" + name + "'");
            }
            if (ledger.instantiationPolicy().isEmpty()) {
                throw new LegacyPackageException("instantiation policy missing");
            }
            checkInstantiationPolicy(ledger.instantiationPolicy());
            LegacyChaincodeData cd = withChannelData(pack);
            checkInstantiationPolicy(cd.instantiationPolicy());
            state.putState(name, cd.toByteString());
            if (channel.collectionUpgrade()) {
                putCollections(cd);
            } else if (collections != null) {
                throw new LegacyPackageException("as V1_2 capability is not enabled, collection upgrades are not allowed");
            }
            invocation.setEvent(UPGRADE, LifecycleEvent.newBuilder().setChaincodeName(name).build().toByteString());
            return cd;
        }

        /** Name and version checked, then the package installed as {@code name:version}. */
        private LegacyPackage installedPackage() throws LegacyPackageException {
            ChaincodeNames.checkName(name);
            ChaincodeNames.checkVersion(version);
            try {
                return packages.get(name + ":" + version);
            } catch (LegacyPackageException e) {
                throw new LegacyPackageException("cannot get package for chaincode (" + name + ":" + version + ")", e);
            }
        }

        /** The package's data with this channel's plugins and policies (a signed package's own instantiation policy). */
        private LegacyChaincodeData withChannelData(LegacyPackage pack) {
            ByteString instantiationPolicy = pack.instantiationPolicy()
                    .orElseGet(() -> SignaturePolicies.signedByAnyAdmin(channel.applicationMspIds().get()).toByteString());
            return LegacyChaincodeData.of(pack).withChannelData(escc, vscc, policy, instantiationPolicy);
        }

        private void checkInstantiationPolicy(ByteString instantiationPolicy) throws LegacyPackageException {
            try {
                invocation.checkSignaturePolicy(instantiationPolicy, channel.channelId());
            } catch (AccessDeniedException e) {
                throw new LegacyPackageException("instantiation policy violation: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new LegacyPackageException(e.getMessage(), e);
            }
        }

        private void putCollections(LegacyChaincodeData cd) throws LegacyPackageException {
            if (collections == null || collections.isEmpty()) {
                return;
            }
            collectionChecks.check(cd, collections, channel);
            state.putState(LegacyLifecycle.collectionsKey(cd.name()), collections);
        }
    }
}
