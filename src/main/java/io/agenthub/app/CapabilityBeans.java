package io.agenthub.app;

import io.agenthub.capability.CapabilityCascade;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.DeclarationReader;
import io.agenthub.capability.EncoderPool;
import io.agenthub.capability.LangChain4jLlmTiers;
import io.agenthub.extract.ExtractionRegistry;
import io.agenthub.intent.TenantCapabilities;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model cascades of {@code processors/*.yaml}: {@code capabilities} ({@link CapabilityRegistry}, every one of
 * them), {@code frontDoorCapabilityCascade} (the hub's front-door classifier, {@code hub.front-door.capability}) and
 * {@code frontDoorCapabilities} ({@link TenantCapabilities}: each tenant's, from compliance/tenants.yaml). Model versions
 * load and encoders start here, once, before the first request; with {@code run --reload} a changed file is read
 * again ({@link ProcessorReload}).
 */
final class CapabilityBeans {

    private static final Logger LOG = LoggerFactory.getLogger(CapabilityBeans.class);

    /** What processors/ declares, by file name, the classifying cascades built from it, and the front door's. */
    record Capabilities(Map<String, CapabilityDeclaration> files, CapabilityRegistry registry, CapabilityCascade frontDoor,
                        TenantCapabilities byTenant) {

        List<CapabilityDeclaration> declarations() {
            return List.copyOf(files.values());
        }
    }

    private CapabilityBeans() {
    }

    static Capabilities bind(Wiring hub, EncoderPool encoders, LangChain4jLlmTiers llms) throws Exception {
        String frontDoor = hub.settings().text("hub.front-door.capability", "banking77-intent");
        Map<String, CapabilityDeclaration> files = declarations(hub);
        Map<String, CapabilityDeclaration> byId = new LinkedHashMap<>();
        files.values().forEach(declaration -> byId.put(declaration.capability(), declaration));
        // A tenant naming a capability processors/ does not declare stops the start here, naming tenant and capability.
        Set<String> frontDoors = TenantCapabilities.needed(hub.tenants().all(), frontDoor, byId);
        Map<String, CapabilityDeclaration> served = served(files, frontDoors);
        List<CapabilityDeclaration> declarations = List.copyOf(served.values());
        CapabilityRegistry capabilities = CapabilityRegistry.build(declarations, hub.models(), encoders, hub.json(), llms);
        LOG.info("Capabilities: {}", declarations.stream().map(CapabilityDeclaration::capability).toList());
        hub.closeOnStop(capabilities);
        hub.bind("capabilities", capabilities);
        hub.bind("frontDoorCapabilityCascade", capabilities.get(frontDoor));
        TenantCapabilities byTenant = TenantCapabilities.of(hub.tenants().all(), frontDoor, capabilities::get);
        hub.bind("frontDoorCapabilities", byTenant);
        hub.tenants().all().forEach(tenant -> LOG.info("Front door of tenant {}: {}", tenant.id(), tenant.capabilityOr(frontDoor)));
        return new Capabilities(served, capabilities, capabilities.get(frontDoor), byTenant);
    }

    /**
     * The declarations the hub loads: every extraction capability (flows call them), and of the classifying ones
     * only the front doors' (the hub's and its tenants'), the only ones a route reaches. Each classifier loads its encoders and heads, and
     * clinc150-intent's two encoders alone held about 1 GB resident; the others stay in processors/ for the
     * command line (eval, predict, bench), and every file was read, so a broken one still stops the start.
     */
    private static Map<String, CapabilityDeclaration> served(Map<String, CapabilityDeclaration> files, Set<String> frontDoors) {
        Map<String, CapabilityDeclaration> served = new LinkedHashMap<>();
        files.forEach((file, declaration) -> {
            if (declaration.task() != CapabilityDeclaration.Task.CLASSIFY || frontDoors.contains(declaration.capability())) {
                served.put(file, declaration);
            }
        });
        return served;
    }

    /** {@code run --reload} (which switches on Camel's route reloading) reloads processors/ too. */
    static void reloadOnChange(Wiring hub, Capabilities capabilities, ExtractionRegistry extractions) throws Exception {
        if (hub.reloading()) {
            ProcessorReload.watch(hub.context(), hub.home().dir().resolve("processors"),
                    new ProcessorReload(capabilities.registry(), extractions, capabilities.files()));
        }
    }

    /**
     * Every capability declared in {@code processors/*.yaml}, classifying and extracting, by file name. A file with a
     * mistake stops the hub here, its message naming the file, the tier and the field.
     */
    private static Map<String, CapabilityDeclaration> declarations(Wiring hub) throws Exception {
        Map<String, CapabilityDeclaration> declarations = new LinkedHashMap<>();
        for (Resource resource : PluginHelper.getPackageScanResourceResolver(hub.context())
                .findResources(hub.home().location("processors/*.yaml"))) {
            String file = resource.getLocation().substring(resource.getLocation().lastIndexOf('/') + 1);
            try (InputStream in = resource.getInputStream()) {
                declarations.put(file, DeclarationReader.read("processors/" + file, in));
            }
        }
        return declarations;
    }
}
