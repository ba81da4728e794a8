package io.agenthub.cli;

import io.agenthub.config.BuildInfo;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the hub, Camel and Java versions.")
final class VersionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("agent-hub " + BuildInfo.version());
        System.out.println("camel " + org.apache.camel.impl.engine.AbstractCamelContext.class.getPackage().getImplementationVersion());
        System.out.println("java " + System.getProperty("java.version"));
        return 0;
    }
}
