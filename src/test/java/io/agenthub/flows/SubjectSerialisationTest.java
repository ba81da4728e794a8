package io.agenthub.flows;

import io.agenthub.api.HubRequest;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectSerialisationTest {

    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInside = new AtomicInteger();
    private final AtomicInteger ran = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void startAFlowUnderThePolicy() throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("subjectSerialisation", new SubjectSerialisation(300));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:flow").routePolicyRef("subjectSerialisation").process(exchange -> {
                    ran.incrementAndGet();
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    release.await(5, TimeUnit.SECONDS);
                    inside.decrementAndGet();
                });
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private Exchange send(String subjectId) {
        return producer.send("direct:flow", exchange -> exchange.setVariable("request",
                new HubRequest("demo-bank", "app", subjectId, "I lost my card", null, null)));
    }

    @Test
    void aSecondRequestForTheSameCustomerWaitsAndIfTheFirstTakesTooLongNothingIsDoneForIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Exchange> first = pool.submit(() -> send("C-1"));
            Future<Exchange> second = pool.submit(() -> send("C-1"));
            Exchange refused = pool.submit(() -> {
                // whichever of the two waited past the limit
                while (!first.isDone() && !second.isDone()) {
                    Thread.onSpinWait();
                }
                return first.isDone() ? first.get() : second.get();
            }).get(5, TimeUnit.SECONDS);
            release.countDown();

            assertThat(refused.getException()).isInstanceOf(ProblemException.class);
            assertThat(((ProblemException) refused.getException()).problem().type())
                    .isEqualTo(ProblemType.CUSTOMER_BUSY.uri());
            assertThat(first.get().getException() == null ^ second.get().getException() == null).isTrue();
            assertThat(ran.get()).as("the refused request's steps never ran").isEqualTo(1);
            assertThat(mostInside.get()).isEqualTo(1);
            // and the customer is free again
            assertThat(send("C-1").getException()).isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requestsForDifferentCustomersRunSideBySide() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Exchange> one = pool.submit(() -> send("C-1"));
            Future<Exchange> two = pool.submit(() -> send("C-2"));
            while (inside.get() < 2 && !one.isDone() && !two.isDone()) {
                Thread.onSpinWait();
            }
            release.countDown();
            assertThat(one.get().getException()).isNull();
            assertThat(two.get().getException()).isNull();
            assertThat(mostInside.get()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFlowReachedWithoutTheRequestVariableFailsAndNeverRunsUnserialised() {
        Exchange unnamed = producer.send("direct:flow", exchange -> exchange.setVariable("hubRequest",
                new HubRequest("demo-bank", "app", "C-1", "I lost my card", null, null)));

        assertThat(unnamed.getException()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("variable 'request'");
        assertThat(ran.get()).as("the flow's steps never ran").isZero();
    }
}
