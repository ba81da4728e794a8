package io.agenthub.capability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A capability's tiers in order, cheapest first, the same for classification and extraction. A request is asked
 * of each enabled tier in turn; each answer is timed and judged here, by its tier's {@link Judge}, and kept as an
 * attempt whether or not it stands. The first accepted answer ends the run; otherwise the request moves on carrying
 * the earlier attempts, and reaching the review queue (or the end) means people decide. A tier that fails is a
 * rejected attempt with the reason its tier gives, never a failed request.
 *
 * <p>The attempts, in order, are the audit trace of the decision: this is the one place it is written.
 *
 * @param <Q> what a request asks
 * @param <A> what a tier answers, before it is judged
 * @param <T> the attempt the trace keeps
 */
public final class Cascade<Q, A, T extends Cascade.Attempt> {

    /** What the cascade needs of an attempt: whether it was accepted. */
    public interface Attempt {
        boolean accepted();
    }

    /** A tier with the judge of its answers. */
    public record Stage<Q, A, T>(Tier<Q, A, T> tier, Judge<Q, A, T> judge) {
    }

    private final List<Stage<Q, A, T>> declared;
    /** Enabled tiers before the review queue: the ones a request is asked of. */
    private final List<Stage<Q, A, T>> running;
    /** Of those, the ones that answer in this process. */
    private final List<Stage<Q, A, T>> inProcess;
    private final TierAnswers answers;

    /** @param answers where each tier's answers are counted; null counts none */
    public Cascade(List<Stage<Q, A, T>> declared, TierAnswers answers) {
        this.declared = List.copyOf(declared);
        List<Stage<Q, A, T>> run = new ArrayList<>();
        for (Stage<Q, A, T> stage : this.declared) {
            TierDeclaration tier = stage.tier().declaration();
            if (tier.kind() == TierKind.REVIEW_QUEUE) {
                break;
            }
            if (tier.isEnabled()) {
                run.add(stage);
            }
        }
        this.running = List.copyOf(run);
        this.inProcess = run.stream().filter(s -> s.tier().declaration().kind().inProcess()).toList();
        this.answers = answers;
    }

    /**
     * Asks the tiers in turn until one's answer is accepted.
     *
     * @param inProcessOnly ask only the tiers that answer in this process (what the offline commands score)
     * @return every attempt in order; the last is the accepted one when any was
     */
    public List<T> run(Q question, boolean inProcessOnly) {
        List<Stage<Q, A, T>> stages = inProcessOnly ? inProcess : running;
        List<T> attempts = new ArrayList<>(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            Stage<Q, A, T> stage = stages.get(i);
            T attempt = attempt(stage.tier(), stage.judge(), question, List.copyOf(attempts));
            attempts.add(attempt);
            if (answers != null) {
                answers.count(stage.tier().declaration().name(), attempt.accepted());
            }
            if (attempt.accepted()) {
                break;
            }
        }
        return List.copyOf(attempts);
    }

    private T attempt(Tier<Q, A, T> tier, Judge<Q, A, T> judge, Q question, List<T> earlier) {
        long started = System.nanoTime();
        A answer;
        try {
            answer = tier.answer(question, earlier);
        } catch (NoAnswer e) {
            return judge.failed(tier, e.getMessage(), millis(started));
        } catch (Exception e) {
            return judge.failed(tier, tier.failure(e), millis(started));
        }
        return judge.judge(question, tier, answer, millis(started));
    }

    private static double millis(long started) {
        return (System.nanoTime() - started) / 1e6;
    }

    /** The tiers as declared, disabled ones and the review queue included. */
    public List<Tier<Q, A, T>> tiers() {
        return declared.stream().map(Stage::tier).toList();
    }

    /** This cascade with some tiers replaced (cross-validation swaps in refitted heads); judges and order stay. */
    public Cascade<Q, A, T> withTiers(UnaryOperator<Tier<Q, A, T>> replace) {
        return new Cascade<>(declared.stream().map(s -> new Stage<>(replace.apply(s.tier()), s.judge())).toList(), answers);
    }
}
