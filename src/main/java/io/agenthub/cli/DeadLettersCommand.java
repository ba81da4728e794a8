package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = {"Dead letters of a running hub: requests it could not complete or answer, and messages its broker",
                "gave up on. List them (where from and why, never their content), replay them to the front door, or purge them."},
        subcommands = {DeadLettersCommand.ListLetters.class, DeadLettersCommand.Replay.class, DeadLettersCommand.Purge.class})
final class DeadLettersCommand {

    private static final String PATH = "/api/v1/dead-letters";

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One letter, or all of them: exactly one of the two. */
    static final class Which {
        @Option(names = "--id", paramLabel = "ID", required = true, description = "The letter's id, as list shows it.")
        String id;

        @Option(names = "--all", required = true, description = "Every letter there is now.")
        boolean all;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List dead letters, oldest first: id, source (hub or broker), when, where from, the problem, the request id.")
    static final class ListLetters implements Callable<Integer> {
        @Mixin
        OperatorHub hub;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most this many (1-1000; default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Print the hub's JSON as it is.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode letters = hub.client().get(PATH + "?limit=" + limit);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(letters.toPrettyString());
            } else if (letters.isEmpty()) {
                out.println("No dead letters.");
            } else {
                out.printf("%-36s  %-6s  %-24s  %-16s  %-10s  %-36s  %s%n", "ID", "SOURCE", "AT", "FROM", "REPLAYABLE", "REQUEST", "PROBLEM");
                for (JsonNode letter : letters) {
                    out.printf("%-36s  %-6s  %-24s  %-16s  %-10s  %-36s  %s%n", letter.path("id").asText(),
                            letter.path("source").asText(), letter.path("at").asText(), letter.path("ingress").asText("-"),
                            letter.path("replayable").asBoolean() ? "yes" : "no", letter.path("requestId").asText("-"),
                            problem(letter.path("problem")));
                }
            }
            out.flush();
            return 0;
        }

        private static String problem(JsonNode problem) {
            String type = problem.path("type").asText();
            String slug = type.substring(type.lastIndexOf(':') + 1);
            String detail = problem.path("detail").asText("");
            return detail.isEmpty() ? slug : slug + ": " + detail;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Send dead letters back to the front door (the request queue); each is removed once its replay is sent.",
                    "A replay that fails again becomes a new dead letter."})
    static final class Replay implements Callable<Integer> {
        @Mixin
        OperatorHub hub;

        @ArgGroup(multiplicity = "1")
        Which which;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (which.all) {
                JsonNode done = hub.client().post(PATH + "/replay");
                out.printf("Replayed %d dead letters; %d cannot be replayed and were left.%n",
                        done.path("replayed").asInt(), done.path("notReplayable").asInt());
            } else {
                JsonNode done = hub.client().post(PATH + "/" + segment(which.id) + "/replay");
                out.printf("Replayed %s to %s.%n", which.id, done.path("queue").asText());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true, description = "Remove dead letters for good.")
    static final class Purge implements Callable<Integer> {
        @Mixin
        OperatorHub hub;

        @ArgGroup(multiplicity = "1")
        Which which;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode done = hub.client().delete(which.all ? PATH : PATH + "/" + segment(which.id));
            spec.commandLine().getOut().printf("Purged %d dead letters.%n", done.path("purged").asInt());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
