package io.agenthub.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every answer a client received, per key, marked with whether it came before the kill or after the restart. */
final class AnswerBook {

    enum Phase { BEFORE_KILL, AFTER_RESTART }

    record Received(Phase phase, Answer answer) {
    }

    private final Map<String, List<Received>> byKey = new ConcurrentHashMap<>();
    private volatile Phase phase = Phase.BEFORE_KILL;

    void restarted() {
        phase = Phase.AFTER_RESTART;
    }

    void record(String key, Answer answer) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>());
        List<Received> list = byKey.get(key);
        synchronized (list) {
            list.add(new Received(phase, answer));
        }
    }

    List<Received> of(String key) {
        List<Received> list = byKey.getOrDefault(key, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** The first final answer received in a phase. */
    Optional<Answer> firstFinal(String key, Phase phase) {
        return of(key).stream().filter(r -> r.phase() == phase && r.answer().isFinal()).map(Received::answer).findFirst();
    }

    Optional<Answer> lastAnswer(String key) {
        List<Received> all = of(key);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1).answer());
    }

    boolean hasFinal(String key) {
        return of(key).stream().anyMatch(r -> r.answer().isFinal());
    }

    boolean hasAny(String key) {
        return !of(key).isEmpty();
    }

    List<Answer> finals(String key) {
        return of(key).stream().map(Received::answer).filter(Answer::isFinal).toList();
    }
}
