package io.agenthub.flows.card;

import io.agenthub.connectors.corebanking.BlockReason;
import io.agenthub.connectors.corebanking.Card;

import java.util.List;

/** Which card a lost-or-stolen request is about, and why it is to be blocked; no card when that is unclear. */
public record CardChoice(Card card, BlockReason reason, List<Card> activeCards) {

    public boolean decided() {
        return card != null;
    }
}
