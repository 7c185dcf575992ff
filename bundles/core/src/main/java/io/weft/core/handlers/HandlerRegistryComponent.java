package io.weft.core.handlers;

import java.time.Duration;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.api.handler.AuthFilter;
import io.weft.api.handler.Decorator;
import io.weft.api.handler.EndorsementPluginFactory;
import io.weft.api.handler.HandlerChain;
import io.weft.api.handler.HandlerHandle;
import io.weft.api.handler.HandlerInfo;
import io.weft.api.handler.HandlerKind;
import io.weft.api.handler.HandlerProperties;
import io.weft.api.handler.HandlerRegistry;
import io.weft.api.handler.ValidationPluginFactory;
import io.weft.config.PeerConfigurations;

/**
 * The handler registry service: binds every handler service as it comes and goes and answers
 * lookups through {@link HandlerTable}. Only wiring lives here.
 */
@Component(service = HandlerRegistry.class, configurationPid = PeerConfigurations.HANDLERS_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class HandlerRegistryComponent implements HandlerRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerRegistryComponent.class);
    private static final String NAMED = "(" + HandlerProperties.NAME + "=*)";

    /** {@code peer.handlers}, as the configuration bridge writes it. */
    public @interface Config {
        String[] authFilters() default {};

        String[] decorators() default {};

        /** {@code alias=name} entries. */
        String[] endorsers() default {};

        /** {@code alias=name} entries. */
        String[] validators() default {};
    }

    private final HandlerTable table = new HandlerTable();

    @Activate
    @Modified
    void configure(Config config) {
        table.configure(HandlerConfig.of(config.authFilters(), config.decorators(), config.endorsers(), config.validators()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = NAMED)
    void bindAuthFilter(ServiceReference<AuthFilter> ref, AuthFilter handler) {
        add(HandlerKind.AUTH, ref, handler);
    }

    void unbindAuthFilter(ServiceReference<AuthFilter> ref) {
        remove(HandlerKind.AUTH, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = NAMED)
    void bindDecorator(ServiceReference<Decorator> ref, Decorator handler) {
        add(HandlerKind.DECORATION, ref, handler);
    }

    void unbindDecorator(ServiceReference<Decorator> ref) {
        remove(HandlerKind.DECORATION, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = NAMED)
    void bindEndorser(ServiceReference<EndorsementPluginFactory> ref, EndorsementPluginFactory handler) {
        add(HandlerKind.ENDORSEMENT, ref, handler);
    }

    void unbindEndorser(ServiceReference<EndorsementPluginFactory> ref) {
        remove(HandlerKind.ENDORSEMENT, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = NAMED)
    void bindValidator(ServiceReference<ValidationPluginFactory> ref, ValidationPluginFactory handler) {
        add(HandlerKind.VALIDATION, ref, handler);
    }

    void unbindValidator(ServiceReference<ValidationPluginFactory> ref) {
        remove(HandlerKind.VALIDATION, ref);
    }

    private <T> void add(HandlerKind<T> kind, ServiceReference<T> ref, T handler) {
        String name = String.valueOf(ref.getProperty(HandlerProperties.NAME));
        Object declaredKind = ref.getProperty(HandlerProperties.KIND);
        if (declaredKind != null && !kind.id().equals(declaredKind)) {
            LOG.warn("{} {} from {} declares {}={} but registers {}; listed as {}", kind.description(), name,
                    ref.getBundle().getSymbolicName(), HandlerProperties.KIND, declaredKind, kind.type().getName(), kind);
        }
        Bundle bundle = ref.getBundle();
        table.add(new RegisteredHandler<>(kind, name, handler, serviceId(ref), ranking(ref), bundle.getSymbolicName(),
                bundle.getVersion().toString()), kind);
        LOG.info("{} {} available from {} {} (service {})", kind.description(), name, bundle.getSymbolicName(),
                bundle.getVersion(), serviceId(ref));
    }

    private <T> void remove(HandlerKind<T> kind, ServiceReference<T> ref) {
        String name = String.valueOf(ref.getProperty(HandlerProperties.NAME));
        table.remove(kind, name, serviceId(ref));
        LOG.info("{} {} from service {} withdrawn", kind.description(), name, serviceId(ref));
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private static int ranking(ServiceReference<?> ref) {
        return ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    @Override
    public <T> HandlerHandle<T> lookup(HandlerKind<T> kind, String name) {
        return table.lookup(kind, name);
    }

    @Override
    public <T> HandlerHandle<T> await(HandlerKind<T> kind, String name, Duration timeout) throws InterruptedException {
        return table.await(kind, name, timeout);
    }

    @Override
    public HandlerHandle<EndorsementPluginFactory> endorser(String pluginName) {
        return table.endorser(pluginName);
    }

    @Override
    public HandlerHandle<ValidationPluginFactory> validator(String pluginName) {
        return table.validator(pluginName);
    }

    @Override
    public HandlerHandle<ValidationPluginFactory> awaitValidator(String pluginName, Duration timeout)
            throws InterruptedException {
        return table.awaitValidator(pluginName, timeout);
    }

    @Override
    public HandlerChain<AuthFilter> authFilters() {
        return table.authFilters();
    }

    @Override
    public HandlerChain<Decorator> decorators() {
        return table.decorators();
    }

    @Override
    public List<HandlerInfo> describe() {
        return table.describe();
    }
}
