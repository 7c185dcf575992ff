package io.weft.core.handlers;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code peer.handlers} from core.yaml: ordered auth filters and decorators, and the maps from the
 * plugin names chaincode definitions carry ({@code escc}, {@code vscc}) to handler names.
 *
 * @param authFilters auth filter names in chain order
 * @param decorators decorator names in order
 * @param endorsers plugin alias → endorsement handler name
 * @param validators plugin alias → validation handler name
 */
record HandlerConfig(List<String> authFilters, List<String> decorators, Map<String, String> endorsers,
        Map<String, String> validators) {

    static final HandlerConfig EMPTY = new HandlerConfig(List.of(), List.of(), Map.of(), Map.of());

    HandlerConfig {
        authFilters = List.copyOf(requireNonNull(authFilters, "authFilters"));
        decorators = List.copyOf(requireNonNull(decorators, "decorators"));
        endorsers = Map.copyOf(requireNonNull(endorsers, "endorsers"));
        validators = Map.copyOf(requireNonNull(validators, "validators"));
    }

    /** From the component configuration's {@code alias=name} arrays. */
    static HandlerConfig of(String[] authFilters, String[] decorators, String[] endorsers, String[] validators) {
        return new HandlerConfig(List.of(authFilters), List.of(decorators), aliases(endorsers), aliases(validators));
    }

    private static Map<String, String> aliases(String[] entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException("handler mapping must be alias=name, got " + e);
            }
            map.put(e.substring(0, eq).toLowerCase(Locale.ROOT), e.substring(eq + 1));
        }
        return map;
    }
}
