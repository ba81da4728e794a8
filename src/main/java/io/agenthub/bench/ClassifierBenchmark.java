package io.agenthub.bench;

import dev.langchain4j.classification.EmbeddingModelTextClassifier;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.agenthub.capability.BatchScorer;
import io.agenthub.capability.CapabilityCascade;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.capability.CascadeCrossValidation;
import io.agenthub.slm.Encoder;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.Features;
import io.agenthub.slm.LabelledData;
import io.agenthub.slm.LinearHead;
import io.agenthub.slm.SoftmaxRegression;
import io.agenthub.slm.Softmax;
import io.agenthub.slm.StratifiedFolds;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * This hub's head next to its peers on one split of the same data: LangChain4j's
 * {@code EmbeddingModelTextClassifier} (same MiniLM encoder, nearest examples) and OpenNLP's
 * {@code DocumentCategorizerME} (maximum entropy on bag of words). One table: accuracy, single-request
 * latency p50/p99, throughput, and resident memory added by each.
 */
public final class ClassifierBenchmark {

    /** One classifier's row. */
    public record Row(String name, double accuracy, LatencyStats single, double throughputPerSecond, long memoryBytes,
                      double trainSeconds) {
    }

    private static final int WARMUP_REQUESTS = 300;

    private final PrintStream out;
    private final int latencyRequests;
    private final int throughputThreads;

    public ClassifierBenchmark(PrintStream out, int latencyRequests, int throughputThreads) {
        this.out = out;
        this.latencyRequests = latencyRequests;
        this.throughputThreads = throughputThreads;
    }

    /**
     * @param cascade a capability's cascade as declared in processors/, or null; its heads are refitted on
     *                the training split, so it is scored on examples it never saw like the others
     */
    public List<Row> run(Path data, int testFold, int folds, long seed, List<String> encoderIds, CapabilityCascade cascade)
            throws Exception {
        LabelledData labelled = LabelledData.read(List.of(data));
        List<String> labels = labelled.labels();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int[] y = labelled.examples().stream().mapToInt(e -> index.get(e.label())).toArray();
        int[] fold = StratifiedFolds.assign(y, labels.size(), folds, seed);
        List<LabelledData.Example> train = new ArrayList<>();
        List<LabelledData.Example> test = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            (fold[i] == testFold ? test : train).add(labelled.examples().get(i));
        }
        out.printf("%s: %d training and %d test examples (fold %d of %d, seed %d), %d labels%n%n",
                data, train.size(), test.size(), testFold, folds, seed, labels.size());
        List<String> testTexts = test.stream().map(LabelledData.Example::text).toList();
        List<String> testLabels = test.stream().map(LabelledData.Example::label).toList();

