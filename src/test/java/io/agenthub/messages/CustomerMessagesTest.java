package io.agenthub.messages;

import io.agenthub.api.FlowResult;
import io.agenthub.api.ReplyKey;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.connectors.corebanking.BlockReason;
import io.agenthub.connectors.corebanking.Card;
import io.agenthub.connectors.corebanking.Transaction;
import io.agenthub.flows.StaffReferral;
import io.agenthub.flows.card.CardChoice;
import io.agenthub.flows.card.LostCardPolicy;
import io.agenthub.flows.payments.PaymentSearch;
import io.agenthub.flows.payments.UnrecognisedPayments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The customer-facing texts of routes/messages/: the shipped English words are, byte for byte, those the flows said
 * when they were written in Java; a tenant words a text its own way; the version of the files is kept with each
 * answer; every mistake in a file is refused naming the file and key; a reload with a mistake keeps the texts in use.
 */
class CustomerMessagesTest {

    private static final Card VISA = new Card("CRD-1", "C-1", "ACC-1", "4821", "VISA", "DEBIT", "ACTIVE", null);
    private static final Card MASTER = new Card("CRD-2", "C-1", "ACC-1", "3307", "MASTERCARD", "CREDIT", "ACTIVE", null);

    private final CustomerMessages shipped = ShippedMessages.english();
    private final LostCardPolicy cards = new LostCardPolicy();
    private final UnrecognisedPayments payments = new UnrecognisedPayments(Clock.systemUTC());

    @Test
    void theShippedEnglishTextsAreTheWordsTheFlowsSaidBefore() {
        assertThat(said(cards.blocked(VISA)))
                .isEqualTo("Your VISA card ending 4821 is blocked. A replacement can be ordered in the app.");
        assertThat(said(cards.notBlocked(new CardChoice(null, BlockReason.LOST, List.of(VISA), "named", true, List.of("4111", "5555")))))
                .isEqualTo("We could not find a card ending 4111 or 5555 among your active cards, so no card was blocked."
                        + " Check the last four digits of the card you lost and tell us again.");
        assertThat(said(cards.notBlocked(new CardChoice(null, BlockReason.LOST, List.of(VISA), "named", true, List.of()))))
                .isEqualTo("We could not find the card number you gave among your active cards, so no card was blocked."
                        + " Check the last four digits of the card you lost and tell us again.");
        assertThat(said(cards.notBlocked(new CardChoice(null, BlockReason.LOST, List.of(), "no card"))))
                .isEqualTo("We found no active card to block. A member of staff will contact you to make sure you are protected.");
        assertThat(said(cards.notBlocked(new CardChoice(null, BlockReason.LOST, List.of(VISA, MASTER), "two cards"))))
                .isEqualTo("You have 2 active cards. Tell us the last four digits of the card you lost so we block the right one.");

        assertThat(said(new StaffReferral().referred(intent(true))))
                .isEqualTo("We could not tell what you need automatically. A member of staff will follow up.");
        assertThat(said(new StaffReferral().referred(intent(false))))
                .isEqualTo("This request needs a member of staff. A member of staff will follow up.");

        assertThat(said(payments.referred(payments.match(search("12.99", "streamly"), List.of()))))
                .isEqualTo("We could not find a payment of 12.99 to streamly booked 2026-11-01 to 2026-11-30."
                        + " A member of staff will look into it and contact you.");
        assertThat(said(payments.referred(payments.match(search("12.99", null), List.of()))))
                .isEqualTo("We could not find a payment of 12.99 booked 2026-11-01 to 2026-11-30."
                        + " A member of staff will look into it and contact you.");
        assertThat(said(payments.referred(payments.match(search(null, "streamly"), List.of()))))
                .isEqualTo("We could not find a payment to streamly booked 2026-11-01 to 2026-11-30."
                        + " A member of staff will look into it and contact you.");
        assertThat(said(payments.referred(payments.match(search(null, "streamly"), List.of(debit("TX-1", "-12.9"))))))
                .isEqualTo("We found this payment: 12.90 EUR to Streamly Media on 2026-11-06. A member of staff will review your"
                        + " dispute and contact you; you do not need to do anything else.");
        assertThat(said(payments.referred(payments.match(search(null, "streamly"), List.of(debit("TX-1", "-12.99"), debit("TX-2", "-5"))))))
                .isEqualTo("We found these payments: 12.99 EUR to Streamly Media on 2026-11-06; 5.00 EUR to Streamly Media on"
                        + " 2026-11-06. A member of staff will review your dispute and contact you; you do not need to do anything else.");
        assertThat(said(payments.askWhich()))
                .isEqualTo("Which payment do you not recognise? Tell us its amount, who it was paid to, and roughly when.");

        assertThat(shipped.awaitingConfirmation("demo-bank").message())
                .isEqualTo("We have asked for this to be done and are waiting for confirmation. It will be done once, and the"
                        + " answer to this request will say so.");
    }

