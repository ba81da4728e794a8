package io.agenthub.slm;

/**
 * A head that can say how like its training examples a request is, not only which class fits best: an
 * out-of-scope rule rejects requests below a minimum familiarity, whatever the class probabilities say.
 */
public interface Familiar {

    /**
     * Higher is more familiar; the scale is the head's own (a threshold is tuned per head).
     *
     * @param excludedClass a class whose examples do not count (the out-of-scope class), or -1
     */
    double familiarity(float[] features, int excludedClass);
}
