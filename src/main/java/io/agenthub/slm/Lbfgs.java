package io.agenthub.slm;

import java.util.ArrayList;
import java.util.List;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search: the standard optimiser for smooth convex
 * problems like multinomial logistic regression, small enough to own rather than pull in a library.
 */
final class Lbfgs {

    /** Returns f(x) and writes its gradient into {@code gradient}. */
    interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    private record Correction(double[] s, double[] y, double rho) {
    }

    private final int memory;
    private final int maxIterations;
    private final double tolerance;

    Lbfgs(int memory, int maxIterations, double tolerance) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** Minimises from {@code x} in place; returns the number of iterations taken. */
    int minimise(Objective f, double[] x) {
        int n = x.length;
        List<Correction> history = new ArrayList<>(memory);
        double[] gradient = new double[n];
        double value = f.evaluate(x, gradient);
        double[] nextX = new double[n];
        double[] nextGradient = new double[n];
        int iteration = 0;
        while (iteration < maxIterations && norm(gradient) > tolerance) {
            iteration++;
            double[] direction = searchDirection(gradient, history);
            double slope = dot(gradient, direction);
            if (slope >= 0) {
                history.clear();
                direction = negated(gradient);
                slope = dot(gradient, direction);
            }
            double step = history.isEmpty() ? Math.min(1.0, 1.0 / norm(gradient)) : 1.0;
            double nextValue = value;
            for (int tries = 0; tries < 40; tries++) {
                for (int j = 0; j < n; j++) {
                    nextX[j] = x[j] + step * direction[j];
                }
                nextValue = f.evaluate(nextX, nextGradient);
                if (nextValue <= value + 1e-4 * step * slope) {
                    break;
                }
                step *= 0.5;
            }
            if (nextValue > value) {
                break; // no progress possible along any tried step: at the optimum within precision
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int j = 0; j < n; j++) {
                s[j] = nextX[j] - x[j];
                y[j] = nextGradient[j] - gradient[j];
            }
            double sy = dot(s, y);
            if (sy > 1e-12) {
                if (history.size() == memory) {
                    history.remove(0);
                }
                history.add(new Correction(s, y, 1.0 / sy));
            }
            double improvement = value - nextValue;
            System.arraycopy(nextX, 0, x, 0, n);
            System.arraycopy(nextGradient, 0, gradient, 0, n);
            value = nextValue;
            if (improvement < tolerance * Math.max(1.0, Math.abs(value))) {
                break;
            }
        }
        return iteration;
    }

    /** The two-loop recursion: an approximation of -H⁻¹ g from the stored corrections. */
    private static double[] searchDirection(double[] gradient, List<Correction> history) {
        double[] q = gradient.clone();
        double[] alpha = new double[history.size()];
        for (int i = history.size() - 1; i >= 0; i--) {
            Correction c = history.get(i);
            alpha[i] = c.rho() * dot(c.s(), q);
            axpy(-alpha[i], c.y(), q);
        }
        if (!history.isEmpty()) {
            Correction last = history.get(history.size() - 1);
            double gamma = dot(last.s(), last.y()) / dot(last.y(), last.y());
            for (int j = 0; j < q.length; j++) {
                q[j] *= gamma;
            }
        }
        for (int i = 0; i < history.size(); i++) {
            Correction c = history.get(i);
            double beta = c.rho() * dot(c.y(), q);
            axpy(alpha[i] - beta, c.s(), q);
        }
        return negated(q);
    }

    private static double[] negated(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }
}
