package io.agenthub.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.DataSubject;
import io.agenthub.api.PiiType;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.vault.SubjectVault;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Gives a connector the real values behind tokens, for the personal-data types its settings name
 * ({@code connectors.<name>.reidentify}) and nothing else: a payment back-end may need the IBAN, but no
 * back-end gets a name it did not ask for. Values are put back as the request leaves the hub, so only the
 * wire to the back-end ever carries them; the request history records the tokens.
 */
public final class Reidentifier {

    private final SubjectVault vault;
    private final Function<String, Optional<DataSubject>> subjectOfRequest;
    private final ObjectMapper json;

    public Reidentifier(SubjectVault vault, Function<String, Optional<DataSubject>> subjectOfRequest, ObjectMapper json) {
        this.vault = vault;
        this.subjectOfRequest = subjectOfRequest;
        this.json = json;
    }

    /**
     * The call as it leaves for a back-end: tokens of the {@code types} this connector may receive (a comma-separated
     * list, as {@code connectors.<name>.reidentify} gives it) replaced by their originals.
     */
    public ConnectorCall forWire(ConnectorCall call, String types, String requestId) {
        return reveal(call, ConnectorSettings.types(types, "reidentify"), requestId);
    }

    /** The call with the originals of the allowed types in its path and body; the call itself when it has none. */
    public ConnectorCall reveal(ConnectorCall call, Set<PiiType> allowed, String requestId) {
        if (allowed.isEmpty() || requestId == null) {
            return call;
        }
        String path = reveal(call.path(), allowed, requestId,
                value -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        Object body = call.body();
        if (body != null) {
            try {
                String text = json.writeValueAsString(body);
                String revealed = reveal(text, allowed, requestId, Reidentifier::jsonStringContent);
                body = revealed.equals(text) ? body : json.readTree(revealed);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise the body of " + call.operation(), e);
            }
        }
        return new ConnectorCall(call.operation(), call.method(), path, body, call.idempotencyKey());
    }

    /**
     * The originals of the allowed types' tokens in {@code text}, by token name ({@code DATE_TIME_1}), for a step
     * inside the hub that reads them in clear (an in-process extractor) and gives them their tokens back.
     */
    public Map<String, String> originals(String text, Set<PiiType> allowed, String requestId) {
        Map<String, String> originals = new LinkedHashMap<>();
        Pseudonymiser.replaceTokens(text, (token, type) -> {
            if (allowed.contains(type) && !originals.containsKey(token)) {
                originals.put(token, reveal("<" + token + ">", allowed, requestId, UnaryOperator.identity()));
            }
            return null;
        });
        return originals;
    }

    /** A value as it may stand inside a JSON string, where its token stood. */
    private static String jsonStringContent(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }

    /**
     * The text with every token of an allowed type replaced by its original, encoded for where it goes
     * (a URL path segment, a JSON string).
     *
     * @throws ProblemException when a value is no longer held: its subject was erased or it passed retention
     */
    String reveal(String text, Set<PiiType> allowed, String requestId, UnaryOperator<String> encode) {
        if (allowed.isEmpty() || requestId == null) {
            return text;
        }
        DataSubject[] subject = {null};
        return Pseudonymiser.replaceTokens(text, (token, type) -> {
            if (!allowed.contains(type)) {
                return null;
            }
            if (subject[0] == null) {
                subject[0] = subjectOfRequest.apply(requestId).orElseThrow(() ->
                        new IllegalStateException("request " + requestId + " is not stored"));
            }
            return encode.apply(vault.reveal(subject[0], token).orElseThrow(() -> new ProblemException(
                    ProblemType.VALUE_NOT_HELD, "The value behind <" + token + "> is no longer held (the subject's data"
                    + " was erased, or it passed its retention period).")));
        });
    }
}
