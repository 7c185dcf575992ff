package io.weft.shell.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.weft.api.ledger.LedgerSummary;
import io.weft.api.ledger.LedgerSummary.ChannelHeights;

class LedgerTableTest {

    private static LedgerSummary summary(String backend, List<ChannelHeights> ledgers, List<String> problems) {
        return new LedgerSummary() {
            @Override
            public String backend() {
                return backend;
            }

            @Override
            public List<ChannelHeights> ledgers() {
                return ledgers;
            }

            @Override
            public List<String> problems() {
                return problems;
            }
        };
    }

    @Test
    void rowsPerChannelWithHistoryOrDisabled() {
        String out = LedgerTable.render(List.of(summary("leveldb", List.of(
                new ChannelHeights("mychannel", 4, 4, OptionalLong.of(3)),
                new ChannelHeights("other", 12, 11, OptionalLong.empty())), List.of())), List.of("leveldb"));
        assertThat(out).isEqualTo("""
                CHANNEL    HEIGHT  STATE HEIGHT  HISTORY HEIGHT  BACKEND
                mychannel  4       4             3               leveldb
                other      12      11            disabled        leveldb
                """);
    }

    @Test
    void problemsFollowTheTable() {
        String out = LedgerTable.render(List.of(summary("memory", List.of(), List.of("[bad] it broke"))), List.of());
        assertThat(out).endsWith("BACKEND\nproblem (memory): [bad] it broke\n");
    }

    @Test
    void noLedgerManagerNamesTheAvailableBackends() {
        assertThat(LedgerTable.render(List.of(), List.of("memory")))
                .isEqualTo("the ledgers are not open: no ledger manager is active (storage backends available: memory)\n");
        assertThat(LedgerTable.render(List.of(), List.of())).contains("(storage backends available: none)");
    }
}
