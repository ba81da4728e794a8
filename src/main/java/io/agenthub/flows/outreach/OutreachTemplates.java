package io.agenthub.flows.outreach;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned texts sent to customers (models/outreach/&lt;version&gt;/&lt;name&gt;.txt, with their card beside them), read once
 * at start: a template naming a variable its flow does not give stops the start, naming the file.
 */
public final class OutreachTemplates {

    /** Opens a file of the hub's home, e.g. {@code models/outreach/v1/fraud-confirm-payment.txt}. */
    public interface Files {
        InputStream open(String relative) throws IOException;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-zA-Z0-9]+)}");

    private final String version;
    private final Map<String, String> texts = new LinkedHashMap<>();

    /** @param variables each template's name and the variables its flow fills in */
    public OutreachTemplates(Files files, String version, Map<String, Set<String>> variables) {
        this.version = version;
        variables.forEach((name, allowed) -> {
            String path = "models/outreach/" + version + "/" + name + ".txt";
            try (InputStream in = files.open(path)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                Matcher m = VARIABLE.matcher(text);
                while (m.find()) {
                    if (!allowed.contains(m.group(1))) {
                        throw new IllegalStateException(path + " uses ${" + m.group(1) + "}; it may use " + allowed);
                    }
                }
                texts.put(name, text);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the outreach template " + path, e);
            }
        });
    }

    public String version() {
        return version;
    }

    /** The template's words with its variables filled in. */
    public String render(String name, Map<String, String> values) {
        String text = texts.get(name);
        if (text == null) {
            throw new IllegalArgumentException("no outreach template '" + name + "' was loaded");
        }
        return VARIABLE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                String.valueOf(values.getOrDefault(m.group(1), ""))));
    }
}
