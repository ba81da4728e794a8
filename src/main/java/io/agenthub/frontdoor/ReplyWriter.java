package io.agenthub.frontdoor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.Problem;
import io.agenthub.store.Admission;
import io.agenthub.api.HubReply;
import io.agenthub.api.Outcome;
import org.apache.camel.Exchange;

/**
 * Writes every answer the hub gives, success or problem, as JSON with its status, for HTTP and JMS alike. An answer
 * about an admitted request carries its id in {@code HubRequestId}; the route passes that id, so an answer that
 * concerns no admitted request (a look-up, a list) never carries one.
 */
public final class ReplyWriter {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper json;

    public ReplyWriter(ObjectMapper json) {
        this.json = json;
    }

    /** 200 with the body. */
    public void ok(Exchange exchange) throws JsonProcessingException {
        write(exchange, 200, JSON, json.writeValueAsString(exchange.getMessage().getBody()), null);
    }

    /**
     * The answer to the admitted request {@code requestId}: 200, or 202 when it waits for people to approve the action
     * it proposed (it is answered again when they decide).
     */
    public void answer(Exchange exchange, String requestId) throws JsonProcessingException {
        Object body = exchange.getMessage().getBody();
        int status = body instanceof HubReply reply && reply.outcome() == Outcome.PENDING_APPROVAL ? 202 : 200;
        write(exchange, status, JSON, json.writeValueAsString(body), requestId);
    }

    /** 201 with the body: something was made (a pause). */
    public void created(Exchange exchange) throws JsonProcessingException {
        write(exchange, 201, JSON, json.writeValueAsString(exchange.getMessage().getBody()), null);
    }

    /** 202: the request was taken up and will be acted on later (a contested decision, queued for review). */
    public void accepted(Exchange exchange) throws JsonProcessingException {
        write(exchange, 202, JSON, json.writeValueAsString(exchange.getMessage().getBody()), null);
    }

    /** 202 with the body: the admitted request {@code requestId} is pending (a back-end has not confirmed an action). */
    public void pending(Exchange exchange, String requestId) throws JsonProcessingException {
        write(exchange, 202, JSON, json.writeValueAsString(exchange.getMessage().getBody()), requestId);
    }

    /** The answer stored for a request sent again with its idempotency key, as it was first given. */
    public void replay(Exchange exchange, Admission admission) {
        Admission.StoredReply stored = admission.replay();
        String type = stored.httpStatus() >= 400 ? PROBLEM_JSON : JSON;
        write(exchange, stored.httpStatus(), type, stored.json(), admission.requestId());
        exchange.getMessage().setHeader(HubHeaders.IDEMPOTENT_REPLAYED, "true");
    }

    /** The problem; {@code requestId} is the admitted request's it concerns, null when it came before admission. */
    public void problem(Exchange exchange, Problem problem, String requestId) throws JsonProcessingException {
        write(exchange, problem.status(), PROBLEM_JSON, json.writeValueAsString(problem), requestId);
        if (problem.retryAfter() != null) {
            exchange.getMessage().setHeader(HubHeaders.RETRY_AFTER, problem.retryAfter());
        }
    }

    private static void write(Exchange exchange, int status, String contentType, String body, String requestId) {
        var message = exchange.getMessage();
        message.setHeader(HubHeaders.STATUS, status);
        message.setHeader(HubHeaders.JMS_STATUS, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        if (requestId != null) {
            message.setHeader(HubHeaders.REQUEST_ID, requestId);
        }
        message.setBody(body);
    }
}
