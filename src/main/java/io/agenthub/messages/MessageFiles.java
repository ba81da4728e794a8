package io.agenthub.messages;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and reads the template files under a folder given as a Camel resource location ({@code file:/hub/routes/messages}
 * on disk, {@code classpath:hub/routes/messages} inside the jar), as routes and processors are found.
 */
public final class MessageFiles {

    /** {@code <folder>/<language>.yaml} at the end of a resource's location. */
    private static final Pattern LABEL = Pattern.compile("([A-Za-z0-9._-]+)/([a-z]{2,3}(?:-[A-Z]{2})?)\\.yaml$");

    private MessageFiles() {
    }

    /**
     * Every file, checked one by one and then as a catalogue.
     *
     * @param location the folder, as a Camel resource location
     * @param shown    the folder as errors name it, {@code routes/messages}
     */
    public static MessageCatalogue load(CamelContext context, String location, String shown, Set<String> tenants,
                                        String language) throws IOException {
        List<MessageFile> files = new ArrayList<>();
        try {
            for (Resource resource : resources(context, location, tenants, language)) {
                Matcher label = LABEL.matcher(resource.getLocation().replace('\\', '/'));
                String name = resource.getLocation().substring(resource.getLocation().lastIndexOf('/') + 1);
                if (!label.find()) {
                    throw new IOException(shown + ": " + name + " is not named for a language (en.yaml, de.yaml, pt-BR.yaml)");
                }
                String source = shown + "/" + label.group(1) + "/" + label.group(2) + ".yaml";
                try (InputStream in = resource.getInputStream()) {
                    if (in == null) {
                        throw new IOException("cannot read " + resource.getLocation());
                    }
                    files.add(MessageFile.read(in.readAllBytes(), label.group(1) + "/" + label.group(2), source));
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(shown + ": " + e.getMessage(), e);
        }
        return MessageCatalogue.of(files, tenants, language, shown);
    }

    /**
     * The folder's files: every {@code <folder>/<language>.yaml} on disk; inside the jar (a {@code classpath:} location,
     * where Camel's scan of nested folders loses the folder's name) the shipped default's and each tenant's files of
     * the reply language, by name.
     */
    private static List<Resource> resources(CamelContext context, String location, Set<String> tenants, String language)
            throws Exception {
        if (!location.startsWith("classpath:")) {
            return new ArrayList<>(PluginHelper.getPackageScanResourceResolver(context).findResources(location + "/*/*.yaml"));
        }
        List<Resource> found = new ArrayList<>();
        List<String> folders = new ArrayList<>(List.of("default"));
        folders.addAll(new java.util.TreeSet<>(tenants));
        for (String folder : folders) {
            Resource resource = ResourceHelper.resolveResource(context, location + "/" + folder + "/" + language + ".yaml");
            if (resource != null && resource.exists()) {
                found.add(resource);
            }
        }
        return found;
    }
}
