package io.agenthub.flows.card;

import io.agenthub.connectors.corebanking.BlockReason;
import io.agenthub.connectors.corebanking.Card;
import io.agenthub.flows.ActionTaken;
import io.agenthub.flows.FlowResult;
import io.agenthub.flows.Outcome;
import io.agenthub.frontdoor.HubRequest;
import org.apache.camel.Variable;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decisions of the lost-or-stolen-card flow. It blocks a card only when it is clear which one:
 * the customer's only active card, or the active card whose last four digits the customer gave.
 * Blocking the wrong card would strand a customer, so an unclear request asks instead.
 */
public final class LostCardPolicy {

    private static final Pattern FOUR_DIGITS = Pattern.compile("(?<!\\d)(\\d{4})(?!\\d)");
    private static final Pattern THEFT = Pattern.compile("\\b(stole|stolen|steal\\w*|theft|thief|robbed|pickpocket\\w*|mugged)\\b",
            Pattern.CASE_INSENSITIVE);

    public CardChoice choose(@Variable("request") HubRequest request, @Variable("cards") List<Card> cards) {
        List<Card> active = cards.stream().filter(Card::active).toList();
        BlockReason reason = THEFT.matcher(request.text()).find() ? BlockReason.STOLEN : BlockReason.LOST;
        List<Card> mentioned = active.stream().filter(c -> mentions(request.text(), c.last4())).toList();
        String because = reason == BlockReason.STOLEN ? "; the request speaks of theft" : "; the request speaks of a loss";
        if (mentioned.size() == 1) {
            return new CardChoice(mentioned.get(0), reason, active,
                    "it is the active card whose last four digits the customer gave" + because);
        }
        if (active.size() == 1) {
            return new CardChoice(active.get(0), reason, active, "it is the customer's only active card" + because);
        }
        return new CardChoice(null, reason, active, active.isEmpty() ? "the customer has no active card"
                : "the customer has " + active.size() + " active cards and did not say which one");
    }

    public FlowResult blocked(@Variable("blocked") Card card) {
        return new FlowResult(Outcome.COMPLETED,
                "Your " + card.brand() + " card ending " + card.last4() + " is blocked. A replacement can be ordered in the app.",
                List.of(new ActionTaken("block-card", "card:" + card.cardId(), card.status())));
    }

    public FlowResult notBlocked(@Variable("choice") CardChoice choice) {
        if (choice.activeCards().isEmpty()) {
            return FlowResult.of(Outcome.REFERRED,
                    "We found no active card to block. A member of staff will contact you to make sure you are protected.");
        }
        return FlowResult.of(Outcome.NEEDS_INFORMATION, "You have " + choice.activeCards().size()
                + " active cards. Tell us the last four digits of the card you lost so we block the right one.");
    }

    private static boolean mentions(String text, String last4) {
        Matcher m = FOUR_DIGITS.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(last4)) {
                return true;
            }
        }
        return false;
    }
}
