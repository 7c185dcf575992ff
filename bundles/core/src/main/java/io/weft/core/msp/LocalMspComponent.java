package io.weft.core.msp;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.hyperledger.fabric.protos.common.MSPRole;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;

import io.weft.api.identity.SigningIdentity;
import io.weft.config.PeerConfigurations;
import io.weft.core.node.StartupFailure;
import io.weft.msp.Identity;
import io.weft.msp.LocalMsp;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.MspException;
import io.weft.msp.Msps;

/**
 * Loads the local MSP from {@code peer.mspConfigPath}, {@code peer.localMspId} and {@code peer.BCCSP},
 * and offers the peer's {@link SigningIdentity}, the local-admin check and the {@link LocalMsp} itself (the
 * endorser validates channel-less proposals and checks peer-level ACLs with it).
 */
@Component(immediate = true, service = {}, configurationPid = PeerConfigurations.MSP_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class LocalMspComponent {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMspComponent.class);

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        LocalMsp local;
        SigningIdentity signer;
        try {
            local = Msps.loadLocal(LocalMspSettings.fromProperties(properties));
            signer = local.signingIdentity();
        } catch (MspException | IllegalArgumentException e) {
            registrations.add(StartupFailure.report(context, "local MSP", "Cannot run peer because " + e.getMessage()));
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("weft.msp.id", signer.mspId());
        registrations.add(context.registerService(SigningIdentity.class, signer, props));
        registrations.add(context.registerService(LocalAdmins.class, new MspAdmins(local), props));
        registrations.add(context.registerService(LocalMsp.class, local, props));
        LOG.info("Local MSP {} loaded from {}; ECDSA by {}", signer.mspId(), properties.get("mspConfigPath"),
                local.bccsp().ecdsaEngine());
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    /** {@code SignedByAnyAdmin(localMspId)}: a valid identity of the local MSP with the ADMIN role, and its signature. */
    private record MspAdmins(LocalMsp local) implements LocalAdmins {
        @Override
        public void checkSignedByAdmin(ByteString creator, ByteString data, ByteString signature) throws NotAdminException {
            try {
                Identity identity = local.msp().deserializeValid(creator);
                local.msp().satisfiesRole(identity, MSPRole.MSPRoleType.ADMIN);
                identity.verify(data.toByteArray(), signature.toByteArray());
            } catch (MspException e) {
                throw new NotAdminException(e.getMessage());
            }
        }
    }
}
