package io.agenthub.cli;

import io.agenthub.app.JsonMapper;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.DeclarationReader;
import io.agenthub.capability.EncoderPool;
import io.agenthub.capability.LangChain4jLlmTiers;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.IntentModel;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The capability registry as the command line sees it: declarations from a processors folder and
 * model versions from a models folder on disk. Commands run the in-process tiers only.
 */
final class LocalCapabilities {

    private LocalCapabilities() {
    }

    /** {@code processors/<capability>.yaml}, parsed; a clear error when there is none. */
    static CapabilityDeclaration declaration(Path processorsDir, String capability) throws IOException {
        Path file = processorsDir.resolve(capability + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no capability declaration " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return DeclarationReader.read(file.toString(), in);
        }
    }

    static CapabilityRegistry load(Path processorsDir, Path modelsDir, String capability) throws IOException {
        return CapabilityRegistry.build(List.of(declaration(processorsDir, capability)),
                (cap, version) -> IntentModel.VersionFiles.in(modelsDir.resolve(cap).resolve(version)),
                new EncoderPool(new EncoderCatalog(), 32, 0), JsonMapper.create(),
                llmTiers());
    }

    /** LLM tiers as a command runs them: keys from the environment, breakers of this process only. */
    static LangChain4jLlmTiers llmTiers() {
        return new LangChain4jLlmTiers(System::getenv, CircuitBreakerRegistry.ofDefaults());
    }
}
