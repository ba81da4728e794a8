package io.agenthub.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import de.kherud.llama.args.LogFormat;
import io.agenthub.capability.NoAnswer;
import io.agenthub.capability.Tier;
import io.agenthub.capability.TierDeclaration;
import io.agenthub.slm.Digests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A GGUF model the user supplies, run in this process by java-llama.cpp, its sampling held to the schema's grammar
 * ({@link SchemaGrammar}) so what it writes has the schema's shape whatever the model. Nothing leaves the process, yet
 * the prompt holds only redacted text, as for any generative tier. The model loads on the first request that reaches
 * the tier, once; a disabled tier never loads it. Like every tier, its answer is judged by the cascade.
 */
final class GgufExtractionTier implements Tier<ExtractionRequest, SlotsAnswer, ExtractionAttempt> {

    private static final Logger LOG = LoggerFactory.getLogger(GgufExtractionTier.class);

    private final String capability;
    private final TierDeclaration.Gguf declaration;
    private final TierDeclaration.GgufSettings settings;
    private final String template;
    private final String modelName;
    private final SlotSchema schema;
    private final PromptRedaction redaction;
    private final ObjectMapper json;
    private volatile LlamaModel model;
    private volatile String grammar;
    private volatile String digest;

    GgufExtractionTier(String capability, TierDeclaration.Gguf declaration, String template, SlotSchema schema,
                       PromptRedaction redaction, ObjectMapper json) {
        this.settings = declaration.gguf();
        this.capability = capability;
        this.declaration = declaration;
        this.template = template;
        this.modelName = "gguf:" + Path.of(settings.path()).getFileName();
        this.schema = schema;
        this.redaction = redaction;
        this.json = json;
    }

    @Override
    public TierDeclaration.Gguf declaration() {
        return declaration;
    }

    @Override
    public String model() {
        return modelName;
    }

    /** Of the file, the template and the grammar; null until the model has loaded. */
    @Override
    public String digest() {
        return digest;
    }

    @Override
    public SlotsAnswer answer(ExtractionRequest request, List<ExtractionAttempt> earlier) throws Exception {
        LlamaModel llama = loaded();
        PromptRedaction.Redacted redacted = redaction.redact(request.withTokens(request.text()));
        String prompt = LlmExtractionTier.prompt(template, capability, schema, request, redacted, earlier);
        InferenceParameters inference = new InferenceParameters(prompt).setGrammar(grammar).setTemperature(0f).setSeed(7)
                .setNPredict(maxTokens());
        if (settings.chatTemplate() == null || settings.chatTemplate()) {
            inference.setUseChatTemplate(true).setMessages(null, List.of(new Pair<>("user", prompt)));
        }
        String text = llama.complete(inference);
        JsonNode answer = json.readTree(request.restore(redacted.restore(text)));
        if (!(answer instanceof ObjectNode slots)) {
            throw new NoAnswer("answer is not a JSON object");
        }
        return new SlotsAnswer(slots, null);
    }

    @Override
    public String failure(Exception e) {
        return e instanceof JsonProcessingException ? "answer is not JSON (cut off at " + maxTokens() + " tokens?)"
                : "model failed: " + e.getClass().getSimpleName();
    }

    private int maxTokens() {
        return declaration.budget() != null && declaration.budget().maxOutputTokens() != null ? declaration.budget().maxOutputTokens() : 512;
    }

    /** Loads the model and its grammar on first use; a missing file is this tier's rejection, not the hub's failure. */
    private LlamaModel loaded() {
        LlamaModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    Path file = Path.of(settings.path());
                    if (!Files.isRegularFile(file)) {
                        throw new IllegalStateException("no GGUF file at " + file.toAbsolutePath());
                    }
                    // llama.cpp's own log goes to ours, at debug: it would otherwise print every prompt's timings to stderr
                    LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> LOG.debug("llama.cpp {}: {}", level, message.strip()));
                    grammar = SchemaGrammar.of(schema);
                    digest = Digests.sha256((file.toAbsolutePath() + "\n" + template + "\n" + grammar).getBytes(StandardCharsets.UTF_8));
                    loaded = new LlamaModel(new ModelParameters().setModel(file.toString())
                            .setThreads(settings.threads() == null ? 2 : settings.threads())
                            .setCtxSize(settings.contextSize() == null ? 4096 : settings.contextSize()));
                    model = loaded;
                }
            }
        }
        return loaded;
    }

    /** Frees the model's memory (the hub's shutdown). */
    void close() {
        LlamaModel loaded = model;
        if (loaded != null) {
            loaded.close();
        }
    }
}
