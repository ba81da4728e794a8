package io.agenthub.frontdoor;

import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import org.apache.camel.Header;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks that belong to HTTP only: the media type, and the declared size before the body is read further.
 * {@link MediaTypeGate} makes the same media-type check in the server, before the body is read at all.
 */
public final class HttpIngressGuard {

    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]{1,64}/[a-z0-9!#$&^_.+-]{1,64}");

    private final int maxBodyBytes;

    public HttpIngressGuard(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public void check(@Header("Content-Type") String contentType, @Header("Content-Length") Long contentLength) {
        if (contentLength != null && contentLength > maxBodyBytes) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body has " + contentLength + " bytes; the limit is " + maxBodyBytes + ".");
        }
        if (!isJson(contentType)) {
            throw new ProblemException(unsupported(contentType));
        }
    }

    /** application/json or any {@code +json} type, with or without parameters. */
    static boolean isJson(String contentType) {
        String mediaType = mediaType(contentType);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    static Problem unsupported(String contentType) {
        String mediaType = mediaType(contentType);
        // the caller's media type is named only when it is one: the detail never quotes arbitrary input
        return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the request as application/json"
                + (MEDIA_TYPE.matcher(mediaType).matches() ? ", not " + mediaType + "." : "."));
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }
}