    @Test
    void anAnswerCarriesTheKeyAndTheVersionOfTheFilesItsWordsCameFrom() throws IOException {
        FlowResult worded = shipped.word("demo-bank", cards.blocked(VISA));

        assertThat(worded.text().key()).isEqualTo(ReplyKey.CARD_BLOCKED);
        assertThat(worded.text().version()).matches("default/en@2:[0-9a-f]{8}");
        assertThat(worded.outcome()).isEqualTo(cards.blocked(VISA).outcome());
        assertThat(worded.actions()).isEqualTo(cards.blocked(VISA).actions());
    }

    @Test
    void aTenantWordsTheTextsItChangesItsOwnWayAndTakesTheRestFromTheDefault(@TempDir Path dir) throws IOException {
        Path folder = copyOfShipped(dir);
        Files.createDirectories(folder.resolve("demo-insurer"));
        Files.writeString(folder.resolve("demo-insurer/en.yaml"), """
                version: 2026-12-07
                messages:
                  card-blocked: "We have blocked your ${brand} card (…${last4}). Call us to order a new one."
                """);
        CustomerMessages messages = ShippedMessages.from(folder);

        FlowResult insurer = messages.word("demo-insurer", cards.blocked(VISA));
        assertThat(insurer.message()).isEqualTo("We have blocked your VISA card (…4821). Call us to order a new one.");
        assertThat(insurer.text().version()).matches("demo-insurer/en@2026-12-07:[0-9a-f]{8}\\+default/en@2:[0-9a-f]{8}");
        assertThat(messages.word("demo-insurer", payments.askWhich()).message()).startsWith("Which payment do you not recognise?");
        assertThat(messages.word("demo-bank", cards.blocked(VISA)).message()).startsWith("Your VISA card ending 4821 is blocked.");
    }

    @Test
    void aValueIsWrittenAsGivenEvenWhenItLooksLikeAPlaceholder() {
        assertThat(said(payments.referred(payments.match(search(null, "${brand}"), List.of()))))
                .startsWith("We could not find a payment to ${brand} booked");
    }

