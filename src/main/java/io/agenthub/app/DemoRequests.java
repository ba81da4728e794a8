package io.agenthub.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The sample requests the demo stream sends, one JSON object a line, in turn and round again. */
public final class DemoRequests {

    private final List<String> requests;
    private final AtomicLong sent = new AtomicLong();

    public DemoRequests(List<String> requests) {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("the demo request file has no requests");
        }
        this.requests = List.copyOf(requests);
    }

    public static DemoRequests fromJsonLines(InputStream in) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return new DemoRequests(reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        }
    }

    public String next() {
        return requests.get((int) (sent.getAndIncrement() % requests.size()));
    }
}
