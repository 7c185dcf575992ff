package io.weft.shell.commands;

import java.util.ArrayList;
import java.util.List;

import io.weft.api.ledger.LedgerSummary;

/** Renders the open ledgers as a table, followed by whatever kept ledgers from opening. */
final class LedgerTable {

    static final List<String> HEADER = List.of("CHANNEL", "HEIGHT", "STATE HEIGHT", "HISTORY HEIGHT", "BACKEND");

    private LedgerTable() {
    }

    /**
     * @param summaries the ledger managers' reports (one, except for a moment during a backend swap)
     * @param backends the storage backends registered, named when no ledger manager is active
     */
    static String render(List<LedgerSummary> summaries, List<String> backends) {
        if (summaries.isEmpty()) {
            return "the ledgers are not open: no ledger manager is active (storage backends available: "
                    + (backends.isEmpty() ? "none" : String.join(", ", backends)) + ")\n";
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADER);
        List<String> problems = new ArrayList<>();
        for (LedgerSummary s : summaries) {
            for (LedgerSummary.ChannelHeights h : s.ledgers()) {
                cells.add(List.of(h.channel(), String.valueOf(h.height()), String.valueOf(h.stateHeight()),
                        h.historyHeight().isPresent() ? String.valueOf(h.historyHeight().getAsLong()) : "disabled",
                        s.backend()));
            }
            s.problems().forEach(p -> problems.add("problem (" + s.backend() + "): " + p));
        }
        StringBuilder b = new StringBuilder(Columns.render(cells));
        problems.forEach(p -> b.append(p).append('\n'));
        return b.toString();
    }
}
