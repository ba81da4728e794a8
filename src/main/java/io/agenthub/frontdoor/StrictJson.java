package io.agenthub.frontdoor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a body as exactly one JSON value, from bytes that must be well-formed UTF-8. Jackson on its own
 * reads a surrogate encoded in three bytes ({@code ED A0 80}), code points past U+10FFFF and overlong forms
 * ({@code C0 AF}) without complaint, ignores what follows the first value, and keeps the last of two fields
 * of the same name: each lets two readers of one body see two different requests.
 */
public final class StrictJson {

    private final ObjectReader reader;

    public StrictJson(ObjectMapper json) {
        this.reader = json.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The one JSON value the body holds; a {@link ProblemType#MALFORMED_JSON} problem otherwise. */
    public JsonNode read(byte[] body) {
        String text = decode(body);
        try {
            JsonNode root = reader.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new ProblemException(ProblemType.MALFORMED_JSON, "The request body holds no JSON value.");
            }
            return root;
        } catch (JsonProcessingException e) {
            // The original message names line and column, and quotes no more than a token.
            throw new ProblemException(ProblemType.MALFORMED_JSON, e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")" : ""));
        }
    }

    /** The body as text, refusing any byte sequence that is not well-formed UTF-8 (RFC 3629). */
    static String decode(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON,
                    "The request body is not well-formed UTF-8 (byte " + in.position() + ").");
        }
        return out.flip().toString();
    }
}
