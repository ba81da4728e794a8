package io.agenthub.store;

import io.agenthub.api.HubRequest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * What a request asks, as a keyed digest, so that a reused idempotency key with a different request is
 * refused (422) instead of answered with the first request's answer. Taken over the request as the
 * caller sent it (before pseudonymisation, whose tokens are per subject), keyed with a secret so the
 * stored digest cannot be used to confirm a guessed card number or name.
 */
public final class RequestFingerprints {

    private final SecretKey key;

    public RequestFingerprints(SecretKey key) {
        this.key = key;
    }

    /** Over tenant, channel, subject and text: the fields that decide what the hub does. */
    public String of(HubRequest request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (String field : new String[] {request.tenant(), request.channel(), request.subjectId(), request.text()}) {
                byte[] bytes = (field == null ? "" : field).getBytes(StandardCharsets.UTF_8);
                // Length-prefixed, so that moving characters from one field to the next changes the digest.
                mac.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
