package io.agenthub.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the crash test found, each list naming the keys or cards concerned so a failure says where to look. */
final class CrashFindings {

    int keys;
    int sends;
    int answeredBeforeKill;
    int inProgressAtKill;
    final List<String> lostAnswers = new ArrayList<>();
    final List<String> stuckKeys = new ArrayList<>();
    final List<String> conflictingAnswers = new ArrayList<>();
    final Map<String, List<String>> repeatedBlocks = new TreeMap<>();
    final List<String> blocksClaimedNotApplied = new ArrayList<>();
    final List<String> jmsNotRedelivered = new ArrayList<>();
    int blockActions;
    Integer auditVerifyExit;
    Integer cleanStopExit;

    int repeatedActions() {
        return repeatedBlocks.values().stream().mapToInt(by -> by.size() - 1).sum();
    }

    String table(long seed, String killMoment) {
        StringBuilder t = new StringBuilder();
        t.append("\nCrash recovery, seed ").append(seed).append(", ").append(killMoment).append('\n');
        row(t, "keys (requests)", keys);
        row(t, "sends before the kill, repeats included", sends);
        row(t, "keys answered before the kill", answeredBeforeKill);
        row(t, "keys in progress (409) at the kill", inProgressAtKill);
        row(t, "answers lost", lostAnswers.size());
        row(t, "keys stuck without a final answer", stuckKeys.size());
        row(t, "keys with two different answers", conflictingAnswers.size());
        row(t, "applied card blocks at the sandbox", blockActions);
        row(t, "repeated actions at the sandbox", repeatedActions());
        row(t, "blocks answered but not applied", blocksClaimedNotApplied.size());
        row(t, "JMS requests not redelivered", jmsNotRedelivered.size());
        t.append(String.format("| %-42s | %8s |%n", "audit verify exit code", auditVerifyExit == null ? "-" : auditVerifyExit));
        t.append(String.format("| %-42s | %8s |%n", "exit code after SIGTERM", cleanStopExit == null ? "-" : cleanStopExit));
        detail(t, "lost", lostAnswers);
        detail(t, "stuck", stuckKeys);
        detail(t, "conflicting", conflictingAnswers);
        if (!repeatedBlocks.isEmpty()) {
            t.append("  repeated blocks, card=[keys that blocked it]: ").append(repeatedBlocks).append('\n');
        }
        detail(t, "claimed, not applied", blocksClaimedNotApplied);
        detail(t, "JMS not redelivered", jmsNotRedelivered);
        return t.toString();
    }

    private static void row(StringBuilder t, String what, int count) {
        t.append(String.format("| %-42s | %8d |%n", what, count));
    }

    private static void detail(StringBuilder t, String what, List<String> items) {
        if (!items.isEmpty()) {
            t.append("  ").append(what).append(": ").append(items.size() > 12 ? items.subList(0, 12) + " ..." : items).append('\n');
        }
    }
}
