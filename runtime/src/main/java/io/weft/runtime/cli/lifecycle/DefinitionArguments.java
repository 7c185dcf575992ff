package io.weft.runtime.cli.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.protobuf.ByteString;

import io.weft.policies.PolicyDsl;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.options.LifecycleDefinitionOptions;

/** What the lifecycle verbs send for a definition's flags: the validation parameter and the collections, as Fabric's CLI builds them. */
public final class DefinitionArguments {

    private DefinitionArguments() {
    }

    /** Fabric's {@code createPolicyBytes}: empty without a policy flag. */
    static ByteString validationParameter(LifecycleDefinitionOptions d) {
        String signature = d.signaturePolicy();
        String reference = d.channelConfigPolicy();
        if (signature.isEmpty() && reference.isEmpty()) {
            return ByteString.EMPTY;
        }
        if (!signature.isEmpty() && !reference.isEmpty()) {
            throw new CliException("cannot specify both \"--signature-policy\" and \"--channel-config-policy\"");
        }
        if (!reference.isEmpty()) {
            return ApplicationPolicy.newBuilder().setChannelConfigPolicyReference(reference).build().toByteString();
        }
        return ApplicationPolicy.newBuilder().setSignaturePolicy(signaturePolicy(signature)).build().toByteString();
    }

    private static SignaturePolicyEnvelope signaturePolicy(String dsl) {
        try {
            return PolicyDsl.parse(dsl);
        } catch (RuntimeException e) {
            throw new CliException("invalid signature policy: " + dsl, e);
        }
    }

    /** Fabric's collection JSON (a list of collections); empty without {@code --collections-config}. */
    static CollectionConfigPackage collections(Path workingDirectory, LifecycleDefinitionOptions d) {
        if (d.collectionsConfig().isEmpty()) {
            return CollectionConfigPackage.getDefaultInstance();
        }
        return collections(workingDirectory, d.collectionsConfig());
    }

    /** The collections of a {@code --collections-config} file (also for the legacy {@code peer chaincode} verbs). */
    public static CollectionConfigPackage collections(Path workingDirectory, String collectionsConfig) {
        Path file = workingDirectory.resolve(collectionsConfig);
        CollectionJson[] parsed;
        try {
            parsed = new Gson().fromJson(Files.readString(file), CollectionJson[].class);
        } catch (IOException e) {
            throw new CliException("invalid collection configuration in file " + collectionsConfig + ": could not "
                    + "read file '" + collectionsConfig + "': " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new CliException("invalid collection configuration in file " + collectionsConfig
                    + ": could not parse the collection configuration: " + e.getMessage(), e);
        }
        CollectionConfigPackage.Builder pkg = CollectionConfigPackage.newBuilder();
        for (CollectionJson c : parsed == null ? new CollectionJson[0] : parsed) {
            StaticCollectionConfig.Builder s = StaticCollectionConfig.newBuilder().setName(orEmpty(c.name))
                    .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder()
                            .setSignaturePolicy(signaturePolicy(orEmpty(c.policy))))
                    .setRequiredPeerCount(c.requiredPeerCount == null ? 0 : c.requiredPeerCount)
                    .setMaximumPeerCount(c.maxPeerCount == null ? 0 : c.maxPeerCount)
                    .setBlockToLive(c.blockToLive).setMemberOnlyRead(c.memberOnlyRead)
                    .setMemberOnlyWrite(c.memberOnlyWrite);
            if (c.endorsementPolicy != null) {
                ApplicationPolicy.Builder ep = ApplicationPolicy.newBuilder();
                if (c.endorsementPolicy.signaturePolicy != null && !c.endorsementPolicy.signaturePolicy.isEmpty()) {
                    ep.setSignaturePolicy(signaturePolicy(c.endorsementPolicy.signaturePolicy));
                } else if (c.endorsementPolicy.channelConfigPolicy != null) {
                    ep.setChannelConfigPolicyReference(c.endorsementPolicy.channelConfigPolicy);
                }
                s.setEndorsementPolicy(ep);
            }
            pkg.addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(s));
        }
        return pkg.build();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** One collection in Fabric's JSON (its field names). */
    private static final class CollectionJson {
        String name;
        String policy;
        Integer requiredPeerCount;
        Integer maxPeerCount;
        long blockToLive;
        boolean memberOnlyRead;
        boolean memberOnlyWrite;
        EndorsementPolicyJson endorsementPolicy;
    }

    private static final class EndorsementPolicyJson {
        String signaturePolicy;
        String channelConfigPolicy;
    }

    /** Fabric's required-flag checks of a definition. */
    static void requireDefinition(LifecycleDefinitionOptions d) {
        for (String[] check : List.of(new String[] {d.channelId(), "channelID", "-C"},
                new String[] {d.name(), "name", "-n"}, new String[] {d.version(), "version", "-v"})) {
            if (check[0].isEmpty()) {
                throw new CliException("The required parameter '" + check[1] + "' is empty. Rerun the command with "
                        + check[2] + " flag");
            }
        }
        if (d.sequence() == 0) {
            throw new CliException("The required parameter 'sequence' is empty. Rerun the command with --sequence flag");
        }
    }
}
