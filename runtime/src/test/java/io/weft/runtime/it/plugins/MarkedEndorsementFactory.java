package io.weft.runtime.it.plugins;

import java.util.Map;

import org.hyperledger.fabric.protos.peer.Endorsement;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;

import io.weft.api.handler.EndorsementContext;
import io.weft.api.handler.EndorsementPlugin;
import io.weft.api.handler.EndorsementPluginFactory;
import io.weft.api.identity.SigningIdentity;

/**
 * An endorsement plugin packed into test bundles by {@link io.weft.runtime.it.TestBundles}: it endorses as Fabric's
 * default plugin does (the peer's identity signs prp ‖ identity) and marks the endorsement with its bundle version in
 * an unknown field ({@link #VERSION_FIELD}), which clients ignore and a test can read, so each response tells which
 * version signed it.
 */
public final class MarkedEndorsementFactory implements EndorsementPluginFactory {

    /** The unknown field of {@code Endorsement} carrying the version. */
    public static final int VERSION_FIELD = 999;

    private volatile String version = "?";

    void activate(Map<String, Object> properties) {
        version = String.valueOf(properties.get("plugin.version"));
    }

    @Override
    public EndorsementPlugin newPlugin(EndorsementContext context) {
        String v = version;
        return (prp, proposal) -> {
            SigningIdentity identity = context.signingIdentityFor(proposal);
            ByteString endorser = identity.serialize();
            byte[] signature = identity.sign(prp.concat(endorser).toByteArray());
            Endorsement e = Endorsement.newBuilder().setEndorser(endorser).setSignature(ByteString.copyFrom(signature))
                    .setUnknownFields(UnknownFieldSet.newBuilder().addField(VERSION_FIELD, UnknownFieldSet.Field
                            .newBuilder().addLengthDelimited(ByteString.copyFromUtf8(v)).build()).build())
                    .build();
            return new EndorsementPlugin.Result(e, prp);
        };
    }

    @Override
    public String toString() {
        return "marked endorsement plugin " + version;
    }
}