        List<Row> rows = new ArrayList<>();
        rows.add(hubHead(train, testTexts, testLabels, labels, index, encoderIds));
        if (cascade != null) {
            rows.add(hubCascade(cascade, train, testTexts, testLabels));
        }
        rows.add(langChain4j(train, testTexts, testLabels));
        rows.add(openNlp(train, testTexts, testLabels));
        print(rows);
        return rows;
    }

    private Row hubHead(List<LabelledData.Example> train, List<String> testTexts, List<String> testLabels,
                        List<String> labels, Map<String, Integer> index, List<String> encoderIds) {
        long before = ProcessMemory.residentBytes();
        long started = System.nanoTime();
        EncoderCatalog catalog = new EncoderCatalog();
        List<Encoder> encoders = encoderIds.stream().map(catalog::get).toList();
        float[][] x = Features.of(encoders, train.stream().map(LabelledData.Example::text).toList(), done -> { });
        int[] y = train.stream().mapToInt(e -> index.get(e.label())).toArray();
        LinearHead head = new SoftmaxRegression(Double.parseDouble(SoftmaxRegression.DEFAULT_L2),
                Integer.parseInt(SoftmaxRegression.DEFAULT_ITERATIONS)).fit(x, y, labels.size());
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        Function<String, String> single = text -> {
            List<float[]> parts = encoders.stream().map(e -> e.embed(List.of(text))[0]).toList();
            return labels.get(Softmax.argmax(head.logits(Features.concat(parts))));
        };
        long memory = ProcessMemory.residentBytes() - before;
        double accuracy;
        double throughput;
        long t0 = System.nanoTime();
        float[][] testX = Features.of(encoders, testTexts, done -> { });
        int correct = 0;
        for (int i = 0; i < testX.length; i++) {
            correct += labels.get(Softmax.argmax(head.logits(testX[i]))).equals(testLabels.get(i)) ? 1 : 0;
        }
        throughput = testX.length / ((System.nanoTime() - t0) / 1e9);
        accuracy = (double) correct / testX.length;
        LatencyStats latency = singleLatency(single, testTexts);
        catalog.close();
        return new Row("agent-hub head (" + String.join("+", encoderIds) + ", softmax regression), batches of 64",
                accuracy, latency, throughput, memory, trainSeconds);
    }

    private Row hubCascade(CapabilityCascade declared, List<LabelledData.Example> train, List<String> testTexts,
                           List<String> testLabels) {
        long before = ProcessMemory.residentBytes();
        long started = System.nanoTime();
        CapabilityCascade cascade = CascadeCrossValidation.refit(declared,
                train.stream().map(LabelledData.Example::text).toList(),
                train.stream().map(LabelledData.Example::label).toList(), new PrintStream(OutputStream.nullOutputStream()));
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        long memory = ProcessMemory.residentBytes() - before;
        long t0 = System.nanoTime();
        List<CascadeAnswer> answers = BatchScorer.scoreAll(cascade, testTexts, 32);
        double throughput = testTexts.size() / ((System.nanoTime() - t0) / 1e9);
        int correct = 0;
        int escalated = 0;
        int answeredCorrect = 0;
        for (int i = 0; i < answers.size(); i++) {
            boolean right = testLabels.get(i).equals(answers.get(i).label());
            correct += right ? 1 : 0;
            escalated += answers.get(i).escalated() ? 1 : 0;
            answeredCorrect += right && !answers.get(i).escalated() ? 1 : 0;
        }
        LatencyStats latency = singleLatency(text -> cascade.classifyInProcess(text).label(), testTexts);
        int answered = answers.size() - escalated;
        out.printf("cascade %s: %.1f%% escalated, accuracy %.4f on the rest%n", declared.capability(),
                100.0 * escalated / answers.size(), answered == 0 ? 0 : (double) answeredCorrect / answered);
        String tiers = String.join(" -> ", declared.inProcessModels().stream()
                .map(t -> t.tier() + " " + t.ensemble().id().replaceFirst(".*@", "")).toList());
        return new Row("agent-hub cascade " + declared.capability() + " (" + tiers + "), 32 callers",
                (double) correct / answers.size(), latency, throughput, memory, trainSeconds);
    }

    private Row langChain4j(List<LabelledData.Example> train, List<String> testTexts, List<String> testLabels) throws Exception {
        long before = ProcessMemory.residentBytes();
        long started = System.nanoTime();
        Map<String, List<String>> examples = new LinkedHashMap<>();
        train.forEach(e -> examples.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e.text()));
        EmbeddingModelTextClassifier<String> classifier =
                new EmbeddingModelTextClassifier<>(new AllMiniLmL6V2EmbeddingModel(), examples);
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        long memory = ProcessMemory.residentBytes() - before;
        Function<String, String> single = text -> {
            List<String> result = classifier.classify(text);
            return result.isEmpty() ? null : result.get(0);
        };
        return concurrentRow("LangChain4j EmbeddingModelTextClassifier (all-minilm-l6-v2), " + throughputThreads + " threads",
                single, testTexts, testLabels, memory, trainSeconds);
    }

    private Row openNlp(List<LabelledData.Example> train, List<String> testTexts, List<String> testLabels) throws Exception {
        long before = ProcessMemory.residentBytes();
        long started = System.nanoTime();
        List<DocumentSample> samples = train.stream()
                .map(e -> new DocumentSample(e.label(), tokens(e.text()))).toList();
        TrainingParameters parameters = TrainingParameters.defaultParams();
        parameters.put(TrainingParameters.CUTOFF_PARAM, 1);
        parameters.put(TrainingParameters.ITERATIONS_PARAM, 200);
        DoccatModel model = DocumentCategorizerME.train("en", new CollectionObjectStream<>(samples), parameters,
                new DoccatFactory());
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        long memory = ProcessMemory.residentBytes() - before;
        ThreadLocal<DocumentCategorizerME> categorizer = ThreadLocal.withInitial(() -> new DocumentCategorizerME(model));
        Function<String, String> single = text -> {
            DocumentCategorizerME me = categorizer.get();
            return me.getBestCategory(me.categorize(tokens(text)));
        };
        return concurrentRow("OpenNLP DocumentCategorizerME (maxent, bag of words), " + throughputThreads + " threads",
                single, testTexts, testLabels, memory, trainSeconds);
    }

    private Row concurrentRow(String name, Function<String, String> classify, List<String> texts, List<String> truth,
                              long memory, double trainSeconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(throughputThreads);
        try {
            long t0 = System.nanoTime();
            List<Future<String>> answers = new ArrayList<>();
            for (String text : texts) {
                answers.add(pool.submit(() -> classify.apply(text)));
            }
            int correct = 0;
            for (int i = 0; i < texts.size(); i++) {
                correct += truth.get(i).equals(answers.get(i).get()) ? 1 : 0;
            }
            double throughput = texts.size() / ((System.nanoTime() - t0) / 1e9);
            return new Row(name, (double) correct / texts.size(), singleLatency(classify, texts), throughput, memory,
                    trainSeconds);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One request at a time, after a warm-up, as a lone caller sees it. The warm-up is long enough for a
     * cascade's later tiers, which only a quarter of requests reach, to be compiled too.
     */
    private LatencyStats singleLatency(Function<String, String> classify, List<String> texts) {
        for (int i = 0; i < WARMUP_REQUESTS; i++) {
            classify.apply(texts.get(texts.size() - 1 - i % texts.size()));
        }
        long[] nanos = new long[Math.min(latencyRequests, texts.size())];
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            classify.apply(texts.get(i));
            nanos[i] = System.nanoTime() - t;
        }
        return LatencyStats.ofNanos(nanos);
    }

    private static String[] tokens(String text) {
        return SimpleTokenizer.INSTANCE.tokenize(text.toLowerCase(Locale.ROOT));
    }

    private void print(List<Row> rows) {
        out.printf("| %-78s | %8s | %8s | %8s | %12s | %9s | %8s |%n", "classifier", "accuracy", "p50 ms", "p99 ms",
                "throughput/s", "memory MB", "train s");
        out.printf("|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(80), "-".repeat(10), "-".repeat(10), "-".repeat(10),
                "-".repeat(14), "-".repeat(11), "-".repeat(10));
        for (Row r : rows) {
            out.printf("| %-78s | %8.4f | %8.2f | %8.2f | %12.1f | %9.0f | %8.1f |%n", r.name(), r.accuracy(),
                    r.single().p50(), r.single().p99(), r.throughputPerSecond(), r.memoryBytes() / 1e6, r.trainSeconds());
        }
    }
}
