package io.agenthub.config;

import picocli.CommandLine;

/** Version of the running build, read from the jar manifest that Maven writes. */
public final class BuildInfo implements CommandLine.IVersionProvider {

    public static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"agent-hub " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
