package io.agenthub.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a request ended, as the caller sees it. */
public enum Outcome {
    /** The flow did what was asked. */
    COMPLETED,
    /** The flow needs more from the customer before it can act. */
    NEEDS_INFORMATION,
    /** No automated flow can answer; a person will. */
    REFERRED,
    /** The hub asked a back-end to act and waits for it to confirm; the request is answered again when it does. */
    PENDING,
    /**
     * The flow proposed an action the action policy lets run only with people's approval; the request is answered
     * again (GET, and JMS hub.notifications) when it is executed, denied or expires.
     */
    PENDING_APPROVAL,
    /** People reviewed the action the flow proposed and did not let it go ahead (denied, or cancelled). */
    DECLINED,
    /** A back-end or the hub failed; the request was dead-lettered for replay. */
    FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase().replace('_', '-');
    }
}
