package io.weft.core.ledger;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.weft.api.ledger.LedgerSummary;
import io.weft.api.storage.StorageProvider;
import io.weft.storage.memory.MemoryStorageComponent;

class LedgerHealthComponentTest {

    private final StorageProvider memory = new MemoryStorageComponent();

    @Test
    void failsWhileTheBackendIsMissing() {
        assertThatThrownBy(() -> LedgerHealthComponent.check("memory", null, null))
                .hasMessage("storage backend [memory] is not available: no service with weft.storage.name=memory");
    }

    @Test
    void failsUntilTheLedgersAreOpen() {
        assertThatThrownBy(() -> LedgerHealthComponent.check("memory", memory, null)).hasMessage("the ledgers are not open yet");
    }

    @Test
    void failsWithTheProblemsReported() {
        assertThatThrownBy(() -> LedgerHealthComponent.check("memory", memory, new UnopenedLedgers("memory", "locked")))
                .hasMessage("locked");
    }

    @Test
    void passesWhenOpenWithoutProblems() {
        LedgerSummary healthy = new LedgerSummary() {
            @Override
            public String backend() {
                return "memory";
            }

            @Override
            public List<ChannelHeights> ledgers() {
                return List.of();
            }

            @Override
            public List<String> problems() {
                return List.of();
            }
        };
        assertThatCode(() -> LedgerHealthComponent.check("memory", memory, healthy)).doesNotThrowAnyException();
    }
}
