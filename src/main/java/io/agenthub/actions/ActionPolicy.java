package io.agenthub.actions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code compliance/actions.yaml}: what each action a flow can take on a back-end needs before it happens. Each action
 * type has a kind and an ordered list of rules; the first whose conditions (tenant, channel, amount, currency, risk)
 * hold applies: {@code auto}, {@code verify} (an independent check must agree), {@code approve} (one person) or
 * {@code four-eyes} (two distinct people, neither the one who asked for it). An action that moves money, changes
 * personal data or deletes can never be {@code auto}: the file is refused if it says so.
 */
public final class ActionPolicy {

    /** What an action does, which sets the floor of what it needs. */
    public enum Kind {
        PROTECTS_CUSTOMER, CONTACTS_CUSTOMER, MOVES_MONEY, CHANGES_PERSONAL_DATA, DELETES;

        /** Such an action never runs on a model's word alone. */
        boolean needsSecondCheck() {
            return this == MOVES_MONEY || this == CHANGES_PERSONAL_DATA || this == DELETES;
        }

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @JsonCreator
        static Kind of(String name) {
            for (Kind kind : values()) {
                if (kind.wireName().equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("kind is one of protects-customer, contacts-customer, moves-money,"
                    + " changes-personal-data, deletes; not '" + name + "'");
        }
    }

    /** What a rule asks for. */
    public enum RuleKind {
        AUTO(0), VERIFY(0), APPROVE(1), FOUR_EYES(2);

        private final int approvalsNeeded;

        RuleKind(int approvalsNeeded) {
            this.approvalsNeeded = approvalsNeeded;
        }

        public int approvalsNeeded() {
            return approvalsNeeded;
        }

        public boolean needsPeople() {
            return approvalsNeeded > 0;
        }

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @JsonCreator
        public static RuleKind of(String name) {
            for (RuleKind kind : values()) {
                if (kind.wireName().equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("rule is one of auto, verify, approve, four-eyes; not '" + name + "'");
        }
    }

    /** When a rule applies; every condition given must hold, and a rule without {@code when} always applies. */
    record Condition(List<String> tenant, List<String> channel, BigDecimal amountOver, BigDecimal amountAtMost,
                     List<String> currency, List<ProposedAction.Risk> risk) {

        boolean holds(String tenantId, String channelId, ProposedAction action) {
            if (tenant != null && !tenant.contains(tenantId)) {
                return false;
            }
            if (channel != null && !channel.contains(channelId)) {
                return false;
            }
            if (currency != null && (action.currency() == null || !currency.contains(action.currency()))) {
                return false;
            }
            if (risk != null && !risk.contains(action.risk())) {
                return false;
            }
            if (amountOver != null && (action.amount() == null || action.amount().compareTo(amountOver) <= 0)) {
                return false;
            }
            return amountAtMost == null || (action.amount() != null && action.amount().compareTo(amountAtMost) <= 0);
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            if (tenant != null) {
                parts.add("tenant " + String.join("/", tenant));
            }
            if (channel != null) {
                parts.add("channel " + String.join("/", channel));
            }
            if (amountOver != null) {
                parts.add("amount over " + amountOver.toPlainString());
            }
            if (amountAtMost != null) {
                parts.add("amount at most " + amountAtMost.toPlainString());
            }
            if (currency != null) {
                parts.add("currency " + String.join("/", currency));
            }
            if (risk != null) {
                parts.add("risk " + String.join("/", risk.stream().map(ProposedAction.Risk::wireName).toList()));
            }
            return String.join(", ", parts);
        }
    }

    /** One rule of an action, as the file gives it. */
    record RuleDeclaration(Condition when, RuleKind rule, String check, String approvers) {
    }

    /** One action type, as the file gives it. */
    record ActionDeclaration(Kind kind, String description, String approvers, Duration deadline, String escalation,
                             List<String> editable, List<RuleDeclaration> rules) {
    }

    record PolicyFile(Map<String, ActionDeclaration> actions) {
    }

    /**
     * The rule that applies to one proposal.
     *
     * @param matched  which rule of which action, in words (shown to the people who decide, and audited)
     * @param check    for {@code verify}: the bean that checks (an {@link ActionCheck}); null otherwise
     * @param editable the parameters people may change when they decide
     */
    public record AppliedRule(RuleKind rule, String approvers, int approvalsNeeded, String matched, String escalation,
                              Duration deadline, String check, List<String> editable, Kind kind) {

        /** The same rule, but people must approve: what a second check that disagreed, or an operator's pause, asks. */
        public AppliedRule needingApproval(String why) {
            RuleKind stricter = rule.needsPeople() ? rule : RuleKind.APPROVE;
            return new AppliedRule(stricter, approvers, stricter.approvalsNeeded(), matched + "; " + why, escalation,
                    deadline, null, editable, kind);
        }
    }

    private static final Duration DEFAULT_DEADLINE = Duration.ofHours(24);
    private static final String DEFAULT_APPROVERS = "approver";
    private static final Set<String> APPROVER_ROLES = Set.of("approver", "compliance", "operator");

    private final Map<String, ActionDeclaration> actions;

    private ActionPolicy(Map<String, ActionDeclaration> actions) {
        this.actions = actions;
    }

    /** A property placeholder, {@code {{hub.claims.approve-over:1000}}}: its key and default. */
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{\\{([^{}:]+)(?::([^{}]*))?}}");

    /**
     * Reads and checks the file; any mistake refuses it, naming the action and rule. A property placeholder left in it
     * (the hub resolves them first, from its settings) takes its default, and one without a default refuses the file.
     */
    public static ActionPolicy read(InputStream yaml) throws IOException {
        String text = new String(yaml.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            if (placeholder.group(2) == null) {
                throw new IOException("actions.yaml: the setting " + placeholder.group(1) + " has no value");
            }
            placeholder.appendReplacement(resolved, java.util.regex.Matcher.quoteReplacement(placeholder.group(2)));
        }
        placeholder.appendTail(resolved);
        PolicyFile file;
        try {
            file = JsonMapper.builder(new YAMLFactory()).addModule(new JavaTimeModule())
                    .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    .build().readValue(resolved.toString(), PolicyFile.class);
        } catch (JsonProcessingException e) {
            throw new IOException("actions.yaml: " + e.getOriginalMessage(), e);
        }
        if (file == null || file.actions() == null || file.actions().isEmpty()) {
            throw new IOException("actions.yaml: no actions; every action a flow takes must be named under actions:");
        }
        for (Map.Entry<String, ActionDeclaration> entry : file.actions().entrySet()) {
            check(entry.getKey(), entry.getValue());
        }
        return new ActionPolicy(new TreeMap<>(file.actions()));
    }

    private static void check(String type, ActionDeclaration action) throws IOException {
        String where = "actions.yaml: action " + type;
        if (!type.matches("[a-z][a-z0-9-]{0,63}")) {
            throw new IOException(where + ": a type is lower-case words joined by '-'");
        }
        if (action == null || action.kind() == null) {
            throw new IOException(where + ": give its kind (protects-customer, contacts-customer, moves-money,"
                    + " changes-personal-data, deletes)");
        }
        if (action.rules() == null || action.rules().isEmpty()) {
            throw new IOException(where + ": give at least one rule");
        }
        if (action.approvers() != null && !APPROVER_ROLES.contains(action.approvers())) {
            throw new IOException(where + ": approvers is a role: approver, compliance or operator");
        }
        if (action.deadline() != null && (action.deadline().isNegative() || action.deadline().isZero())) {
            throw new IOException(where + ": the deadline must be a positive duration, e.g. PT24H");
        }
        List<RuleDeclaration> rules = action.rules();
        for (int i = 0; i < rules.size(); i++) {
            RuleDeclaration rule = rules.get(i);
            String at = where + ", rule " + (i + 1);
            if (rule.rule() == null) {
                throw new IOException(at + ": say what it asks for: rule: auto, verify, approve or four-eyes");
            }
            if (rule.rule() == RuleKind.AUTO && action.kind().needsSecondCheck()) {
                throw new IOException(at + ": an action that " + action.kind().wireName().replace('-', ' ')
                        + " never runs on a model's word alone; use verify, approve or four-eyes");
            }
            if (rule.rule() == RuleKind.VERIFY && (rule.check() == null || rule.check().isBlank())) {
                throw new IOException(at + ": verify needs the check that must agree (check: <bean name>)");
            }
            if (rule.rule() != RuleKind.VERIFY && rule.check() != null) {
                throw new IOException(at + ": only a verify rule has a check");
            }
            if (rule.approvers() != null && !APPROVER_ROLES.contains(rule.approvers())) {
                throw new IOException(at + ": approvers is a role: approver, compliance or operator");
            }
        }
        if (rules.get(rules.size() - 1).when() != null) {
            throw new IOException(where + ": the last rule must have no 'when', so every proposal meets a rule");
        }
    }

    /** Whether the policy names the action type: a flow may take no other. */
    public boolean names(String type) {
        return actions.containsKey(type);
    }

    public Set<String> types() {
        return actions.keySet();
    }

    /** The checks ({@link ActionCheck} beans) the verify rules name, to be found at start-up. */
    public Set<String> checks() {
        Set<String> checks = new java.util.TreeSet<>();
        actions.values().forEach(a -> a.rules().stream().map(RuleDeclaration::check).filter(c -> c != null).forEach(checks::add));
        return checks;
    }

    /** The rule that applies to this proposal, for this tenant and channel. */
    public AppliedRule ruleFor(ProposedAction action, String tenant, String channel) {
        ActionDeclaration declared = actions.get(action.type());
        if (declared == null) {
            throw new IllegalStateException("the action policy names no action '" + action.type() + "'");
        }
        List<RuleDeclaration> rules = declared.rules();
        for (int i = 0; i < rules.size(); i++) {
            RuleDeclaration rule = rules.get(i);
            if (rule.when() == null || rule.when().holds(tenant, channel, action)) {
                String approvers = rule.approvers() != null ? rule.approvers()
                        : declared.approvers() != null ? declared.approvers() : DEFAULT_APPROVERS;
                String matched = action.type() + " rule " + (i + 1) + ": " + rule.rule().wireName()
                        + (rule.when() == null ? "" : " when " + rule.when().describe());
                return new AppliedRule(rule.rule(), approvers, rule.rule().approvalsNeeded(), matched,
                        declared.escalation(), declared.deadline() == null ? DEFAULT_DEADLINE : declared.deadline(),
                        rule.check(), declared.editable() == null ? List.of() : List.copyOf(declared.editable()),
                        declared.kind());
            }
        }
        throw new IllegalStateException("unreachable: the last rule of " + action.type() + " has no condition");
    }
}
