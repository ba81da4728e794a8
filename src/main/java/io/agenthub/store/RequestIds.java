package io.agenthub.store;

import java.time.Clock;
import java.util.UUID;

/**
 * Request ids: UUIDs of version 7 (RFC 9562), the first 48 bits the time in milliseconds and the rest
 * random (74 bits, as unguessable as a request id needs).
 *
 * <p>Why not random (version 4) UUIDs: a request id is the key of the request table and leads the indexes
 * of its steps and reviews, and a random key sends each new row to a random page of each of those
 * B-trees, which the embedded database then rewrites. Ids that grow with time put new rows on the last
 * pages, where the rows of the last second already are.
 */
public final class RequestIds {

    private RequestIds() {
    }

    public static String next(Clock clock) {
        UUID random = UUID.randomUUID();
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        // randomUUID's low half already carries the IETF variant bits, as version 7 needs.
        return new UUID(high, random.getLeastSignificantBits()).toString();
    }
}
