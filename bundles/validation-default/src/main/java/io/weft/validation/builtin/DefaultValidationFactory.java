package io.weft.validation.builtin;

import org.osgi.service.component.annotations.Component;

import io.weft.api.handler.ValidationContext;
import io.weft.api.handler.ValidationPlugin;
import io.weft.api.handler.ValidationPluginFactory;

/**
 * Registers the builtin validation plugin under the name {@code core.yaml} gives it ({@code vscc=DefaultValidation}),
 * so the committer finds it through the handler registry like any other plugin.
 */
@Component(service = ValidationPluginFactory.class,
        property = {"weft.handler.name=DefaultValidation", "weft.handler.kind=validation"})
public class DefaultValidationFactory implements ValidationPluginFactory {

    @Override
    public ValidationPlugin newPlugin(ValidationContext context) {
        return new DefaultValidationPlugin(context);
    }
}
