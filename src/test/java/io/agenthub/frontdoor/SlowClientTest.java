package io.agenthub.frontdoor;

import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that is slow or silent is cut off within the configured limits (short here), however it paces its
 * bytes: the header and body deadlines run from the first byte, not from the last one.
 */
class SlowClientTest {

    private static final int LIMIT_MS = 1_000;

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            .with("hub.http.idle-timeout-ms", String.valueOf(LIMIT_MS))
            .with("hub.http.header-timeout-ms", String.valueOf(LIMIT_MS))
            .with("hub.http.body-timeout-ms", String.valueOf(LIMIT_MS));

    private final ExecutorService dripper = Executors.newSingleThreadExecutor();

    @Test
    void aHeaderSentAByteAtATimeIsCutOff() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /api/v1/requests HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // a slowloris: one more header byte every 200 ms, so the connection is never idle, for up to 60 s
            assertCutOffWhileDripping(socket, "X-Slow: " + "a".repeat(300));
        }
    }

    @Test
    void aBodySentAByteAtATimeIsCutOff() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/requests HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 400\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertCutOffWhileDripping(socket, " ".repeat(300));
        }
    }

    /** Sends {@code bytes} one at a time and expects the server to close the connection within its limit. */
    private void assertCutOffWhileDripping(Socket socket, String bytes) throws Exception {
        CompletableFuture<Boolean> drip = drip(socket.getOutputStream(), bytes);
        assertThat(readsToTheEnd(socket)).isTrue();
        // the drip lasts a minute: a server that waited for all of it would let a slow client hold a connection
        assertThat(drip.getNow(false)).as("the client sent every byte before the server hung up").isFalse();
        drip.cancel(true);
    }

    @Test
    void aSilentConnectionIsClosed() throws Exception {
        try (Socket socket = connect()) {
            assertThat(readsToTheEnd(socket)).isTrue();
        }
    }

    @Test
    void aPromptClientIsAnsweredAndMayKeepItsConnectionForTheNextRequest() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 2; i++) {
                out.write(("GET /api/v1/reviews?limit=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + hub.everyRole()
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readStatusLine(socket.getInputStream())).startsWith("HTTP/1.1 200");
            }
        }
        assertThat(hub.get("/api/v1/reviews?limit=1").statusCode()).isEqualTo(200);
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", URI.create(hub.url("/")).getPort()), 5_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Sends one byte every 200 ms; true when every byte was sent, false when the server closed the connection first. */
    private CompletableFuture<Boolean> drip(OutputStream out, String bytes) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (byte b : bytes.getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(200);
                }
                return true;
            } catch (IOException | InterruptedException e) {
                return false;  // the server closed the connection, as it should
            }
        }, dripper);
    }

    /** True when the server closes the connection (end of stream or reset) before the socket's read timeout. */
    private static boolean readsToTheEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // whatever the server says before closing does not matter
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** Reads one whole answer (by its length, or chunk by chunk) and gives its status line. */
    private static String readStatusLine(InputStream in) throws IOException {
        String head = readUntil(in, "\r\n\r\n");
        int length = 0;
        boolean chunked = false;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        if (!chunked) {
            in.readNBytes(length);
        } else {
            int size;
            do {
                size = Integer.parseInt(readUntil(in, "\r\n").trim().split(";")[0], 16);
                in.readNBytes(size + 2);
            } while (size > 0);
        }
        return head.lines().findFirst().orElse("");
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            text.append((char) c);
            if (text.toString().endsWith(end)) {
                break;
            }
        }
        return text.toString();
    }
}
