package io.agenthub.flows.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;


import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a file of the claims inbox as a notice, or refuses it with a reason for error/. Every byte is the sender's, so
 * hostile until checked: the size before anything is read, then strict UTF-8 (a malformed byte refuses the file, it is
 * never replaced), no control characters but line breaks and tabs (a binary file), and a notice's text no longer than a
 * request's may be. What is read: {@code .txt} (the notice in words), {@code .json} (fields, as a claims system exports
 * them: {@code {"tenant"?, "subjectId"?, "policyNumber"?, "dateOfLoss"?, "lossType"?, "amount"?, "currency"?,
 * "description"|"text"}}), and {@code .eml} (a plain-text e-mail: its subject and body; MIME parts and encodings are
 * refused, an e-mail client's "save as" of a plain message is read).
 */
public final class ClaimFiles {

    public static final Set<String> KINDS = Set.of("txt", "json", "eml");

    /** A policy number a notice quotes: the insurer's form, or the words after "policy number". */
    private static final Pattern POLICY = Pattern.compile("(?i)\\b(POL-[A-Z]{3}-\\d{6})\\b"
            + "|\\bpolicy\\s*(?:number|no\\.?|#)\\s*[:#]?\\s*([A-Z0-9][A-Z0-9-]{4,63})\\b");
    private static final Pattern SUBJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> JSON_FIELDS = Set.of("tenant", "subjectId", "policyNumber", "dateOfLoss", "lossType",
            "amount", "currency", "description", "text", "location", "messageId");

    private final ObjectMapper json;
    private final long maxBytes;
    private final int maxTextChars;

    public ClaimFiles(ObjectMapper json, long maxBytes, int maxTextChars) {
        this.json = json;
        this.maxBytes = maxBytes;
        this.maxTextChars = maxTextChars;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Refuses a file before it is read: of a kind not read here, or too big. */
    public void checkBefore(String name, long size) {
        String kind = kind(name);
        if (!KINDS.contains(kind)) {
            throw new ClaimFileRejected("files of kind ." + kind + " are not read; send .txt, .json or .eml");
        }
        if (size > maxBytes) {
            throw new ClaimFileRejected("the file has " + size + " bytes, more than hub.claims.max-file-bytes ("
                    + maxBytes + ")");
        }
    }

    /**
     * The notice a file holds, for the tenant whose folder it was dropped in.
     *
     * @throws ClaimFileRejected with the reason, for error/
     */
    public ClaimFile read(String name, byte[] bytes, String tenant) {
        checkBefore(name, bytes.length);
        String digest = sha256(bytes);
        String content = utf8(bytes);
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new ClaimFileRejected("the file holds control characters (U+" + String.format("%04X", (int) c)
                        + "): it is not a text notice");
            }
        }
        ClaimFile file = switch (kind(name)) {
            case "json" -> fromJson(name, digest, content, tenant);
            case "eml" -> fromEmail(name, digest, content);
            default -> new ClaimFile(name, digest, content.strip(), null, policyNumber(content));
        };
        if (file.text().isBlank()) {
            throw new ClaimFileRejected("the notice is empty");
        }
        if (file.text().length() > maxTextChars) {
            throw new ClaimFileRejected("the notice has " + file.text().length() + " characters, more than a request's "
                    + maxTextChars + " (hub.request.max-text-chars)");
        }
        return file;
    }

    /** What a JMS message on hub.claims holds, as a file of the inbox: JSON as the .json notices, or plain text. */
    public String kindOfMessage(String body) {
        return body != null && body.stripLeading().startsWith("{") ? "json" : "txt";
    }

    private ClaimFile fromJson(String name, String digest, String content, String tenant) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (JsonProcessingException e) {
            throw new ClaimFileRejected("the file is not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (!(root instanceof ObjectNode notice)) {
            throw new ClaimFileRejected("a JSON notice is one object");
        }
        for (Iterator<String> names = notice.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!JSON_FIELDS.contains(field)) {
                throw new ClaimFileRejected("unknown field '" + field.substring(0, Math.min(40, field.length()))
                        + "'; a JSON notice has " + new java.util.TreeSet<>(JSON_FIELDS));
            }
        }
        String named = textField(notice, "tenant", 64);
        if (named != null && !named.equals(tenant)) {
            throw new ClaimFileRejected("the notice names another tenant than the folder it was dropped in");
        }
        String subject = textField(notice, "subjectId", 64);
        if (subject != null && !SUBJECT_ID.matcher(subject).matches()) {
            throw new ClaimFileRejected("subjectId is 1-64 letters, digits, '.', '_' or '-'");
        }
        String policy = textField(notice, "policyNumber", 64);
        StringBuilder text = new StringBuilder();
        String words = textField(notice, "description", maxTextChars);
        words = words == null ? textField(notice, "text", maxTextChars) : words;
        if (words != null) {
            text.append(words.strip());
        }
        // The fields written out as a claims handler would read them: the claim-notice extraction reads the words.
        if (policy != null) {
            text.append("\nPolicy ").append(policy).append('.');
        }
        String date = textField(notice, "dateOfLoss", 10);
        if (date != null) {
            try {
                // in words, as a person writes a date: the recognisers read "18 November 2026" surely
                text.append("\nThe loss happened on ").append(java.time.LocalDate.parse(date)
                        .format(java.time.format.DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH))).append('.');
            } catch (java.time.format.DateTimeParseException e) {
                throw new ClaimFileRejected("dateOfLoss is a date YYYY-MM-DD");
            }
        }
        String lossType = textField(notice, "lossType", 40);
        if (lossType != null) {
            text.append("\nLoss type: ").append(lossType.toLowerCase(Locale.ROOT).replace('_', ' ')).append('.');
        }
        JsonNode amount = notice.get("amount");
        if (amount != null && !amount.isNull()) {
            if (!amount.isNumber() || amount.decimalValue().signum() <= 0) {
                throw new ClaimFileRejected("amount is a positive JSON number");
            }
            String currency = textField(notice, "currency", 3);
            text.append("\nThe amount claimed is ").append(amount.decimalValue().setScale(2, java.math.RoundingMode.HALF_UP)
                    .toPlainString()).append(currency == null ? "" : " " + currency).append('.');
        }
        String location = textField(notice, "location", 200);
        if (location != null) {
            text.append("\nIt happened at ").append(location).append('.');
        }
        return new ClaimFile(name, digest, text.toString().strip(), subject,
                policy != null ? policy.toUpperCase(Locale.ROOT) : policyNumber(text.toString()));
    }

    private ClaimFile fromEmail(String name, String digest, String content) {
        String normalised = content.replace("\r\n", "\n");
        int blank = normalised.indexOf("\n\n");
        if (blank < 0) {
            throw new ClaimFileRejected("an e-mail has headers, a blank line, and a body");
        }
        String subject = "";
        for (String header : normalised.substring(0, blank).replaceAll("\n[ \t]+", " ").split("\n")) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new ClaimFileRejected("an e-mail header line has no name");
            }
            String field = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            String lower = value.toLowerCase(Locale.ROOT);
            switch (field) {
                case "subject" -> subject = value;
                case "content-type" -> {
                    if (!lower.startsWith("text/plain") || (lower.contains("charset")
                            && !lower.matches(".*charset=\"?(utf-8|us-ascii)\"?.*"))) {
                        throw new ClaimFileRejected("only plain-text e-mails in UTF-8 are read, not " + clip(value));
                    }
                }
                case "content-transfer-encoding" -> {
                    if (!Set.of("7bit", "8bit").contains(lower)) {
                        throw new ClaimFileRejected("e-mails encoded " + clip(value) + " are not read; send 7bit or 8bit");
                    }
                }
                default -> { }
            }
        }
        String body = normalised.substring(blank + 2).strip();
        String text = subject.isBlank() ? body : subject + "\n\n" + body;
        return new ClaimFile(name, digest, text, null, policyNumber(text));
    }

    private static String policyNumber(String text) {
        Matcher policy = POLICY.matcher(text);
        if (!policy.find()) {
            return null;
        }
        return (policy.group(1) != null ? policy.group(1) : policy.group(2)).toUpperCase(Locale.ROOT);
    }

    private static String textField(ObjectNode notice, String field, int maxLength) {
        JsonNode value = notice.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > maxLength) {
            throw new ClaimFileRejected(field + " is text of 1 to " + maxLength + " characters");
        }
        return value.textValue().strip();
    }

    /** Strict: a malformed or unmappable byte refuses the file; nothing is guessed or replaced. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ClaimFileRejected("the file is not UTF-8 text");
        }
    }

    static String kind(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String clip(String value) {
        String safe = value.replaceAll("[^A-Za-z0-9/=._ -]", "?");
        return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

}
