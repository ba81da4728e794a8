package io.agenthub.actions;

import io.agenthub.api.DataSubject;
import io.agenthub.api.HubRequest;
import io.agenthub.api.PiiType;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.vault.SubjectVault;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Edits and reasons sealed in the subject's vault: when an approver corrects a parameter that held a token ({@code <STREET_ADDRESS_1>}
 * for the address the customer wrote), the value they type is stored encrypted under the subject's key and the
 * parameter holds its token, as the front door would have done. Erasing the subject erases the correction too.
 */
public final class VaultSealing implements Approvals.Sealing {

    private final SubjectVault vault;
    private final Pseudonymiser pseudonymiser;

    public VaultSealing(SubjectVault vault, Pseudonymiser pseudonymiser) {
        this.vault = vault;
        this.pseudonymiser = pseudonymiser;
    }

    /** A reason an approver wrote ("called her back on 0113 496 0000"), pseudonymised for the action's subject. */
    @Override
    public String reason(Approval approval, String reason) {
        if (approval.subjectId() == null) {
            return reason;
        }
        return pseudonymiser.redact(new HubRequest(approval.tenant(), approval.channel() == null ? "api" : approval.channel(),
                approval.subjectId(), reason, null, null)).request().text();
    }

    @Override
    public Map<String, Object> seal(Approval approval, Map<String, Object> edited) {
        Map<String, Object> sealed = new LinkedHashMap<>();
        edited.forEach((name, value) -> sealed.put(name, tokenType(approval.action().parameters().get(name))
                .filter(type -> value instanceof String text && !isToken(text) && approval.subjectId() != null)
                .map(type -> (Object) ("<" + vault.tokenFor(vault.keyOf(new DataSubject(approval.tenant(),
                        approval.subjectId())), type, ((String) value).strip()) + ">"))
                .orElse(value)));
        return sealed;
    }

    private static boolean isToken(String text) {
        return Pseudonymiser.TOKEN.matcher(text.strip()).matches();
    }

    /** The personal-data type of a parameter that is one token, e.g. STREET_ADDRESS of {@code <STREET_ADDRESS_1>}. */
    private static Optional<PiiType> tokenType(Object original) {
        if (!(original instanceof String text)) {
            return Optional.empty();
        }
        Matcher token = Pseudonymiser.TOKEN.matcher(text.strip());
        return token.matches() ? PiiType.named(token.group(1)) : Optional.empty();
    }
}
