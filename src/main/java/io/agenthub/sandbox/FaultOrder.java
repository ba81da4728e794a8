package io.agenthub.sandbox;

import java.time.Duration;

/**
 * A request to arm faults from another process ({@code POST /sandbox/faults}); each part is optional and
 * maps onto one {@link SandboxFaults} method. The parts are checked before any is armed, so a bad order
 * arms nothing.
 */
record FaultOrder(FailNext failNext, Delay delay, DropReply dropReplyAfterApply) {

    record FailNext(String pathPrefix, int count, int status) {
    }

    record Delay(String pathPrefix, long millis) {
    }

    record DropReply(String pathPrefix, int count) {
    }

    /** Arms every part on a scratch instance first, so that what {@link SandboxFaults} refuses is refused here too. */
    void validate() {
        applyTo(new SandboxFaults());
    }

    void applyTo(SandboxFaults faults) {
        if (failNext != null) {
            faults.failNext(failNext.pathPrefix(), failNext.count(), failNext.status());
        }
        if (delay != null) {
            faults.delay(delay.pathPrefix(), Duration.ofMillis(delay.millis()));
        }
        if (dropReplyAfterApply != null) {
            faults.dropReplyAfterApply(dropReplyAfterApply.pathPrefix(), dropReplyAfterApply.count());
        }
    }
}
