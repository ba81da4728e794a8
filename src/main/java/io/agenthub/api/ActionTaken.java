package io.agenthub.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One action a flow carried out on a back-end, e.g. {@code block-card} on {@code card:CARD-1}, or proposed and waiting
 * for people ({@code PENDING_APPROVAL}, with the {@code approvalId} to follow it by). Only the approval id is left out
 * when there is none: a {@code target} not known yet (an unconfirmed action) is written as null, as callers expect.
 */
public record ActionTaken(String type, String target, String status,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String approvalId) {

    public ActionTaken(String type, String target, String status) {
        this(type, target, status, null);
    }
}
