package io.agenthub.app;

import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.EncoderPool;
import io.agenthub.capability.LangChain4jLlmTiers;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The model cascades of {@code processors/*.yaml}: {@code capabilities} ({@link CapabilityRegistry}, every one of
 * them) and {@code frontDoorIntent} (the front door's classifier, {@code hub.front-door.capability}). Model versions
 * load and encoders start here, once, before the first request.
 */
final class CapabilityBeans {

    private static final Logger LOG = LoggerFactory.getLogger(CapabilityBeans.class);

    private CapabilityBeans() {
    }

    /** Returns every capability declared, classifying and extracting. */
    static List<CapabilityDeclaration> bind(Wiring hub, EncoderPool encoders) throws Exception {
        List<CapabilityDeclaration> declarations = declarations(hub);
        CapabilityRegistry capabilities = CapabilityRegistry.build(declarations, hub.models(), encoders, hub.json(),
                new LangChain4jLlmTiers(hub.json(), System::getenv));
        LOG.info("Capabilities: {}", declarations.stream().map(CapabilityDeclaration::capability).toList());
        hub.closeOnStop(capabilities);
        hub.bind("capabilities", capabilities);
        hub.bind("frontDoorIntent", capabilities.get(hub.settings().text("hub.front-door.capability", "banking77-intent")));
        return declarations;
    }

    private static List<CapabilityDeclaration> declarations(Wiring hub) throws Exception {
        List<CapabilityDeclaration> declarations = new ArrayList<>();
        for (Resource resource : PluginHelper.getPackageScanResourceResolver(hub.context())
                .findResources(hub.home().location("processors/*.yaml"))) {
            try (InputStream in = resource.getInputStream()) {
                declarations.add(CapabilityRegistry.parse(in));
            }
        }
        return declarations;
    }
}
