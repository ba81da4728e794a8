package io.agenthub.review;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One page of the review queue, and where the next begins: {@code next} is the cursor for {@code ?after=}, null on
 * the last page. The route answers the items as a JSON array and the cursor as an RFC 8288 {@code Link} header.
 */
public record ReviewPage(List<ReviewItem> items, String status, int limit, String next) {

    /** {@code </api/v1/reviews?status=pending&limit=50&after=12>; rel="next"}; null on the last page. */
    public String link() {
        if (next == null) {
            return null;
        }
        return "</api/v1/reviews?status=" + URLEncoder.encode(status, StandardCharsets.UTF_8) + "&limit=" + limit
                + "&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8) + ">; rel=\"next\"";
    }
}
