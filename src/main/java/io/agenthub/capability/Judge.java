package io.agenthub.capability;

/**
 * Whether a tier's answer stands, and the attempt the trace keeps of it. The one thing that differs between a
 * classification and an extraction cascade: a label and a calibrated threshold ({@link LabelJudge}), or the schema and
 * the words of the request ({@code io.agenthub.extract.SlotJudge}).
 */
public interface Judge<Q, A, T> {

    /** The tier's answer, judged, with how long it took. */
    T judge(Q question, Tier<Q, A, T> tier, A answer, double latencyMs);

    /** The attempt of a tier that gave no answer: a failed call, an open breaker, text that is not JSON. */
    T failed(Tier<Q, A, T> tier, String why, double latencyMs);
}
