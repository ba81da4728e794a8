package io.agenthub.collections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collections messages of {@code models/outreach/<version>/collections.yaml}: a template per bucket and the
 * offers, filled with the account's figures. Every variable a template uses is checked at start.
 */
public final class OutreachTemplates {

    /** A message ready to send: its words, and which template of which version gave them. */
    public record OutreachMessage(String template, String version, String text) {
    }

    record TemplateFile(String version, Map<String, String> templates, Map<String, String> offers) {
    }

    static final Set<String> VARIABLES = Set.of("accountId", "product", "amountDue", "currency", "dueDate", "daysPastDue");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z]+)}");

    private final TemplateFile file;

    private OutreachTemplates(TemplateFile file) {
        this.file = file;
    }

    /** Reads the file and checks it covers every bucket of the rules. */
    public static OutreachTemplates read(InputStream yaml, List<String> buckets) throws IOException {
        TemplateFile file;
        try {
            file = JsonMapper.builder(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build().readValue(yaml, TemplateFile.class);
        } catch (JsonProcessingException e) {
            throw new IOException("outreach templates: " + e.getOriginalMessage(), e);
        }
        if (file == null || file.version() == null || file.templates() == null) {
            throw new IOException("outreach templates: give version and templates");
        }
        for (String bucket : buckets) {
            if (!bucket.equals(CollectionsRules.OVER) && !file.templates().containsKey("collections-" + bucket)) {
                throw new IOException("outreach templates " + file.version() + ": no template collections-" + bucket);
            }
        }
        Map<String, String> offers = file.offers() == null ? Map.of() : file.offers();
        for (String offer : CollectionsRules.OFFERS) {
            if (!offers.containsKey(offer)) {
                throw new IOException("outreach templates " + file.version() + ": no offer " + offer);
            }
        }
        for (Map.Entry<String, String> entry : file.templates().entrySet()) {
            checkVariables(file.version(), entry.getKey(), entry.getValue());
        }
        for (Map.Entry<String, String> entry : offers.entrySet()) {
            checkVariables(file.version(), entry.getKey(), entry.getValue());
        }
        return new OutreachTemplates(new TemplateFile(file.version(), Map.copyOf(file.templates()), Map.copyOf(offers)));
    }

    private static void checkVariables(String version, String name, String text) throws IOException {
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            if (!VARIABLES.contains(matcher.group(1))) {
                throw new IOException("outreach templates " + version + ", " + name + ": unknown variable ${"
                        + matcher.group(1) + "}; known: " + VARIABLES);
            }
        }
    }

    public String version() {
        return file.version();
    }

    /** The message of a plan that contacts, for this account. */
    public OutreachMessage render(ContactPlan plan, DueAccount account) {
        String template = file.templates().get(plan.template());
        if (template == null) {
            throw new IllegalStateException("no outreach template " + plan.template() + " in " + file.version());
        }
        Map<String, String> values = Map.of(
                "accountId", account.accountId(),
                "product", account.product().toLowerCase(Locale.ROOT).replace('_', ' '),
                "amountDue", account.amountDue().setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
                "currency", account.currency(),
                "dueDate", account.dueDate().toString(),
                "daysPastDue", String.valueOf(account.daysPastDue()));
        String text = fill(template, values);
        if (plan.offer() != null) {
            text = text + " " + fill(file.offers().get(plan.offer()), values);
        }
        return new OutreachMessage(plan.template(), file.version(), text);
    }

    private static String fill(String template, Map<String, String> values) {
        return VARIABLE.matcher(template).replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
    }
}
