package io.agenthub.flows.card;

import io.agenthub.connectors.corebanking.BlockReason;
import io.agenthub.connectors.corebanking.Card;
import io.agenthub.flows.PolicyVerdict;

import java.util.List;

/**
 * Which card a lost-or-stolen request is about, and why it is to be blocked; no card when that is unclear.
 *
 * @param why how the card was chosen, or why none was, in the customer's terms
 */
public record CardChoice(Card card, BlockReason reason, List<Card> activeCards, String why) {

    public boolean decided() {
        return card != null;
    }

    public PolicyVerdict verdict() {
        return new PolicyVerdict("lost-card", decided()
                ? "block card " + card.cardId() + " (" + card.brand() + " ending " + card.last4() + ") as " + reason
                : "block no card", why);
    }
}
