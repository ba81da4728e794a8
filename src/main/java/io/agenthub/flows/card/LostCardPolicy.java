package io.agenthub.flows.card;

import io.agenthub.api.ActionTaken;
import io.agenthub.api.FlowResult;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.connectors.corebanking.BlockReason;
import io.agenthub.connectors.corebanking.Card;

import io.agenthub.actions.ProposedAction;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decisions of the lost-or-stolen-card flow. It blocks a card only when it is clear which one:
 * the active card whose last four digits (or number) the customer gave, or, when they named no card,
 * their only active card. A customer who names a card that is not one of their active cards gets no
 * block at all: substituting another card would strand them with the wrong one blocked.
 */
public final class LostCardPolicy {

    /** Reads a card number the customer gave (a token after the door) back from their vault. */
    public interface CardNumbers {
        Optional<String> reveal(HubRequest request, String token);

        CardNumbers NONE = (request, token) -> Optional.empty();
    }

    private static final Pattern FOUR_DIGITS = Pattern.compile("(?<!\\d)(\\d{4})(?!\\d)");
    private static final Pattern THEFT = Pattern.compile("\\b(stole|stolen|steal\\w*|theft|thief|robbed|pickpocket\\w*|mugged)\\b",
            Pattern.CASE_INSENSITIVE);

    private final CardNumbers cardNumbers;

    public LostCardPolicy(CardNumbers cardNumbers) {
        this.cardNumbers = cardNumbers;
    }

    public LostCardPolicy() {
        this(CardNumbers.NONE);
    }

    public CardChoice choose(HubRequest request, List<Card> cards) {
        List<Card> active = cards.stream().filter(Card::active).toList();
        BlockReason reason = THEFT.matcher(request.text()).find() ? BlockReason.STOLEN : BlockReason.LOST;
        CardReferences.Named named = CardReferences.in(request.text(), token -> cardNumbers.reveal(request, token));
        List<Card> mentioned = active.stream()
                .filter(c -> named.last4().contains(c.last4()) || mentions(request.text(), c.last4())).toList();
        String because = reason == BlockReason.STOLEN ? "; the request speaks of theft" : "; the request speaks of a loss";
        List<String> namedLast4 = named.last4().stream().sorted().toList();
        if (mentioned.size() == 1) {
            return new CardChoice(mentioned.get(0), reason, active,
                    "it is the active card whose last four digits the customer gave" + because, true, namedLast4);
        }
        if (mentioned.isEmpty() && named.any()) {
            return new CardChoice(null, reason, active, "the customer named a card ("
                    + (namedLast4.isEmpty() ? "by a number that cannot be read" : "ending " + String.join(", ", namedLast4))
                    + ") that is not one of their active cards", true, namedLast4);
        }
        if (mentioned.isEmpty() && active.size() == 1) {
            return new CardChoice(active.get(0), reason, active, "it is the customer's only active card" + because);
        }
        return new CardChoice(null, reason, active, active.isEmpty() ? "the customer has no active card"
                : "the customer has " + active.size() + " active cards and did not say which one", named.any(), namedLast4);
    }

    /**
     * The block, proposed to the action gate: {@code block-card} protects the customer, so the policy lets it run at
     * once (compliance/actions.yaml), under an idempotency key of the request and card.
     */
    public ProposedAction blockAction(CardChoice choice) {
        Card card = choice.card();
        return new ProposedAction("block-card", "card:" + card.cardId(),
                Map.of("cardId", card.cardId(), "reason", choice.reason().name()), null, null, ProposedAction.Risk.LOW,
                choice.why(), Map.of("activeCards", choice.activeCards().size(), "named", choice.named()));
    }

    public FlowResult blocked(Card card) {
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.CARD_BLOCKED, "brand", card.brand(), "last4", card.last4()),
                List.of(new ActionTaken("block-card", "card:" + card.cardId(), card.status())));
    }

    public FlowResult notBlocked(CardChoice choice) {
        if (choice.namedAnotherCard()) {
            return FlowResult.saying(Outcome.NEEDS_INFORMATION, choice.namedLast4().isEmpty()
                    ? ReplyText.of(ReplyKey.CARD_NUMBER_NOT_FOUND)
                    : ReplyText.of(ReplyKey.CARD_ENDING_NOT_FOUND, "endings",
                            new ReplyText.Joined(ReplyKey.CARD_ENDINGS_SEPARATOR, List.copyOf(choice.namedLast4()))));
        }
        if (choice.activeCards().isEmpty()) {
            return FlowResult.referred(ReplyText.of(ReplyKey.CARD_NONE_ACTIVE), "lost or stolen card: " + choice.why());
        }
        return FlowResult.saying(Outcome.NEEDS_INFORMATION, ReplyText.of(ReplyKey.CARD_WHICH_ONE, "count", choice.activeCards().size()));
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
