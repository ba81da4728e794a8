package io.agenthub.inbox;

import io.agenthub.RunningHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox signing people in at the bank's OIDC provider (hub.auth.issuer-url, hub.inbox.client-id) with the
 * Authorization Code flow and PKCE, in headless Chromium, against a stand-in provider that checks the flow's client
 * id, redirect URI, state round trip and S256 verifier ({@link OidcProviderStandIn}). No real provider (Keycloak,
 * Entra ID) is run here: their login pages, consent and refresh tokens are not tested.
 */
@Tag("browser")
class InboxOidcSignInIT {

    private static final OidcProviderStandIn PROVIDER = OidcProviderStandIn.start("olivia");

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            .with("hub.auth.issuer-url", PROVIDER.issuer())
            .with("hub.auth.roles-claim", "realm_access.roles")
            .with("hub.auth.role.approver", "agent-hub-approver")
            .with("hub.inbox.client-id", OidcProviderStandIn.CLIENT_ID);

    @BeforeAll
    static void registerTheInbox() {
        PROVIDER.register(hub.url("/inbox/"));
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Test
    void aPersonSignsInAtTheProviderAndComesBackSignedInWithoutTheCodeInTheAddress() throws Exception {
        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/"))) {
            assertThat(browser.text("oidc-issuer")).isEqualTo(PROVIDER.issuer());
            browser.awaitFocusOn("oidc-button");
            browser.screenshot("20-oidc-sign-in");

            browser.click("oidc-button");
            browser.byId("who");
            browser.awaitListsLoaded();

            assertThat(browser.text("who-subject")).isEqualTo("olivia");
            assertThat(browser.text("who-roles")).isEqualTo("roles: approver");
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(hub.url("/inbox/"));
            assertThat(PROVIDER.tokensIssued()).isEqualTo(1);
            assertThat(PROVIDER.refused()).isZero();
            // the provider's token works at the hub: the review queue answered (empty), no 401
            assertThat(browser.displayed("reviews-problem")).isFalse();
            assertThat(browser.displayed("reviews-empty")).isTrue();
            assertThat(browser.script("return window.sessionStorage.getItem('agent-hub-inbox.oidc')")).isNull();
            browser.screenshot("21-oidc-signed-in");
        }
    }

    @Test
    void anAnswerForAnotherSignInIsRefused() throws Exception {
        try (InboxBrowser browser = InboxBrowser.open(hub.url("/inbox/?code=stolen&state=forged"))) {
            assertThat(browser.text("sign-in-problem")).contains("not for the sign-in this tab started");
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(hub.url("/inbox/"));
            assertThat(browser.displayed("who")).isFalse();
        }
    }
}
