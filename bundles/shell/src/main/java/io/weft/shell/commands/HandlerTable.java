package io.weft.shell.commands;

import java.util.ArrayList;
import java.util.List;

import io.weft.api.handler.HandlerInfo;

/** Renders the registry's report as a fixed-width table. */
final class HandlerTable {

    static final List<String> HEADER = List.of("KIND", "NAME", "ALIAS", "BUNDLE", "VERSION", "SERVICE", "IN USE", "PROVIDERS");

    private HandlerTable() {
    }

    static String render(List<HandlerInfo> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADER);
        for (HandlerInfo r : rows) {
            cells.add(List.of(r.kind().id(), r.name(), r.alias().orElse("-"),
                    r.provider().map(HandlerInfo.Provider::bundleSymbolicName).orElse("<none>"),
                    r.provider().map(HandlerInfo.Provider::bundleVersion).orElse("-"),
                    r.provider().map(p -> String.valueOf(p.serviceId())).orElse("-"),
                    r.provider().map(p -> String.valueOf(p.inUse())).orElse("-"),
                    String.valueOf(r.providers())));
        }
        return Columns.render(cells);
    }
}
