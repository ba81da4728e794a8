package io.agenthub.flows.card;

import io.agenthub.api.PolicyVerdict;
import io.agenthub.connectors.corebanking.BlockReason;
import io.agenthub.connectors.corebanking.Card;

import java.util.List;

/**
 * Which card a lost-or-stolen request is about, and why it is to be blocked; no card when that is unclear.
 *
 * @param why        how the card was chosen, or why none was, in the customer's terms
 * @param named      whether the customer named a card (by its last four digits or its number)
 * @param namedLast4 the last four digits of the cards the customer named, where they could be read
 */
public record CardChoice(Card card, BlockReason reason, List<Card> activeCards, String why, boolean named,
                         List<String> namedLast4) {

    public CardChoice {
        namedLast4 = namedLast4 == null ? List.of() : List.copyOf(namedLast4);
    }

    public CardChoice(Card card, BlockReason reason, List<Card> activeCards, String why) {
        this(card, reason, activeCards, why, false, List.of());
    }

    /** The customer named a card, but none of their active cards. */
    public boolean namedAnotherCard() {
        return card == null && named;
    }

    public boolean decided() {
        return card != null;
    }

    public PolicyVerdict verdict() {
        return new PolicyVerdict("lost-card", decided()
                ? "block card " + card.cardId() + " (" + card.brand() + " ending " + card.last4() + ") as " + reason
                : "block no card", why);
    }
}
