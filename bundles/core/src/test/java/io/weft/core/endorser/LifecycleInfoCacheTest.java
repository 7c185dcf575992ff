package io.weft.core.endorser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LifecycleInfoCacheTest {

    private static LifecycleInfoCache.Entry entry(long generation, long sequence) {
        return new LifecycleInfoCache.Entry(generation, sequence, null, true, Optional.of("cc:" + sequence));
    }

    @Test
    void servesAnEntryUntilTheNextCommitAndOnlyAtItsSequence() {
        LifecycleInfoCache cache = new LifecycleInfoCache();
        cache.put("cc", entry(cache.generation(), 2));
        assertThat(cache.get("cc", 2)).isNotNull();
        assertThat(cache.get("cc", 3)).isNull();
        assertThat(cache.get("other", 2)).isNull();
        cache.blockCommitted();
        assertThat(cache.get("cc", 2)).isNull();
    }

    @Test
    void anEntryWorkedOutWhileABlockCommittedIsNeverServedAfterIt() {
        LifecycleInfoCache cache = new LifecycleInfoCache();
        long before = cache.generation();
        cache.blockCommitted(); // the commit's event lands between reading the generation and storing the entry
        cache.put("cc", entry(before, 1));
        assertThat(cache.get("cc", 1)).isNull();
        cache.put("cc", entry(cache.generation(), 1));
        assertThat(cache.get("cc", 1)).isNotNull();
    }

    @Test
    void theDisabledCacheKeepsNothing() {
        LifecycleInfoCache.NONE.put("cc", entry(LifecycleInfoCache.NONE.generation(), 1));
        assertThat(LifecycleInfoCache.NONE.get("cc", 1)).isNull();
    }
}
