package io.agenthub.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** Which running hub a command speaks to, and as which operator: its HTTP address, the CA to trust, the token. */
final class OperatorHub {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The running hub (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "For an https:// hub: the PEM (or DER) certificate it presents, or its CA's, to trust"
                    + " (default: the JVM's trusted CAs).")
    Path caCert;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:HUB_TOKEN}",
            description = {"A bearer token holding the operator role (default: $HUB_TOKEN). Without one, a hub with",
                    "its embedded issuer is sent an operator token signed with the key of --data-dir / --config."})
    String token;

    @Mixin
    HubData store;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    HubApiClient client() {
        return new HubApiClient(url, caCert, token != null && !token.isBlank() ? token.strip()
                : CliTokens.operator(store.settings(), command.qualifiedName()));
    }
}
