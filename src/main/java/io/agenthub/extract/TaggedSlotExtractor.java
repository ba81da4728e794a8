package io.agenthub.extract;

import io.agenthub.slm.OnnxEncoder;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The slots of a text with the tagger deciding where they are and the recognisers what they mean: the recognisers
 * read the text first (their reading is what resolves values, and a feature of the tagger with hints); the tagger's
 * spans get their values ({@link SlotValues}); for the slots in {@code keepRules} the recognisers' own readings stand
 * instead of the tagger's (an amount with its currency sign is read more surely by a pattern than by a tagger).
 */
public final class TaggedSlotExtractor implements SlotExtractor {

    private final SlotExtractor recognizers;
    private final SlotTagger tagger;
    private final SlotValues values = new SlotValues();
    private final Set<String> keepRules;

    public TaggedSlotExtractor(SlotExtractor recognizers, SlotTagger tagger, Set<String> keepRules) {
        this.recognizers = recognizers;
        this.tagger = tagger;
        this.keepRules = Set.copyOf(keepRules);
    }

    @Override
    public List<Slot> extract(String text, LocalDateTime reference) {
        List<Slot> rules = recognizers.extract(text, reference);
        return combine(text, reference, rules, tagger.spans(text, rules));
    }

    /** The same from token states already computed (cross-validation). */
    public List<Slot> extract(String text, LocalDateTime reference, OnnxEncoder.TokenStates states) {
        return extract(text, reference, states, recognizers.extract(text, reference));
    }

    /** The same with the recognisers' reading given: cross-validation's stress test hands a degraded one. */
    public List<Slot> extract(String text, LocalDateTime reference, OnnxEncoder.TokenStates states, List<Slot> rules) {
        return combine(text, reference, rules, tagger.spans(text, states, rules));
    }

    private List<Slot> combine(String text, LocalDateTime reference, List<Slot> rules, List<TaggedSpan> spans) {
        List<Slot> kept = rules.stream().filter(s -> keepRules.contains(s.name())).toList();
        List<Slot> found = new ArrayList<>(kept);
        for (TaggedSpan span : spans) {
            if (keepRules.contains(span.name()) && kept.stream().anyMatch(k -> k.name().equals(span.name()))) {
                continue;
            }
            values.resolve(span, text, reference, rules)
                    .filter(slot -> found.stream().noneMatch(slot::overlaps))
                    .ifPresent(found::add);
        }
        found.sort(Comparator.comparingInt(Slot::start));
        return found;
    }
}
