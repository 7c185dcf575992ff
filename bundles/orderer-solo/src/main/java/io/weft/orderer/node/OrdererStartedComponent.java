package io.weft.orderer.node;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.orderer.ChainRegistry;

/**
 * Announces the started orderer once its Broadcast/Deliver listener and its admin endpoint serve: the
 * {@link OrdererStatus} the standalone orderer's launcher waits for, and Fabric's last start-up line.
 */
@Component(immediate = true, service = {})
public final class OrdererStartedComponent {

    private static final Logger LOG = LoggerFactory.getLogger(OrdererStartedComponent.class);

    private final ServiceRegistration<OrdererStatus> registration;

    @Activate
    public OrdererStartedComponent(BundleContext context,
            @Reference(name = "registry", service = ChainRegistry.class) Map<String, Object> registry,
            @Reference(name = "admin") AdminEndpoint admin) {
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("orderer", String.valueOf(registry.get(OrdererComponent.ADDRESS_PROPERTY)));
        addresses.put("admin", admin.address().toString());
        registration = context.registerService(OrdererStatus.class, () -> "STARTED", OrdererStatus.started(addresses));
        LOG.info("Beginning to serve requests");
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
