package io.agenthub.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every recogniser over a text and keeps, where candidates overlap, the most confident (then the
 * longest): one answer per stretch of text, in text order.
 */
public final class PiiDetector {

    private static final Comparator<PiiSpan> STRONGEST_FIRST = Comparator.comparingDouble(PiiSpan::score).reversed()
            .thenComparing(Comparator.comparingInt(PiiSpan::length).reversed())
            .thenComparingInt(PiiSpan::start);

    private final List<Recognizer> recognizers;
    private final double minScore;

    public PiiDetector(List<Recognizer> recognizers, double minScore) {
        this.recognizers = List.copyOf(recognizers);
        this.minScore = minScore;
    }

    public List<PiiSpan> detect(String text) {
        List<PiiSpan> candidates = new ArrayList<>();
        for (Recognizer recognizer : recognizers) {
            recognizer.find(text, candidates);
        }
        candidates.sort(STRONGEST_FIRST);
        List<PiiSpan> kept = new ArrayList<>();
        for (PiiSpan candidate : candidates) {
            if (candidate.score() >= minScore && kept.stream().noneMatch(candidate::overlaps)) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(PiiSpan::start));
        return kept;
    }
}
