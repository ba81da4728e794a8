package io.agenthub.extract;

import io.agenthub.slm.LinearHead;
import io.agenthub.slm.OnnxEncoder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Tags for training, the decoding's one rule (Inside only after its own slot), and a head learnt from token states. */
class SlotTaggerTest {

    private static final WordLists WORDS = new WordLists(Set.of("to", "send", "pay"), Set.of("tesco"), Set.of("groceries"), Set.of("send", "to"));

    /** Stand-in token states: one piece per word, a fixed vector per lower-cased word, so no encoder is needed. */
    private static OnnxEncoder.TokenStates states(String text) {
        Map<String, float[]> vectors = Map.of("send", new float[] {1, 0, 0, 0}, "to", new float[] {0, 1, 0, 0},
                "pay", new float[] {1, 0, 0, 0}, "me", new float[] {0, 0, 0, 1});
        List<int[]> spans = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+").matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        float[][] states = new float[spans.size()][];
        int[] starts = new int[spans.size()];
        int[] ends = new int[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            starts[i] = spans.get(i)[0];
            ends[i] = spans.get(i)[1];
            states[i] = vectors.getOrDefault(text.substring(starts[i], ends[i]).toLowerCase(), new float[] {0, 0, 1, 0}).clone();
        }
        return new OnnxEncoder.TokenStates(states, starts, ends);
    }

    @Test
    void piecesInsideALabelledSpanAreItsBeginThenInside() {
        String text = "send 20 to guy kephart";
        int[] tags = SlotTagger.tags(states(text), List.of(new SlotTagger.GoldSpan("person_name", 11, 22)));
        int person = SlotTags.SLOTS.indexOf("person_name");
        assertThat(tags).containsExactly(SlotTags.OUTSIDE, SlotTags.OUTSIDE, SlotTags.OUTSIDE, SlotTags.begin(person), SlotTags.inside(person));
    }

    @Test
    void insideNeverFollowsAnotherSlot() {
        int date = SlotTags.SLOTS.indexOf("date");
        int time = SlotTags.SLOTS.indexOf("time");
        double[] outside = new double[SlotTags.count()];
        outside[SlotTags.OUTSIDE] = 0.9;
        double[] insideDate = new double[SlotTags.count()];
        insideDate[SlotTags.inside(date)] = 0.6;
        insideDate[SlotTags.begin(date)] = 0.3;
        double[] insideTime = new double[SlotTags.count()];
        insideTime[SlotTags.inside(time)] = 0.5;
        insideTime[SlotTags.OUTSIDE] = 0.4;
        int[] path = SlotTagger.viterbi(new double[][] {outside, insideDate, insideTime});
        assertThat(path).containsExactly(SlotTags.OUTSIDE, SlotTags.begin(date), SlotTags.OUTSIDE);
    }

    @Test
    void aHeadLearntFromTokenStatesFindsTheNameAfterTheVerb() {
        List<SlotTagger.Example> examples = new ArrayList<>();
        for (String name : List.of("anna", "bob", "carla", "dev", "emma", "farid", "gus", "hana")) {
            String text = "send to " + name;
            examples.add(new SlotTagger.Example(text, states(text), List.of(), List.of(new SlotTagger.GoldSpan("person_name", 8, text.length()))));
            String other = "send to me";
            examples.add(new SlotTagger.Example(other, states(other), List.of(), List.of()));
        }
        SlotFeatures features = new SlotFeatures(true, false);
        LinearHead head = SlotTagger.fit(examples, features, WORDS, 1e-4, 200, 0);
        SlotTagger tagger = new SlotTagger(SlotTaggerTest::states, head, features, WORDS);
        assertThat(tagger.spans("send to zoltan", List.of())).containsExactly(new TaggedSpan("person_name", 8, 14,
                tagger.spans("send to zoltan", List.of()).get(0).score()));
        assertThat(tagger.spans("send to me", List.of())).isEmpty();
    }
}