    @Test
    void mistakesAreRefusedNamingTheFileAndTheKey(@TempDir Path dir) throws IOException {
        assertRefused(dir, "default/en.yaml", s -> s.replace("  card-which-one:", "  card-which-won:"),
                "routes/messages/default/en.yaml: unknown key 'card-which-won' (the keys are referral-not-understood, ");
        assertRefused(dir, "default/en.yaml", s -> s.replace("card ending ${last4} is", "card ending ${lastFour} is"),
                "routes/messages/default/en.yaml, key 'card-blocked': unknown placeholder ${lastFour} (this text takes ${brand}, ${last4})");
        assertRefused(dir, "default/en.yaml", s -> s.replace("to block the right one", "to block card ${last4}")
                        .replace("so we block the right one", "so we block card ${last4}"),
                "routes/messages/default/en.yaml, key 'card-which-one': unknown placeholder ${last4} (this text takes ${count})");
        assertRefused(dir, "default/en.yaml", s -> s.replaceAll("(?m)^  payment-ask-which:.*\\n", ""),
                "routes/messages/default/en.yaml: missing key 'payment-ask-which': the default texts must word every reply");
        assertRefused(dir, "default/en.yaml", s -> s.replace("version: 2\n", ""),
                "routes/messages/default/en.yaml: version is missing");
        assertRefused(dir, "default/en.yaml", s -> s.replace("messages:\n", "mesages:\n"),
                "routes/messages/default/en.yaml: unknown field 'mesages'");
        assertRefused(dir, "demo-bnak/en.yaml", s -> "version: 1\nmessages: {}\n",
                "routes/messages/demo-bnak/en.yaml: 'demo-bnak' is not a tenant of compliance/tenants.yaml");
        assertRefused(dir, "demo-bank/de.yaml", s -> "version: 1\nmessages: {}\n",
                "routes/messages/demo-bank/de.yaml: there is no routes/messages/default/de.yaml for the keys it leaves out");
        assertRefused(dir, "default/en.yaml", s -> s.replace("card-endings-separator: \" or \"", "card-endings-separator: [or]"),
                "routes/messages/default/en.yaml, key 'card-endings-separator': the text must be a string");
    }

    @Test
    void aReloadTakesAGoodFileAndRefusesABadOneKeepingTheTextsInUse(@TempDir Path dir) throws IOException {
        Path folder = copyOfShipped(dir);
        Path english = folder.resolve("default/en.yaml");
        CustomerMessages messages = ShippedMessages.from(folder);
        String shippedText = Files.readString(english);

        Files.writeString(english, shippedText.replace("version: 2", "version: 5")
                .replace("A replacement can be ordered in the app.", "Order a new one in the app."));
        assertThat(messages.reload()).isTrue();
        assertThat(messages.word("demo-bank", cards.blocked(VISA)).message())
                .isEqualTo("Your VISA card ending 4821 is blocked. Order a new one in the app.");

        Files.writeString(english, shippedText.replace("version: 2", "version: 6").replace("${last4}", "${lst4}"));
        assertThat(messages.reload()).isFalse();
        FlowResult kept = messages.word("demo-bank", cards.blocked(VISA));
        assertThat(kept.message()).isEqualTo("Your VISA card ending 4821 is blocked. Order a new one in the app.");
        assertThat(kept.text().version()).startsWith("default/en@5:");
    }

    private void assertRefused(Path dir, String file, java.util.function.UnaryOperator<String> edit, String message) throws IOException {
        Path folder = copyOfShipped(Files.createTempDirectory(dir, "messages"));
        Path target = folder.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, edit.apply(Files.exists(target) ? Files.readString(target) : ""));
        assertThatThrownBy(() -> ShippedMessages.source(folder).read()).isInstanceOf(IOException.class).hasMessageContaining(message);
    }

    private static Path copyOfShipped(Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("messages/default"));
        Files.copy(Path.of("routes/messages/default/en.yaml"), folder.resolve("en.yaml"));
        return folder.getParent();
    }

    private String said(FlowResult result) {
        return shipped.word("demo-bank", result).message();
    }

    private static CascadeAnswer intent(boolean escalated) {
        return new CascadeAnswer("banking77-intent", escalated ? null : "top_up_failed", 0.4, "tuned", "banking77-intent@v8",
                escalated, List.of());
    }

    private static PaymentSearch search(String amount, String payee) {
        return new PaymentSearch(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), amount == null ? null : new BigDecimal(amount),
                payee);
    }

    private static Transaction debit(String id, String amount) {
        return new Transaction(id, "ACC-1", Instant.parse("2026-11-06T12:30:00Z"), new BigDecimal(amount), "EUR", "Streamly Media",
                "Kartenzahlung", "SUBSCRIPTIONS");
    }
}
