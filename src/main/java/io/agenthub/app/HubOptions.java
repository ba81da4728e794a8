package io.agenthub.app;

import java.nio.file.Path;

/**
 * What the person starting the hub chose on the command line. Every field is optional:
 * null (or false) means "use the configured default".
 */
public record HubOptions(Integer port, Path dataDir, Path home, Path configFile, boolean reload, boolean demo) {
}
