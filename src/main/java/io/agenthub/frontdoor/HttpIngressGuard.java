package io.agenthub.frontdoor;

import org.apache.camel.Header;

import java.util.Locale;

/** Checks that belong to HTTP only: the media type, and the declared size before the body is read further. */
public final class HttpIngressGuard {

    private final int maxBodyBytes;

    public HttpIngressGuard(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public void check(@Header("Content-Type") String contentType, @Header("Content-Length") Long contentLength) {
        if (contentLength != null && contentLength > maxBodyBytes) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body has " + contentLength + " bytes; the limit is " + maxBodyBytes + ".");
        }
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the request as application/json" + (mediaType.isEmpty() ? "." : ", not " + mediaType + "."));
        }
    }
}
