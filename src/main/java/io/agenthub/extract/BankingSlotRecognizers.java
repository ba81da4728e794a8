package io.agenthub.extract;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * NLU++ banking's thirteen slots from one text: amounts first, then times, dates and periods, then the people,
 * companies and categories named, then bare counts. A span one recogniser took is not read again by a later one
 * ("at 10" is a time, so not a count), which is why the order matters.
 */
public final class BankingSlotRecognizers implements SlotExtractor {

    private final AmountRecognizer amounts = new AmountRecognizer();
    private final TimeRecognizer times = new TimeRecognizer();
    private final DateRecognizer dates = new DateRecognizer();
    private final PartyRecognizer parties;
    private final NumberRecognizer numbers = new NumberRecognizer();

    public BankingSlotRecognizers(WordLists words) {
        this.parties = new PartyRecognizer(words);
    }

    @Override
    public List<Slot> extract(String text, LocalDateTime reference) {
        List<Slot> found = new ArrayList<>();
        amounts.find(text, found);
        List<Slot> more = new ArrayList<>();
        times.find(text, reference, more);
        dates.find(text, reference.toLocalDate(), more);
        for (Slot slot : more) {
            if (found.stream().noneMatch(slot::overlaps)) {
                found.add(slot);
            }
        }
        parties.find(text, found);
        numbers.find(text, found);
        found.sort(Comparator.comparingInt(Slot::start));
        return found;
    }
}
