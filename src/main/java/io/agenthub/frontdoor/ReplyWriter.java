package io.agenthub.frontdoor;

import io.agenthub.api.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.store.Admission;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

/** Writes every answer the hub gives, success or problem, as JSON with its status, for HTTP and JMS alike. */
public final class ReplyWriter {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper json;

    public ReplyWriter(ObjectMapper json) {
        this.json = json;
    }

    public void ok(Exchange exchange) throws JsonProcessingException {
        write(exchange, 200, JSON, json.writeValueAsString(exchange.getMessage().getBody()));
    }

    /** 202: the request was taken up and will be acted on later (a contested decision, queued for review). */
    public void accepted(Exchange exchange) throws JsonProcessingException {
        write(exchange, 202, JSON, json.writeValueAsString(exchange.getMessage().getBody()));
    }

    public void replay(Exchange exchange, @Variable("admission") Admission admission) {
        Admission.StoredReply stored = admission.replay();
        String type = stored.httpStatus() >= 400 ? PROBLEM_JSON : JSON;
        write(exchange, stored.httpStatus(), type, stored.json());
        exchange.getMessage().setHeader(HubHeaders.IDEMPOTENT_REPLAYED, "true");
        exchange.getMessage().setHeader(HubHeaders.REQUEST_ID, admission.requestId());
    }

    public void problem(Exchange exchange, @Variable("problem") Problem problem) throws JsonProcessingException {
        write(exchange, problem.status(), PROBLEM_JSON, json.writeValueAsString(problem));
        if (problem.retryAfter() != null) {
            exchange.getMessage().setHeader(HubHeaders.RETRY_AFTER, problem.retryAfter());
        }
    }

    private static void write(Exchange exchange, int status, String contentType, String body) {
        var message = exchange.getMessage();
        message.setHeader(HubHeaders.STATUS, status);
        message.setHeader(HubHeaders.JMS_STATUS, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        String requestId = exchange.getVariable("requestId", String.class);
        if (requestId != null) {
            message.setHeader(HubHeaders.REQUEST_ID, requestId);
        }
        message.setBody(body);
    }
}
