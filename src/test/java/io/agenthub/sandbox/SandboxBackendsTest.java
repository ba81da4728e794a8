package io.agenthub.sandbox;

import io.agenthub.sandbox.SandboxClient.Reply;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxBackendsTest {

    @Test
    void itListensOnLoopbackAtARandomPortAndNamesBothApis() {
        try (SandboxClient client = SandboxClient.start()) {
            SandboxBackends sandbox = client.sandbox;

            assertThat(sandbox.port()).isPositive();
            assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port());
            assertThat(sandbox.coreBankingUrl()).isEqualTo(sandbox.baseUrl() + "/core-banking");
            assertThat(sandbox.insuranceUrl()).isEqualTo(sandbox.baseUrl() + "/insurance");
        }
    }

    @Test
    void closingStopsListeningAndCanBeRepeated() {
        SandboxClient client = SandboxClient.start();
        int port = client.sandbox.port();

        client.close();
        client.close();

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void startingOnAPortInUseFailsCleanly() {
        try (SandboxClient first = SandboxClient.start()) {
            assertThatThrownBy(() -> SandboxBackends.start("127.0.0.1", first.sandbox.port(), SandboxClient.seed()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void twoSandboxesKeepSeparateState() {
        try (SandboxClient a = SandboxClient.start(); SandboxClient b = SandboxClient.start()) {
            a.post("/core-banking/cards/CRD-1001-1/block", "k", "{\"reason\":\"LOST\"}");

            assertThat(b.get("/core-banking/customers/C-1001/cards").json().get(0).get("status").asText())
                    .isEqualTo("ACTIVE");
        }
    }

    @Test
    void anUnknownPathIsAProblem404() {
        try (SandboxClient client = SandboxClient.start()) {
            for (String path : List.of("/", "/core-banking/unknown", "/insurance/customers/C-1001", "/elsewhere")) {
                Reply reply = client.get(path);
                assertThat(reply.status()).as(path).isEqualTo(404);
                assertThat(reply.contentType()).as(path).startsWith("application/problem+json");
                assertThat(reply.json().get("instance").asText()).isEqualTo(path);
            }
        }
    }

    @Test
    void anUnsupportedMethodIsAProblem405() {
        try (SandboxClient client = SandboxClient.start()) {
            Reply reply = client.send(client.request("/core-banking/customers/C-1001").DELETE().build());

            assertThat(reply.status()).isEqualTo(405);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void theSeedsPackagedForTheClasspathStartTheSandboxToo() {
        try (SandboxBackends sandbox = SandboxBackends.start("127.0.0.1", 0, SandboxSeed.fromClasspath())) {
            assertThat(sandbox.port()).isPositive();
        }
    }
}
