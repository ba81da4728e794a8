package io.agenthub.capability;

/** A model answered, but with nothing a judge could weigh (JSON that is not an object): a rejected attempt, not a failure. */
public final class NoAnswer extends Exception {

    public NoAnswer(String why) {
        super(why, null, false, false);
    }
}
