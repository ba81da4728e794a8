package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agenthub.app.HubHome;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.DeclarationReader;
import io.agenthub.compliance.ProcessingRecord;
import io.agenthub.compliance.RetentionPolicy;
import io.agenthub.connectors.ConnectorSettings;
import io.agenthub.intent.FlowDirectory;
import io.agenthub.pii.PiiSettings;
import io.agenthub.tenants.TenantDirectory;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "compliance", mixinStandardHelpOptions = true,
        description = "Documents generated from what the hub runs.",
        subcommands = {ComplianceCommand.Record.class})
final class ComplianceCommand {

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Write the record of processing activities (GDPR Art. 30) as Markdown, generated from the hub's",
                    "routes, capabilities, connectors, tenants, personal-data treatments and retention periods."})
    static final class Record implements Callable<Integer> {
        @Option(names = "--home", paramLabel = "DIR",
                description = "The hub's folder (routes/, processors/, ...). Default: the working directory, else the bundled copies.")
        Path home;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: standard output).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            HubHome hub = HubHome.resolve(home);
            try (CamelContext context = new DefaultCamelContext(false)) {
                context.build();
                CommandOutput.write(spec, out, ProcessingRecord.markdown(new Sources(context, hub).read(), Instant.now()));
            }
            return 0;
        }
    }

    /** Reads the hub's folders, on disk or bundled, as the running hub reads them. */
    private record Sources(CamelContext context, HubHome home) {

        ProcessingRecord.Sources read() throws Exception {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            List<ProcessingRecord.RouteEntry> routes = new ArrayList<>();
            for (Resource file : sorted(find("routes/*.camel.yaml"))) {
                String name = file.getLocation().substring(file.getLocation().lastIndexOf('/') + 1);
                String leadingComment;
                JsonNode items;
                try (InputStream in = file.getInputStream()) {
                    byte[] bytes = in.readAllBytes();
                    leadingComment = leadingComment(bytes);
                    items = yaml.readTree(bytes);
                }
                for (JsonNode item : items) {
                    JsonNode route = item.get("route");
                    if (route != null) {
                        String description = route.path("description").asText("");
                        routes.add(new ProcessingRecord.RouteEntry(name, route.path("id").asText(),
                                route.path("from").path("uri").asText(), description.isBlank() ? leadingComment : description));
                    }
                }
            }
            List<CapabilityDeclaration> capabilities = new ArrayList<>();
            for (Resource file : sorted(find("processors/*.yaml"))) {
                try (InputStream in = file.getInputStream()) {
                    capabilities.add(DeclarationReader.read("processors/" + file.getLocation().substring(file.getLocation().lastIndexOf('/') + 1), in));
                }
            }
            List<ProcessingRecord.ConnectorEntry> connectors = new ArrayList<>();
            for (Resource file : sorted(find("connectors/*.properties"))) {
                String name = file.getLocation().substring(file.getLocation().lastIndexOf('/') + 1).replace(".properties", "");
                Properties properties = new Properties();
                try (InputStream in = file.getInputStream()) {
                    properties.load(in);
                }
                String prefix = "connectors." + name + ".";
                // A database connector (connectors/back-office.properties) names its data source instead of a URL.
                String dataSource = properties.getProperty(prefix + "data-source");
                String where = properties.getProperty(prefix + "base-url",
                        dataSource == null ? "?" : "JDBC data source " + dataSource);
                connectors.add(new ProcessingRecord.ConnectorEntry(name, where,
                        ConnectorSettings.types(properties.getProperty(prefix + "reidentify", ""), prefix + "reidentify")));
            }
            FlowDirectory flows;
            TenantDirectory tenants;
            PiiSettings pii;
            RetentionPolicy retention;
            try (InputStream f = open("routes/intent-flows.yaml"); InputStream t = open("compliance/tenants.yaml");
                 InputStream p = open("compliance/pii.yaml"); InputStream r = open("compliance/retention.yaml")) {
                flows = FlowDirectory.fromYaml(f);
                tenants = TenantDirectory.fromYaml(t);
                pii = PiiSettings.read(p);
                retention = RetentionPolicy.read(r);
            }
            return new ProcessingRecord.Sources(home.toString(), tenants.all(), routes, capabilities, flows.flows(),
                    flows.fallback(), connectors, pii, retention);
        }

        private List<Resource> find(String pattern) throws Exception {
            return new ArrayList<>(PluginHelper.getPackageScanResourceResolver(context).findResources(home.location(pattern)));
        }

        private InputStream open(String relative) throws IOException {
            return ResourceHelper.resolveMandatoryResourceAsInputStream(context, home.location(relative));
        }

        private static List<Resource> sorted(List<Resource> resources) {
            resources.sort(Comparator.comparing(Resource::getLocation));
            return resources;
        }

        /** A route file's opening comment, the integrator's own words for what its routes are for. */
        private static String leadingComment(byte[] bytes) throws IOException {
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null && line.startsWith("#"); line = reader.readLine()) {
                    lines.add(line.substring(1).strip());
                }
            }
            return String.join(" ", lines).strip();
        }
    }
}
