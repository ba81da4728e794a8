package io.agenthub.actions;

import io.agenthub.api.HubRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.ExchangeHelper;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code action:<type>}: the step where a flow proposes an action, and the gate ({@link ActionGate}) decides. The body
 * going in is the {@link ProposedAction}; coming out, the customer's answer ({@code FlowResult}): what the action did,
 * or that it waits for approval. The flow's {@code requestId} and {@code request} variables say whose it is. A route
 * naming an action the policy (compliance/actions.yaml) does not is refused when the hub starts, naming the route and
 * the action, so no flow can take an action nobody has ruled on.
 */
public final class ActionComponent extends DefaultComponent {

    private final ActionGate gate;
    /** The action types the hub's routes propose. */
    private final Set<String> proposed = ConcurrentHashMap.newKeySet();

    public ActionComponent(ActionGate gate) {
        this.gate = gate;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!gate.policy().names(remaining)) {
            throw new IllegalArgumentException("compliance/actions.yaml names no action '" + remaining
                    + "'; a flow may take only the actions the policy rules on: " + String.join(", ", gate.policy().types()));
        }
        gate.attach(getCamelContext());
        if (proposed.isEmpty()) {
            try {
                addCheck();
            } catch (Exception e) {
                throw new IllegalStateException("cannot check the actions' execution routes at start", e);
            }
        }
        proposed.add(remaining);
        return new ActionEndpoint(uri, this, remaining);
    }

    private void addCheck() throws Exception {
        getCamelContext().addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    checkExecutionRoutes();
                }
            });
    }

    /** Every action a flow proposes runs through its execution route: the start fails, naming the one missing. */
    private void checkExecutionRoutes() {
        for (String type : proposed) {
            if (!gate.hasExecutionRoute(type)) {
                throw new IllegalStateException("action:" + type + " has no execution route; add route id "
                        + ActionGate.executionRoute(type) + " (from: direct:" + ActionGate.executionRoute(type)
                        + ") to routes/actions.camel.yaml");
            }
        }
    }

    private final class ActionEndpoint extends DefaultEndpoint {

        private final String type;

        ActionEndpoint(String uri, ActionComponent component, String type) {
            super(uri, component);
            this.type = type;
        }

        @Override
        public Producer createProducer() {
            return new ActionProducer(this, type);
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            throw new UnsupportedOperationException("action:" + type + " is a step of a flow (to:), not a source (from:)");
        }
    }

    private final class ActionProducer extends DefaultProducer {

        private final String type;

        ActionProducer(Endpoint endpoint, String type) {
            super(endpoint);
            this.type = type;
        }

        @Override
        public void process(Exchange exchange) {
            ProposedAction action = exchange.getMessage().getBody(ProposedAction.class);
            if (action == null || !action.type().equals(type)) {
                throw new IllegalStateException("action:" + type + " needs the proposed " + type + " action as its body");
            }
            String requestId = exchange.getVariable("requestId", String.class);
            HubRequest request = exchange.getVariable("request", HubRequest.class);
            if (requestId == null || request == null) {
                throw new IllegalStateException("action:" + type + " is a step of a flow: the requestId and request"
                        + " variables say whose action it is");
            }
            exchange.getMessage().setBody(gate.propose(action, requestId, request, ExchangeHelper.getAtRouteId(exchange)));
        }
    }
}
