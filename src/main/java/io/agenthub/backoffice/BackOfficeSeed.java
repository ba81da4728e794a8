package io.agenthub.backoffice;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code connectors/sandbox/back-office-seed.json}: the sandbox back office's customers, accounts, contacts and
 * policies. Due dates and contacts are given relative to the day the database is seeded ({@code dueInDays} -45 is 45
 * days past due that day), so the demo finds accounts in every bucket whenever it is first run.
 */
@JsonIgnoreProperties(value = "_comment")
public record BackOfficeSeed(List<Customer> customers, List<LoanAccount> loanAccounts, List<CardAccount> cardAccounts,
                             List<Contact> contacts, List<Policy> policies) {

    public record Customer(String customerId, String tenant, String name, String preferredChannel, boolean vulnerable,
                           String quietFrom, String quietTo, String timezone) {
    }

    public record LoanAccount(String accountId, String customerId, String product, BigDecimal balance, String currency,
                              BigDecimal amountDue, int dueInDays, String status) {
    }

    public record CardAccount(String accountId, String customerId, String cardId, BigDecimal creditLimit,
                              BigDecimal balance, String currency, BigDecimal amountDue, int dueInDays, String status) {
    }

    public record Contact(String accountId, int daysAgo, String channel, String template, String outcome) {
    }

    public record Policy(String policyNumber, String customerId, String tenant, String product, LocalDate coverStart,
                         LocalDate coverEnd, List<String> coveredLossTypes, BigDecimal coverLimit, BigDecimal deductible,
                         String currency, String status) {
    }

    public BackOfficeSeed {
        customers = List.copyOf(customers);
        loanAccounts = List.copyOf(loanAccounts);
        cardAccounts = List.copyOf(cardAccounts);
        contacts = List.copyOf(contacts);
        policies = List.copyOf(policies);
    }

    /** Reads and checks the seed: unknown fields, duplicate ids and accounts of unknown customers are refused. */
    public static BackOfficeSeed read(InputStream json, ObjectMapper mapper) throws IOException {
        BackOfficeSeed seed = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .findAndRegisterModules().readValue(json, BackOfficeSeed.class);
        seed.check();
        return seed;
    }

    private void check() {
        Set<String> customerIds = new HashSet<>();
        customers.forEach(c -> require(customerIds.add(c.customerId()), "customer " + c.customerId() + " twice"));
        Set<String> accountIds = new HashSet<>();
        loanAccounts.forEach(a -> {
            require(accountIds.add(a.accountId()), "account " + a.accountId() + " twice");
            require(customerIds.contains(a.customerId()), "account " + a.accountId() + ": no customer " + a.customerId());
        });
        cardAccounts.forEach(a -> {
            require(accountIds.add(a.accountId()), "account " + a.accountId() + " twice");
            require(customerIds.contains(a.customerId()), "account " + a.accountId() + ": no customer " + a.customerId());
        });
        contacts.forEach(c -> require(accountIds.contains(c.accountId()), "contact of unknown account " + c.accountId()));
        Set<String> policyNumbers = new HashSet<>();
        policies.forEach(p -> require(policyNumbers.add(p.policyNumber()), "policy " + p.policyNumber() + " twice"));
    }

    private static void require(boolean holds, String problem) {
        if (!holds) {
            throw new IllegalArgumentException("back-office-seed.json: " + problem);
        }
    }

    /** Writes the seed into the back office's empty tables, in one transaction, dated from {@code clock}'s today. */
    public void apply(DataSource dataSource, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Instant now = clock.instant();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status -> {
            for (Customer c : customers) {
                jdbc.update("INSERT INTO customer (customer_id, tenant, name, preferred_channel, vulnerable, quiet_from,"
                                + " quiet_to, timezone) VALUES (?,?,?,?,?,?,?,?)", c.customerId(), c.tenant(), c.name(),
                        c.preferredChannel(), c.vulnerable(), c.quietFrom(), c.quietTo(), c.timezone());
            }
            for (LoanAccount a : loanAccounts) {
                jdbc.update("INSERT INTO loan_account (account_id, customer_id, product, balance, currency, amount_due,"
                                + " due_date, days_past_due, status) VALUES (?,?,?,?,?,?,?,?,?)", a.accountId(),
                        a.customerId(), a.product(), a.balance(), a.currency(), a.amountDue(),
                        Date.valueOf(today.plusDays(a.dueInDays())), Math.max(0, -a.dueInDays()), a.status());
            }
            for (CardAccount a : cardAccounts) {
                jdbc.update("INSERT INTO card_account (account_id, customer_id, card_id, credit_limit, balance, currency,"
                                + " amount_due, due_date, days_past_due, status) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        a.accountId(), a.customerId(), a.cardId(), a.creditLimit(), a.balance(), a.currency(),
                        a.amountDue(), Date.valueOf(today.plusDays(a.dueInDays())), Math.max(0, -a.dueInDays()),
                        a.status());
            }
            for (Contact c : contacts) {
                jdbc.update("INSERT INTO contact_history (account_id, contacted_at, channel, template, outcome)"
                                + " VALUES (?,?,?,?,?)", c.accountId(),
                        now.minus(Duration.ofDays(c.daysAgo())).atOffset(ZoneOffset.UTC), c.channel(), c.template(), c.outcome());
            }
            for (Policy p : policies) {
                jdbc.update("INSERT INTO insurance_policy (policy_number, customer_id, tenant, product, cover_start,"
                                + " cover_end, covered_loss_types, cover_limit, deductible, currency, status)"
                                + " VALUES (?,?,?,?,?,?,?,?,?,?,?)", p.policyNumber(), p.customerId(), p.tenant(),
                        p.product(), Date.valueOf(p.coverStart()), Date.valueOf(p.coverEnd()),
                        String.join(",", p.coveredLossTypes()), p.coverLimit(), p.deductible(), p.currency(), p.status());
            }
        });
    }
}
