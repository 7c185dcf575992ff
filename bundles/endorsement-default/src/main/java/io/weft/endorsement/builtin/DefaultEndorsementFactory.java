package io.weft.endorsement.builtin;

import org.osgi.service.component.annotations.Component;

import io.weft.api.handler.EndorsementContext;
import io.weft.api.handler.EndorsementPlugin;
import io.weft.api.handler.EndorsementPluginFactory;

/**
 * Registers the builtin endorsement plugin under the name {@code core.yaml} gives it ({@code escc=DefaultEndorsement}),
 * so the endorser finds it through the handler registry like any other plugin.
 */
@Component(service = EndorsementPluginFactory.class,
        property = {"weft.handler.name=DefaultEndorsement", "weft.handler.kind=endorsement"})
public final class DefaultEndorsementFactory implements EndorsementPluginFactory {

    @Override
    public EndorsementPlugin newPlugin(EndorsementContext context) {
        if (context == null) {
            // Fabric's Init without a SigningIdentityFetcher
            throw new IllegalArgumentException("could not find SigningIdentityFetcher in dependencies");
        }
        return new DefaultEndorsement(context);
    }
}
