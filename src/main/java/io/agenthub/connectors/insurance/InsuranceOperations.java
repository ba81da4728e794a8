package io.agenthub.connectors.insurance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.connectors.ConnectorAnswers;
import io.agenthub.connectors.ConnectorCall;
import io.agenthub.connectors.ConnectorResponse;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The operations of the insurance contract ({@code connectors/insurance.openapi.yaml}) that flows use, in typed form:
 * each builds the call a flow sends to {@code direct:insurance}, and reads the answer back into records. How the call
 * travels (base URL, timeouts, retries, breaker) is the connector's route template, {@code connectors/insurance.camel.yaml}.
 */
public final class InsuranceOperations {

    public static final String NAME = "insurance";


    private final ObjectMapper json;

    public InsuranceOperations(ObjectMapper json) {
        this.json = json;
    }

    /** {@code GET /policies/{policyNumber}} (getPolicy). */
    public ConnectorCall getPolicy(String policyNumber) {
        return ConnectorCall.get("get-policy", "/policies/" + encode(policyNumber));
    }

    /** The policy; empty when the insurer has no policy of that number. */
    public Optional<Policy> policy(ConnectorResponse answer) {
        if (answer.status() == 404) {
            return Optional.empty();
        }
        expectOk(answer, "get-policy");
        return Optional.of(json.convertValue(answer.body(), Policy.class));
    }

    /** {@code GET /customers/{customerId}/policies} (listCustomerPolicies). */
    public ConnectorCall listPolicies(String customerId) {
        return ConnectorCall.get("list-policies", "/customers/" + encode(customerId) + "/policies");
    }

    /** The customer's policies, in force or not; empty when the insurer does not know the customer. */
    public List<Policy> policies(ConnectorResponse answer) {
        return list(answer, "list-policies", Policy[].class);
    }

    /** {@code GET /policies/{policyNumber}/claims} (listPolicyClaims): for a notice's duplicates. */
    public ConnectorCall listClaims(String policyNumber) {
        return ConnectorCall.get("list-claims", "/policies/" + encode(policyNumber) + "/claims");
    }

    /** The policy's claims, newest report first. */
    public List<Claim> claims(ConnectorResponse answer) {
        return list(answer, "list-claims", Claim[].class);
    }

    /**
     * {@code POST /claims} (fileClaim): registers the first notice of loss. The key is of the request, so a re-run after
     * a crash answers the claim filed the first time instead of filing a second.
     */
    public ConnectorCall fileClaim(ClaimFiling filing, String idempotencyKey) {
        Objects.requireNonNull(filing, "filing");
        return ConnectorCall.post("file-claim", "/claims", filing, required(idempotencyKey, "idempotencyKey"));
    }

    /** The claim as the insurer registered it; a refusal (422: not in force, not covered) is a back-end refusal. */
    public Claim filed(ConnectorResponse answer) {
        expectOk(answer, "file-claim");
        return json.convertValue(answer.body(), Claim.class);
    }

    /**
     * {@code POST /claims/{claimNumber}/payout} (payClaim), under the action gate's key: the claim is paid once
     * however often this is sent.
     */
    public ConnectorCall payClaim(String claimNumber, BigDecimal amount, String currency, String reference,
                                  String idempotencyKey) {
        Objects.requireNonNull(amount, "amount");
        return ConnectorCall.post("pay-claim", "/claims/" + encode(required(claimNumber, "claimNumber")) + "/payout",
                new PayoutRequest(amount, required(currency, "currency"), reference),
                required(idempotencyKey, "idempotencyKey"));
    }

    /** The payout as the insurer made it. */
    public Payout paid(ConnectorResponse answer) {
        expectOk(answer, "pay-claim");
        return json.convertValue(answer.body(), Payout.class);
    }

    /** {@code POST /claims/{claimNumber}/letters} (sendClaimLetter): the insurer addresses it to the policy holder. */
    public ConnectorCall sendLetter(String claimNumber, String template, String templateVersion, String text,
                                    String idempotencyKey) {
        return ConnectorCall.post("send-letter", "/claims/" + encode(required(claimNumber, "claimNumber")) + "/letters",
                new LetterRequest(required(template, "template"), required(templateVersion, "templateVersion"),
                        required(text, "text")), required(idempotencyKey, "idempotencyKey"));
    }

    public Letter sent(ConnectorResponse answer) {
        expectOk(answer, "send-letter");
        return json.convertValue(answer.body(), Letter.class);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record PayoutRequest(BigDecimal amount, String currency, String reference) {
    }

    private record LetterRequest(String template, String templateVersion, String text) {
    }

    private <T> List<T> list(ConnectorResponse answer, String operation, Class<T[]> type) {
        return ConnectorAnswers.listOf(NAME, json, answer, operation, type);
    }

    private static void expectOk(ConnectorResponse answer, String operation) {
        ConnectorAnswers.expectOk(NAME, answer, operation);
    }

    private static String required(String value, String name) {
        return ConnectorAnswers.required(value, name);
    }

    private static String encode(String pathSegment) {
        return ConnectorAnswers.segment(pathSegment);
    }
}
