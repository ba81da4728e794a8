package io.agenthub.actions;

/**
 * An action cleared to run: by the policy at once ({@code auto}, or {@code verify} when the second check agreed), or
 * by people ({@code approvalId}). The execution route ({@code direct:execute-<type>}, routes/actions.camel.yaml) sends
 * it to the back-end under {@code idempotencyKey}, so it runs once however often it is sent (retries, a restart
 * between approval and execution, two hub threads at once).
 *
 * @param approvalId     the approval that cleared it; null when the policy did
 * @param requestId      the request that proposed it; null for an action asked for over the API
 * @param subjectId      the data subject it concerns
 * @param clearedBy      who let it run, for the records it leaves: the policy's rule, or who asked and who approved
 */
public record ActionOrder(String approvalId, String requestId, String tenant, String subjectId, ProposedAction action,
                          String idempotencyKey, String clearedBy) {

    public boolean approved() {
        return approvalId != null;
    }
}
