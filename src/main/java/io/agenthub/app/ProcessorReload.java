package io.agenthub.app;

import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.DeclarationReader;
import io.agenthub.extract.ExtractionRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceReload;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code run --reload} for {@code processors/*.yaml}: a changed file is read and its capability's cascade rebuilt
 * (thresholds, tiers, models), then swapped in at once; requests already inside the old one finish with it. A file
 * that cannot be read or built is refused, its error logged, and the running version stays. Camel's file watcher
 * ({@link FileWatcherResourceReloadStrategy}) calls this, as its route watcher reloads routes/.
 *
 * <p>Only the capabilities the hub started with are reloaded: routes bind them at start, so a new capability, or a
 * file that now declares another one, waits for a restart.
 */
final class ProcessorReload implements ResourceReload {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorReload.class);

    private final CapabilityRegistry classifiers;
    private final ExtractionRegistry extractors;
    /** What each file declared at start: file name → declaration. */
    private final Map<String, CapabilityDeclaration> started;

    ProcessorReload(CapabilityRegistry classifiers, ExtractionRegistry extractors, Map<String, CapabilityDeclaration> started) {
        this.classifiers = classifiers;
        this.extractors = extractors;
        this.started = Map.copyOf(started);
    }

    /** Watches {@code folder} with Camel's file watcher, as Camel's route reloading watches routes/. */
    static void watch(CamelContext context, Path folder, ProcessorReload reload) throws Exception {
        FileWatcherResourceReloadStrategy watcher = new FileWatcherResourceReloadStrategy(folder.toString());
        watcher.setFileFilter(file -> file.getName().endsWith(".yaml"));
        watcher.setResourceReload(reload);
        context.addService(watcher, true, false);
    }

    @Override
    public void onReload(String name, Resource resource) {
        String file = "processors/" + name.substring(name.replace('\\', '/').lastIndexOf('/') + 1);
        if (!resource.exists()) {
            LOG.warn("{} was removed; its capability keeps running as it was until the hub restarts", file);
            return;
        }
        try (InputStream in = resource.getInputStream()) {
            CapabilityDeclaration declaration = apply(file, in);
            LOG.info("{} reloaded: capability {} now runs tiers {}", file, declaration.capability(),
                    declaration.tiers().stream().map(t -> t.name() + (t.isEnabled() ? "" : " (off)")).toList());
        } catch (IOException | RuntimeException e) {
            // the message names the tier and the field; it holds configuration, never request data
            String why = String.valueOf(e.getMessage());
            LOG.error("{} refused, the running version stays: {}", file, why.startsWith(file + ": ") ? why.substring(file.length() + 2) : why);
        }
    }

    /**
     * Reads {@code yaml} as the new version of {@code file} and swaps its capability's cascade.
     *
     * @throws IllegalArgumentException when the file is not a valid declaration (the message says where), cannot replace
     *                                  what runs, or cannot be built (a model version that is not there)
     */
    CapabilityDeclaration apply(String file, InputStream yaml) throws IOException {
        CapabilityDeclaration declaration = DeclarationReader.read(file, yaml);
        String fileName = file.substring(file.lastIndexOf('/') + 1);
        CapabilityDeclaration before = started.get(fileName);
        if (before == null) {
            throw new IllegalArgumentException("not a capability this hub runs (a new file, or a classifier other than"
                    + " the front door's); restart the hub to run it");
        }
        if (!before.capability().equals(declaration.capability())) {
            throw new IllegalArgumentException("declares capability " + declaration.capability() + " but ran "
                    + before.capability() + "; a renamed capability needs a restart");
        }
        if (before.task() != declaration.task()) {
            throw new IllegalArgumentException("changes task to " + declaration.task().name().toLowerCase()
                    + "; a capability that changes task needs a restart");
        }
        if (declaration.task() == CapabilityDeclaration.Task.CLASSIFY) {
            classifiers.replace(declaration);
        } else {
            extractors.replace(declaration);
        }
        return declaration;
    }
}
