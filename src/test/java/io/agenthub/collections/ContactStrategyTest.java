package io.agenthub.collections;

import io.agenthub.collections.ContactPlan.Decision;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of compliance/collections.yaml as shipped, one at a time, on accounts made for each. */
class ContactStrategyTest {

    /** 14:00 in London and 15:00 in Berlin: outside everyone's quiet hours. */
    private static final Instant AFTERNOON = Instant.parse("2026-12-07T14:00:00Z");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final ContactStrategy strategy = new ContactStrategy(shippedRules());

    private static CollectionsRules shippedRules() {
        try (InputStream in = Files.newInputStream(Path.of("compliance/collections.yaml"))) {
            return CollectionsRules.read(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static DueAccount account(int daysPastDue, String amountDue, Channel channel, boolean vulnerable) {
        LocalDate today = LocalDate.ofInstant(AFTERNOON, LONDON);
        return new DueAccount("L-1", "LOAN", "C-1", "demo-bank", "PERSONAL_LOAN", new BigDecimal("5000.00"), "GBP",
                new BigDecimal(amountDue), daysPastDue > 0 ? today.minusDays(daysPastDue) : today.plusDays(-daysPastDue),
                Math.max(0, daysPastDue), channel, vulnerable, null, null, LONDON);
    }

    private static DueAccount dueIn(int days) {
        return account(-days, "120.00", Channel.EMAIL, false);
    }

    private static List<PastContact> contacts(String outcome, int... daysAgo) {
        List<PastContact> contacts = new ArrayList<>();
        for (int days : daysAgo) {
            contacts.add(new PastContact(AFTERNOON.minus(Duration.ofDays(days)), "EMAIL", outcome));
        }
        return contacts;
    }

    @Test
    void anAccountDueWithinTheReminderWindowGetsThePreDueReminder() {
        ContactPlan plan = strategy.decide(dueIn(3), List.of(), AFTERNOON);

        assertThat(plan.decision()).isEqualTo(Decision.CONTACT);
        assertThat(plan.bucket()).isEqualTo("pre-due");
        assertThat(plan.template()).isEqualTo("collections-pre-due");
        assertThat(plan.channel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void anAccountDueLaterThanTheWindowOrWithNothingDueIsLeftAlone() {
        assertThat(strategy.decide(dueIn(9), List.of(), AFTERNOON).decision()).isEqualTo(Decision.LEAVE);
        assertThat(strategy.decide(account(40, "0.00", Channel.EMAIL, false), List.of(), AFTERNOON).decision())
                .isEqualTo(Decision.LEAVE);
    }

    @Test
    void pastDueAccountsFallIntoTheirBucketAtItsEdges() {
        assertThat(strategy.decide(account(1, "50.00", Channel.EMAIL, false), List.of(), AFTERNOON).bucket()).isEqualTo("1-30");
        assertThat(strategy.decide(account(30, "50.00", Channel.EMAIL, false), List.of(), AFTERNOON).bucket()).isEqualTo("1-30");
        assertThat(strategy.decide(account(31, "75.00", Channel.EMAIL, false), List.of(), AFTERNOON).bucket()).isEqualTo("31-60");
        assertThat(strategy.decide(account(61, "75.00", Channel.EMAIL, false), List.of(), AFTERNOON).bucket()).isEqualTo("61-90");
        assertThat(strategy.decide(account(90, "75.00", Channel.EMAIL, false), List.of(), AFTERNOON).bucket()).isEqualTo("61-90");
        assertThat(strategy.decide(account(91, "75.00", Channel.EMAIL, false), List.of(), AFTERNOON).bucket()).isEqualTo("over-90");
    }

    @Test
    void overNinetyDaysGoesToRecoveriesAPerson() {
        ContactPlan plan = strategy.decide(account(120, "4000.00", Channel.EMAIL, false), List.of(), AFTERNOON);

        assertThat(plan.decision()).isEqualTo(Decision.REFER);
        assertThat(plan.strategy()).isEqualTo("recoveries");
    }

    @Test
    void aLargeLateArrearIsReferredToASpecialist() {
        ContactPlan plan = strategy.decide(account(70, "6000.00", Channel.EMAIL, false), List.of(), AFTERNOON);

        assertThat(plan.decision()).isEqualTo(Decision.REFER);
        assertThat(plan.strategy()).isEqualTo("large-arrears-to-a-specialist");
    }

    @Test
    void lateArrearsAfterTwoContactsAreOfferedAPaymentPlanButNotBefore() {
        DueAccount account = account(75, "1340.00", Channel.LETTER, false);

        ContactPlan offered = strategy.decide(account, contacts("SENT", 20, 12), AFTERNOON);
        ContactPlan plain = strategy.decide(account, contacts("SENT", 12), AFTERNOON);

        assertThat(offered.decision()).isEqualTo(Decision.CONTACT);
        assertThat(offered.offer()).isEqualTo("payment-plan");
        assertThat(offered.template()).isEqualTo("collections-61-90");
        assertThat(plain.offer()).isNull();
        assertThat(plain.strategy()).isEqualTo("reminder");
    }

    @Test
    void aSmallMidArrearIsOfferedAFeeWaiver() {
        ContactPlan plan = strategy.decide(account(40, "45.00", Channel.EMAIL, false), List.of(), AFTERNOON);

        assertThat(plan.offer()).isEqualTo("fee-waiver");
        assertThat(plan.strategy()).isEqualTo("small-arrears-fee-waiver");
    }

    @Test
    void aVulnerableCustomerAlwaysGoesToAPersonWhateverTheBucketLimitsOrHours() {
        Instant night = Instant.parse("2026-12-07T23:30:00Z");
        for (int daysPastDue : new int[] {-2, 12, 45, 75, 120}) {
            DueAccount account = account(daysPastDue, "380.00", Channel.SMS, true);

            ContactPlan plan = strategy.decide(account, contacts("SENT", 1, 2, 3), night);

            assertThat(plan.decision()).as(daysPastDue + " days past due").isEqualTo(Decision.REFER);
            assertThat(plan.strategy()).isEqualTo("vulnerable-customer");
            assertThat(plan.reason()).startsWith("vulnerable customer");
        }
    }

    @Test
    void threeContactsInSevenDaysHoldTheFourthBack() {
        DueAccount account = account(25, "150.00", Channel.EMAIL, false);

        ContactPlan held = strategy.decide(account, contacts("SENT", 6, 4, 1), AFTERNOON);
        ContactPlan allowed = strategy.decide(account, contacts("SENT", 8, 4, 1), AFTERNOON);

        assertThat(held.decision()).isEqualTo(Decision.LEAVE);
        assertThat(held.reason()).contains("at most 3 contacts in 7 days");
        assertThat(allowed.decision()).isEqualTo(Decision.CONTACT);
    }

    @Test
    void noContactWithinSevenDaysOfAConversation() {
        DueAccount account = account(45, "610.00", Channel.EMAIL, false);

        ContactPlan held = strategy.decide(account, contacts("CONVERSATION", 2), AFTERNOON);
        ContactPlan allowed = strategy.decide(account, contacts("CONVERSATION", 8), AFTERNOON);

        assertThat(held.decision()).isEqualTo(Decision.LEAVE);
        assertThat(held.reason()).contains("after a conversation");
        assertThat(allowed.decision()).isEqualTo(Decision.CONTACT);
    }

    @Test
    void quietHoursDeferAnSmsButNotAnEmailAndSpanMidnight() {
        DueAccount sms = account(12, "180.00", Channel.SMS, false);
        DueAccount email = account(12, "180.00", Channel.EMAIL, false);

        assertThat(strategy.decide(sms, List.of(), Instant.parse("2026-12-07T21:30:00Z")).decision()).isEqualTo(Decision.DEFER);
        assertThat(strategy.decide(sms, List.of(), Instant.parse("2026-12-07T07:59:00Z")).decision()).isEqualTo(Decision.DEFER);
        assertThat(strategy.decide(sms, List.of(), Instant.parse("2026-12-07T08:00:00Z")).decision()).isEqualTo(Decision.CONTACT);
        assertThat(strategy.decide(sms, List.of(), Instant.parse("2026-12-07T20:59:00Z")).decision()).isEqualTo(Decision.CONTACT);
        assertThat(strategy.decide(email, List.of(), Instant.parse("2026-12-07T23:30:00Z")).decision()).isEqualTo(Decision.CONTACT);
    }

    @Test
    void aCustomersOwnQuietHoursWinInTheirOwnTimeZone() {
        DueAccount berlin = new DueAccount("K-1", "CARD", "C-2", "demo-bank", "CREDIT_CARD", BigDecimal.TEN, "EUR",
                new BigDecimal("50.00"), LocalDate.of(2026, 11, 27), 10, Channel.PHONE, false, LocalTime.of(12, 0),
                LocalTime.of(14, 0), ZoneId.of("Europe/Berlin"));

        // 12:30 UTC is 13:30 in Berlin: inside the customer's own quiet hours, outside the default ones.
        ContactPlan plan = strategy.decide(berlin, List.of(), Instant.parse("2026-12-07T12:30:00Z"));
        assertThat(plan.decision()).isEqualTo(Decision.DEFER);
        assertThat(plan.reason()).contains("quiet hours");
        // 22:00 in Berlin is outside the customer's own quiet hours, which replace the default ones.
        assertThat(strategy.decide(berlin, List.of(), Instant.parse("2026-12-07T21:00:00Z")).decision())
                .isEqualTo(Decision.CONTACT);
    }

    @Test
    void aRulesFileWithAMistakeIsRefusedNamingIt() {
        assertThatThrownBy(() -> rules("pre-due-days: 5\nbuckets:\n  - {bucket: 1-30, from: 1, to: 30}\n"
                + "  - {bucket: 31-60, from: 32, to: 60}\nstrategies:\n  - {name: all, channel: preferred}\n"))
                .hasMessageContaining("bucket 31-60 must start at 31");
        assertThatThrownBy(() -> rules("pre-due-days: 5\nbuckets:\n  - {bucket: 1-30, from: 1, to: 30}\n"
                + "history-window: P30D\nstrategies:\n  - {name: a, when: {bucket: 1-30}, channel: preferred}\n"))
                .hasMessageContaining("last strategy must have no 'when'");
        assertThatThrownBy(() -> rules("pre-due-days: 5\nbuckets:\n  - {bucket: 1-30, from: 1, to: 30}\n"
                + "history-window: P30D\nstrategies:\n  - {name: a, channel: pigeon}\n"))
                .hasMessageContaining("strategy a").hasMessageContaining("pigeon");
        assertThatThrownBy(() -> rules("pre-due-days: 5\nbuckets:\n  - {bucket: 1-30, from: 1, to: 30}\n"
                + "history-window: P30D\nstrategies:\n  - {name: a, channel: preferred, offer: holiday}\n"))
                .hasMessageContaining("payment-plan or fee-waiver");
        assertThatThrownBy(() -> rules("pre-due-days: 5\nbuckets:\n  - {bucket: 1-30, from: 1, to: 30}\n"
                + "history-window: P30D\nfrequency-limits:\n  - {max-contacts: 3}\nstrategies:\n  - {name: a, channel: preferred}\n"))
                .hasMessageContaining("frequency limit");
        assertThatThrownBy(() -> rules("pre-due-days: 5\nbuckets:\n  - {bucket: 1-30, from: 1, to: 30}\n"
                + "history-window: P30D\nstrategies:\n  - {name: a, when: {bucket: 9-99}, refer: true}\n"
                + "  - {name: b, channel: preferred}\n"))
                .hasMessageContaining("a bucket is one of");
        assertThatThrownBy(() -> rules("pre-due-days: 5\nbucket: []\n")).hasMessageContaining("collections.yaml");
    }

    private static CollectionsRules rules(String yaml) throws IOException {
        return CollectionsRules.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
