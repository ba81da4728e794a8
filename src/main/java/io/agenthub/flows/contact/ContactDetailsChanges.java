package io.agenthub.flows.contact;

import io.agenthub.actions.ActionOrder;
import io.agenthub.actions.ProposedAction;
import io.agenthub.api.ActionTaken;
import io.agenthub.api.FlowResult;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.pii.Pseudonymiser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of the change-of-contact-details flow (BANKING77 {@code edit_personal_details}): the new address, email
 * address or phone number is what the front door found and pseudonymised in the customer's words (the last of each
 * kind, "from X to Y" meaning Y), so the proposal carries tokens only, and the connector puts the values back on the
 * wire to core banking. Changing personal data is never automatic: the action gate holds it for people
 * (compliance/actions.yaml, four-eyes by default).
 */
public final class ContactDetailsChanges {

    /** The detail kinds a change can give, by the personal-data type their token has. */
    private static final Map<String, String> FIELDS = Map.of(
            "STREET_ADDRESS", "address",
            "EMAIL_ADDRESS", "email",
            "PHONE_NUMBER", "phone");

    /** What the customer asked to change, as tokens; empty when they did not say to what. */
    public record Change(String customerId, Map<String, String> details, CascadeAnswer intent) {

        public boolean given() {
            return !details.isEmpty();
        }
    }

    public Change read(HubRequest request, CascadeAnswer intent) {
        Map<String, String> details = new LinkedHashMap<>();
        Pseudonymiser.replaceTokens(request.text(), (token, type) -> {
            String field = FIELDS.get(type.name());
            if (field != null) {
                details.put(field, "<" + token + ">");
            }
            return null;
        });
        return new Change(request.subjectId(), details, intent);
    }

    public ProposedAction proposal(Change change) {
        return new ProposedAction("change-contact-details", "customer:" + change.customerId(),
                new LinkedHashMap<>(change.details()), null, null, ProposedAction.Risk.MEDIUM,
                "the customer asked to change their " + String.join(", ", change.details().keySet()),
                Map.of("intent", change.intent().label(), "confidence", change.intent().confidence(),
                        "model", String.valueOf(change.intent().model())));
    }

    public FlowResult changed(ActionOrder order) {
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.CONTACT_DETAILS_CHANGED),
                List.of(new ActionTaken(order.action().type(), order.action().target(), "CHANGED", order.approvalId())));
    }

    public FlowResult askWhich() {
        return FlowResult.saying(Outcome.NEEDS_INFORMATION, ReplyText.of(ReplyKey.CONTACT_DETAILS_ASK_WHICH));
    }
}
