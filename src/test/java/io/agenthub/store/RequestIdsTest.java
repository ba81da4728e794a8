package io.agenthub.store;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingTheMillisecond() {
        Instant at = Instant.parse("2026-12-02T14:30:00.123Z");
        UUID id = UUID.fromString(RequestIds.next(Clock.fixed(at, ZoneOffset.UTC)));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsText() {
        String earlier = RequestIds.next(Clock.fixed(Instant.parse("2026-12-02T14:30:00.123Z"), ZoneOffset.UTC));
        String later = RequestIds.next(Clock.fixed(Instant.parse("2026-12-02T14:30:00.124Z"), ZoneOffset.UTC));

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsOfOneMillisecondDiffer() {
        Clock frozen = Clock.fixed(Instant.parse("2026-12-02T14:30:00Z"), ZoneOffset.UTC);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RequestIds.next(frozen));
        }

        assertThat(ids).hasSize(10_000);
    }
}
