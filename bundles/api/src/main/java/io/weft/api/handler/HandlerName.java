package io.weft.api.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that publishes {@code weft.handler.name} and {@code weft.handler.kind}
 * on a DS component, so the properties cannot be misspelt:
 * <pre>{@code @HandlerName(kind = "endorsement", name = "DefaultEndorsement")}</pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface HandlerName {

    /** Prefix applied by DS to every element name. */
    String PREFIX_ = "weft.handler.";

    /** The handler's name ({@link HandlerProperties#NAME}). */
    String name();

    /** The handler's kind ({@link HandlerProperties#KIND}), one of {@link HandlerKind#id()}. */
    String kind();
}
