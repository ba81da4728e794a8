package io.agenthub.pii;

import io.agenthub.api.DataSubject;
import io.agenthub.api.FieldError;
import io.agenthub.api.HubRequest;
import io.agenthub.api.PiiType;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.vault.SubjectVault;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guard at the door: finds personal data in a request's text and replaces each value by a typed token
 * before any model, log, metric or stored record sees it. A value keeps its token within the request and
 * across the subject's requests ({@code <PERSON_1>} is the same person each time); the original goes to
 * the subject's vault, or nowhere when its treatment is {@link PiiTreatment#DROP}.
 */
public final class Pseudonymiser {

    /** How a token looks in text: {@code <PERSON_1>}, or {@code <IP_ADDRESS>} for a dropped value. */
    public static final Pattern TOKEN = Pattern.compile("<([A-Z_]+?)(?:_(\\d+))?>");

    /** How personal data is found and treated: replaced whole when compliance/pii.yaml is reloaded. */
    private record Rules(PiiDetector detector, Function<PiiType, PiiTreatment> treatments) {
    }

    private final AtomicReference<Rules> rules;
    private final SubjectVault vault;
    private final boolean enabled;

    /**
     * @param enabled false only to measure what redaction costs ({@code hub.pii.redaction}); the text then
     *                passes unchanged, personal data and all
     */
    public Pseudonymiser(PiiDetector detector, Function<PiiType, PiiTreatment> treatments, SubjectVault vault, boolean enabled) {
        this.rules = new AtomicReference<>(new Rules(detector, treatments));
        this.vault = vault;
        this.enabled = enabled;
    }

    /**
     * A guard that stores nothing: only {@link #redactUnstored} may be used, to see offline what the models see at the
     * door (the command line's {@code predict --pseudonymise}).
     */
    public static Pseudonymiser unstored(PiiDetector detector, Function<PiiType, PiiTreatment> treatments) {
        return new Pseudonymiser(detector, treatments, null, true);
    }

    /** New rules ({@code run --reload} of compliance/pii.yaml), for every request redacted from now on. */
    public void use(PiiDetector detector, Function<PiiType, PiiTreatment> treatments) {
        rules.set(new Rules(detector, treatments));
    }

    /**
     * The text with each numbered token ({@code <IBAN_CODE_1>}) replaced by what {@code replacement} gives for
     * its name ({@code IBAN_CODE_1}) and type; a null answer keeps the token.
     */
    public static String replaceTokens(String text, BiFunction<String, PiiType, String> replacement) {
        if (text == null || text.indexOf('<') < 0) {
            return text;
        }
        Matcher tokens = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (tokens.find()) {
            Optional<PiiType> type = PiiType.named(tokens.group(1));
            String value = tokens.group(2) == null || type.isEmpty() ? null
                    : replacement.apply(tokens.group(1) + "_" + tokens.group(2), type.get());
            tokens.appendReplacement(out, Matcher.quoteReplacement(value == null ? tokens.group() : value));
        }
        return tokens.appendTail(out).toString();
    }

    /**
     * A customer who writes a token ({@code <IBAN_CODE_1>}) must not get a back-end to act on the value it
     * stands for: what looks like a token in the text as written gets guillemets instead of angle brackets.
     */
    static String disarmTokens(String text) {
        if (text.indexOf('<') < 0) {
            return text;
        }
        return TOKEN.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                "\u2039" + m.group().substring(1, m.group().length() - 1) + "\u203A"));
    }

    /**
     * A caller's ids ({@code correlationId}, {@code idempotencyKey}) are stored and served as sent, so that the
     * caller's systems and the hub's records can be matched on them; they are opaque references, never personal
     * data. One that carries personal data (an e-mail, a card number, an IBAN, a name) is refused, naming the
     * field, rather than pseudonymised: a token in its place would break that matching without telling anyone,
     * while a refusal shows the integrator at once that their id leaks data. Only the types an id can carry by
     * design are looked for: a phone number, a zip code, a bank or licence number or a date is matched by the
     * digits of any opaque id by chance (a UUID's digit groups read as a phone number often enough to refuse
     * one key in a few hundred), so those are not.
     */
    private static final Set<PiiType> ID_REVEALS = Set.of(PiiType.EMAIL_ADDRESS, PiiType.CREDIT_CARD,
            PiiType.IBAN_CODE, PiiType.US_SSN, PiiType.PERSON, PiiType.STREET_ADDRESS);

    private static void refusePersonalDataIn(PiiDetector detector, String field, String id) {
        if (id == null) {
            return;
        }
        Set<PiiType> found = new TreeSet<>();
        for (PiiSpan span : detector.detect(id)) {
            if (ID_REVEALS.contains(span.type())) {
                found.add(span.type());
            }
        }
        if (!found.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                    "The " + field + " carries personal data; send an opaque id such as a UUID.",
                    List.of(new FieldError(field, "must not carry personal data (found " + found + ")"))));
        }
    }

    public RedactedRequest redact(HubRequest request) {
        if (!enabled) {
            return RedactedRequest.nothingFound(request);
        }
        Rules rules = this.rules.get();
        refusePersonalDataIn(rules.detector(), "correlationId", request.correlationId());
        refusePersonalDataIn(rules.detector(), "idempotencyKey", request.idempotencyKey());
        SubjectVault.SubjectKey[] key = new SubjectVault.SubjectKey[1];
        return redact(request, rules, (type, value) -> {
            if (key[0] == null) {
                key[0] = vault.keyOf(new DataSubject(request.tenant(), request.subjectId()));
            }
            return vault.tokenFor(key[0], type, value);
        });
    }

    /**
     * The request's text exactly as {@link #redact} would give it for a subject's first request, with nothing stored:
     * tokens are numbered within this text ({@code <PERSON_1>}, {@code <PERSON_2>}, the same value the same token) and
     * no value goes to a vault. For measuring offline what the models see at the door ({@code predict --pseudonymise}).
     */
    public RedactedRequest redactUnstored(HubRequest request) {
        if (!enabled) {
            return RedactedRequest.nothingFound(request);
        }
        Map<String, String> tokens = new java.util.HashMap<>();
        Map<PiiType, Integer> counts = new java.util.HashMap<>();
        return redact(request, rules.get(), (type, value) -> tokens.computeIfAbsent(type.name() + '\u0000' + value,
                k -> type.name() + "_" + counts.merge(type, 1, Integer::sum)));
    }

    private RedactedRequest redact(HubRequest request, Rules rules, BiFunction<PiiType, String, String> tokenFor) {
        String text = disarmTokens(request.text());
        List<PiiSpan> spans = rules.detector().detect(text);
        Map<PiiType, Integer> found = new TreeMap<>();
        Set<String> tokens = new LinkedHashSet<>();
        StringBuilder redacted = new StringBuilder(text.length());
        int from = 0;
        for (PiiSpan span : spans) {
            String token = rules.treatments().apply(span.type()) == PiiTreatment.DROP ? span.type().name()
                    : tokenFor.apply(span.type(), text.substring(span.start(), span.end()));
            redacted.append(text, from, span.start()).append('<').append(token).append('>');
            from = span.end();
            found.merge(span.type(), 1, Integer::sum);
            tokens.add(token);
        }
        redacted.append(text, from, text.length());
        HubRequest safe = new HubRequest(request.tenant(), request.channel(), request.subjectId(), redacted.toString(),
                request.idempotencyKey(), request.correlationId());
        return new RedactedRequest(safe, found, new ArrayList<>(tokens), RedactedRequest.digest(safe.text()));
    }
}
