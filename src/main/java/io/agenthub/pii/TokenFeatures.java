package io.agenthub.pii;

import io.agenthub.slm.Features;
import io.agenthub.slm.OnnxEncoder;

import java.util.Arrays;

/**
 * What a word-piece classifier sees of each piece: its contextual vector and its neighbours' (unit
 * length each), plus the spelling the uncased encoder cannot see: capitals, digits, punctuation, and
 * where the piece sits in its line and sentence; and, when the tagger has a {@link NameGazetteer}, whether
 * the piece's word is a known first name or surname.
 */
final class TokenFeatures {

    private static final int SHAPES = 8;
    private static final int NAME_FLAGS = 2;

    private TokenFeatures() {
    }

    static float[][] of(String text, OnnxEncoder.TokenStates tokens, NameGazetteer names) {
        int n = tokens.size();
        int shapes = SHAPES + (names.isEmpty() ? 0 : NAME_FLAGS);
        float[][] unit = new float[n][];
        float[][] shape = new float[n][];
        for (int i = 0; i < n; i++) {
            unit[i] = Features.normalise(tokens.states()[i]);
            shape[i] = shape(text, tokens, i, names, shapes);
        }
        int d = n == 0 ? 0 : unit[0].length;
        float[] none = new float[d];
        float[] noShape = new float[shapes];
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] row = new float[3 * d + 3 * shapes];
            System.arraycopy(unit[i], 0, row, 0, d);
            System.arraycopy(i > 0 ? unit[i - 1] : none, 0, row, d, d);
            System.arraycopy(i + 1 < n ? unit[i + 1] : none, 0, row, 2 * d, d);
            System.arraycopy(shape[i], 0, row, 3 * d, shapes);
            System.arraycopy(i > 0 ? shape[i - 1] : noShape, 0, row, 3 * d + shapes, shapes);
            System.arraycopy(i + 1 < n ? shape[i + 1] : noShape, 0, row, 3 * d + 2 * shapes, shapes);
            rows[i] = row;
        }
        return rows;
    }

    private static float[] shape(String text, OnnxEncoder.TokenStates tokens, int i, NameGazetteer names, int shapes) {
        // The tokenizer's offsets can run past the Java string (its text is UTF-8); keep every index inside it.
        int start = Math.min(Math.max(0, tokens.starts()[i]), text.length());
        int end = Math.min(text.length(), Math.max(start, tokens.ends()[i]));
        String piece = text.substring(start, end);
        boolean letters = piece.chars().anyMatch(Character::isLetter);
        boolean continuation = i > 0 && tokens.ends()[i - 1] == start;
        int before = start - 1;
        while (before >= 0 && text.charAt(before) == ' ') {
            before--;
        }
        boolean lineStart = before < 0 || text.charAt(before) == '\n';
        boolean sentenceStart = lineStart || ".!?:".indexOf(text.charAt(before)) >= 0;
        float[] flags = {
                flag(!piece.isEmpty() && Character.isUpperCase(piece.codePointAt(0))),
                flag(letters && piece.chars().filter(Character::isLetter).allMatch(Character::isUpperCase) && piece.length() > 1),
                flag(piece.chars().anyMatch(Character::isDigit)),
                flag(!piece.isEmpty() && piece.chars().allMatch(Character::isDigit)),
                flag(!piece.isEmpty() && piece.chars().noneMatch(Character::isLetterOrDigit)),
                flag(continuation),
                flag(sentenceStart && !continuation),
                flag(lineStart && !continuation)};
        float[] shape = Arrays.copyOf(flags, shapes);
        if (shapes > SHAPES && letters) {
            int kind = names.kindOf(NameGazetteer.wordAround(text, start, end));
            shape[SHAPES] = flag(NameGazetteer.isFirst(kind));
            shape[SHAPES + 1] = flag(NameGazetteer.isLast(kind));
        }
        return shape;
    }

    private static float flag(boolean on) {
        return on ? 1f : 0f;
    }
}
