package io.agenthub.app;

import io.agenthub.access.Role;
import io.agenthub.access.TokenSettings;
import io.agenthub.config.HubSettings;
import io.agenthub.inbox.InboxConfig;
import io.agenthub.inbox.InboxPages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inbox page for people at {@code /inbox/} ({@link InboxPages}), with its sign-in settings (hub.inbox.*,
 * hub.auth.*); off with {@code hub.inbox.enabled=false}.
 */
final class InboxBeans {

    private InboxBeans() {
    }

    static void bind(Wiring hub) throws Exception {
        HubSettings settings = hub.settings();
        if (!settings.bool("hub.inbox.enabled", true)) {
            return;
        }
        TokenSettings tokens = TokenSettings.from(settings);
        Map<String, String> roleNames = new LinkedHashMap<>();
        tokens.roleNames().forEach((role, claimValue) -> roleNames.put(role.claimValue(), claimValue));
        // each named role is checked, so a misspelt one stops the start instead of hiding the reveal buttons
        List<String> revealRoles = Arrays.stream(settings.text("hub.inbox.reveal-roles", "approver,compliance").split(","))
                .map(String::strip).filter(r -> !r.isEmpty()).map(r -> Role.of(r).claimValue()).toList();
        InboxConfig config = InboxConfig.of(tokens.issuerUrl(), settings.text("hub.inbox.client-id", ""),
                settings.text("hub.inbox.scope", "openid"), tokens.rolesClaim(), tokens.tenantsClaim(), roleNames, revealRoles,
                settings.integer("hub.inbox.page-size", 50));
        hub.context().addStartupListener(InboxPages.load(config, hub.json()));
    }
}
