package io.agenthub.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One action a flow carried out on a back-end, e.g. {@code block-card} on {@code card:CARD-1}, or proposed and waiting
 * for people ({@code PENDING_APPROVAL}, with the {@code approvalId} to follow it by).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionTaken(String type, String target, String status, String approvalId) {

    public ActionTaken(String type, String target, String status) {
        this(type, target, status, null);
    }
}
