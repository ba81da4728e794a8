package io.agenthub.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agenthub.sandbox.BankingModel.Account;
import io.agenthub.sandbox.BankingModel.AccountStatus;
import io.agenthub.sandbox.BankingModel.Card;
import io.agenthub.sandbox.BankingModel.Customer;
import io.agenthub.sandbox.BankingModel.Payment;
import io.agenthub.sandbox.BankingModel.Transaction;
import io.agenthub.sandbox.InsuranceModel.Claim;
import io.agenthub.sandbox.InsuranceModel.Policy;
import io.agenthub.sandbox.InsuranceModel.Policyholder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The data both sandboxes start from. Construction checks referential integrity, so a seed that
 * exists is one the sandboxes can serve without surprises (an integrator editing the JSON gets the
 * error at start-up, not as a 500 in the middle of a demo).
 */
public record SandboxSeed(CoreBanking coreBanking, Insurance insurance) {

    /** Where the seed files live, relative to the hub's working directory and, under {@code hub/}, on the classpath. */
    public static final String CORE_BANKING_FILE = "connectors/sandbox/core-banking-seed.json";
    public static final String INSURANCE_FILE = "connectors/sandbox/insurance-seed.json";

    public SandboxSeed {
        Objects.requireNonNull(coreBanking, "coreBanking");
        Objects.requireNonNull(insurance, "insurance");
        SeedIntegrity.check(coreBanking, insurance);
    }

    /** Parses both seed files; the caller keeps ownership of the streams. */
    public static SandboxSeed fromStreams(InputStream coreBankingJson, InputStream insuranceJson) {
        Objects.requireNonNull(coreBankingJson, "coreBankingJson");
        Objects.requireNonNull(insuranceJson, "insuranceJson");
        return new SandboxSeed(read(coreBankingJson, CoreBanking.class, "core-banking"),
                read(insuranceJson, Insurance.class, "insurance"));
    }

    /** Reads {@code core-banking-seed.json} and {@code insurance-seed.json} from a directory. */
    public static SandboxSeed fromDirectory(Path directory) {
        try (InputStream bank = Files.newInputStream(directory.resolve("core-banking-seed.json"));
             InputStream insurance = Files.newInputStream(directory.resolve("insurance-seed.json"))) {
            return fromStreams(bank, insurance);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sandbox seed from " + directory, e);
        }
    }

    /** Reads the seed files packaged in the jar under {@code hub/connectors/sandbox/}. */
    public static SandboxSeed fromClasspath() {
        ClassLoader loader = SandboxSeed.class.getClassLoader();
        try (InputStream bank = loader.getResourceAsStream("hub/" + CORE_BANKING_FILE);
             InputStream insurance = loader.getResourceAsStream("hub/" + INSURANCE_FILE)) {
            if (bank == null || insurance == null) {
                throw new IllegalStateException("Sandbox seed files are not on the classpath under hub/connectors/sandbox/");
            }
            return fromStreams(bank, insurance);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sandbox seed from the classpath", e);
        }
    }

    /**
     * A SHA-256 of the seed's content (not of its file's layout), which a journal records: state kept over
     * one seed cannot be replayed over another.
     */
    public String digest() {
        try {
            // Sorted map keys: an unmodifiable map's order differs from one JVM to the next.
            byte[] content = SandboxJson.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(this);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot digest the sandbox seed", e);
        }
    }

    private static <T> T read(InputStream in, Class<T> type, String which) {
        ObjectReader reader = SandboxJson.MAPPER.readerFor(type);
        try {
            return reader.readValue(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid " + which + " sandbox seed: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the " + which + " sandbox seed", e);
        }
    }

    public record CoreBanking(List<Customer> customers, List<SeedAccount> accounts, List<Card> cards,
                              List<Transaction> transactions, List<Payment> payments) {
        public CoreBanking {
            customers = List.copyOf(Objects.requireNonNullElse(customers, List.of()));
            accounts = List.copyOf(Objects.requireNonNullElse(accounts, List.of()));
            cards = List.copyOf(Objects.requireNonNullElse(cards, List.of()));
            transactions = List.copyOf(Objects.requireNonNullElse(transactions, List.of()));
            payments = List.copyOf(Objects.requireNonNullElse(payments, List.of()));
        }
    }

    /** An account as seeded: the public account fields plus its opening balances. */
    public record SeedAccount(String accountId, String customerId, String iban, String currency, String type,
                              AccountStatus status, BigDecimal available, BigDecimal booked) {
        Account toAccount() {
            return new Account(accountId, customerId, iban, currency, type, status);
        }
    }

    public record Insurance(List<Policyholder> customers, Map<String, List<String>> lossTypesByProduct,
                            List<Policy> policies, List<Claim> claims) {
        public Insurance {
            customers = List.copyOf(Objects.requireNonNullElse(customers, List.of()));
            lossTypesByProduct = Objects.requireNonNullElse(lossTypesByProduct, Map.<String, List<String>>of())
                    .entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
            policies = List.copyOf(Objects.requireNonNullElse(policies, List.of()));
            claims = List.copyOf(Objects.requireNonNullElse(claims, List.of()));
        }
    }
}
