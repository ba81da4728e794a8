package io.agenthub.frontdoor;

import org.apache.camel.Exchange;

/** Header names the hub sets on replies; part of the HTTP and JMS interfaces. */
public final class HubHeaders {

    /** HTTP status of the answer; mirrored on JMS replies, which have no status line. */
    public static final String STATUS = Exchange.HTTP_RESPONSE_CODE;
    /** The answer's status on JMS replies, which have no status line (JMS drops Camel's own headers). */
    public static final String JMS_STATUS = "HubStatus";
    /** {@code true} when the answer is the stored answer to an earlier request with the same idempotency key. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    /** The request id, on HTTP and JMS replies alike. */
    public static final String REQUEST_ID = "HubRequestId";
    /** Seconds to wait before sending a refused request again (429); JMS replies carry it too, and the problem body. */
    public static final String RETRY_AFTER = "Retry-After";

    private HubHeaders() {
    }
}
