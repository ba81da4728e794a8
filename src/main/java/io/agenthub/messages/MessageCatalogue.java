package io.agenthub.messages;

import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The customer-facing texts of every tenant and language: {@code routes/messages/default/<language>.yaml} holds every
 * key, {@code routes/messages/<tenant>/<language>.yaml} those a tenant words its own way. Checked as a whole when
 * read, so a hub never starts (or reloads) with a text it cannot say.
 */
public final class MessageCatalogue {

    public static final String DEFAULT = "default";

    /** By label, {@code default/en}, {@code demo-bank/en}. */
    private final Map<String, MessageFile> files;

    private MessageCatalogue(Map<String, MessageFile> files) {
        this.files = Map.copyOf(files);
    }

    /**
     * The catalogue of these files, checked: the hub's language has a default file, every default file has every
     * key, every other folder is a tenant's and has a default file of its language to fall back on.
     *
     * @param folder where the files are, for errors ({@code routes/messages})
     */
    static MessageCatalogue of(List<MessageFile> read, Set<String> tenants, String language, String folder) throws IOException {
        Map<String, MessageFile> files = new TreeMap<>();
        read.forEach(file -> files.put(file.label(), file));
        if (!files.containsKey(DEFAULT + "/" + language)) {
            throw new IOException(folder + "/" + DEFAULT + "/" + language + ".yaml is missing: the texts in the hub's language"
                    + " (hub.messages.language=" + language + ")");
        }
        for (MessageFile file : files.values()) {
            String owner = file.label().substring(0, file.label().indexOf('/'));
            String fileLanguage = file.label().substring(owner.length() + 1);
            String source = folder + "/" + file.label() + ".yaml";
            if (owner.equals(DEFAULT)) {
                List<String> missing = Arrays.stream(ReplyKey.values()).filter(key -> !file.texts().containsKey(key))
                        .map(ReplyKey::key).toList();
                if (!missing.isEmpty()) {
                    throw new IOException(source + ": missing key" + (missing.size() == 1 ? " '" : "s '")
                            + String.join("', '", missing) + "': the default texts must word every reply");
                }
            } else if (!tenants.contains(owner)) {
                throw new IOException(source + ": '" + owner + "' is not a tenant of compliance/tenants.yaml (nor " + DEFAULT + ")");
            } else if (!files.containsKey(DEFAULT + "/" + fileLanguage)) {
                throw new IOException(source + ": there is no " + folder + "/" + DEFAULT + "/" + fileLanguage
                        + ".yaml for the keys it leaves out");
            }
        }
        return new MessageCatalogue(files);
    }

    /** A reply's words, and the files they came from ({@code demo-bank/en@2:..+default/en@1:..}). */
    public record Worded(String text, String version) {
    }

    /** The text in the tenant's words where it has its own, else the default's. */
    public Worded word(String tenant, String language, ReplyText text) {
        List<MessageFile> chain = chain(tenant, language);
        return new Worded(render(chain, text), chain.stream().map(MessageFile::versionLabel).collect(Collectors.joining("+")));
    }

    /** The tenant's file first, when it has one, then the default. */
    private List<MessageFile> chain(String tenant, String language) {
        List<MessageFile> chain = new ArrayList<>(2);
        MessageFile own = files.get(tenant + "/" + language);
        if (own != null) {
            chain.add(own);
        }
        MessageFile fallback = files.get(DEFAULT + "/" + language);
        if (fallback == null) {
            throw new IllegalArgumentException("no texts in language '" + language + "'");
        }
        chain.add(fallback);
        return chain;
    }

    private static String render(List<MessageFile> chain, ReplyText text) {
        String template = chain.stream().map(file -> file.texts().get(text.key())).filter(Objects::nonNull).findFirst()
                .orElseThrow();
        return MessageFile.substitutor(name -> value(chain, text.values().get(name))).replace(template);
    }

    private static String value(List<MessageFile> chain, Object value) {
        if (value instanceof ReplyText nested) {
            return render(chain, nested);
        }
        if (value instanceof ReplyText.Joined joined) {
            String separator = render(chain, ReplyText.of(joined.separator()));
            return joined.items().stream().map(item -> value(chain, item)).collect(Collectors.joining(separator));
        }
        return String.valueOf(value);
    }

    /** The files, by label: what a reload changed is logged by them. */
    public Map<String, MessageFile> files() {
        return files;
    }
}
