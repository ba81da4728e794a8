package io.agenthub.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A core-banking seed with many customers, each with one account and one active debit card, so that every
 * keyed "I lost my card" request of the crash test blocks a card of its own; the shipped insurance seed is
 * kept as it is.
 */
final class CrashSeed {

    static final int FIRST_NUMBER = 7001;

    private CrashSeed() {
    }

    static String customerId(int index) {
        return "C-" + (FIRST_NUMBER + index);
    }

    static String cardId(int index) {
        return "CRD-" + (FIRST_NUMBER + index) + "-1";
    }

    /** Writes {@code core-banking-seed.json} and {@code insurance-seed.json} into {@code dir}. */
    static void write(Path dir, int customers, ObjectMapper json) throws IOException {
        Files.createDirectories(dir);
        ObjectNode bank = json.createObjectNode();
        ArrayNode people = bank.putArray("customers");
        ArrayNode accounts = bank.putArray("accounts");
        ArrayNode cards = bank.putArray("cards");
        bank.putArray("transactions");
        bank.putArray("payments");
        for (int i = 0; i < customers; i++) {
            int number = FIRST_NUMBER + i;
            String account = "ACC-" + number + "-01";
            people.addObject().put("customerId", customerId(i)).put("name", "Crash Test " + number)
                    .put("email", "crash." + number + "@example.com").put("segment", "RETAIL");
            accounts.addObject().put("accountId", account).put("customerId", customerId(i))
                    .put("iban", germanIban("76026000", String.format("%010d", number))).put("currency", "EUR")
                    .put("type", "CURRENT").put("status", "ACTIVE").put("available", 1000.00).put("booked", 1000.00);
            cards.addObject().put("cardId", cardId(i)).put("customerId", customerId(i)).put("accountId", account)
                    .put("last4", String.format("%04d", number % 10_000)).put("brand", "VISA").put("type", "DEBIT")
                    .put("status", "ACTIVE");
        }
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("core-banking-seed.json").toFile(), bank);
        Files.copy(Path.of("connectors", "sandbox", "insurance-seed.json"), dir.resolve("insurance-seed.json"));
    }

    static List<String> customerIds(int customers) {
        return IntStream.range(0, customers).mapToObj(CrashSeed::customerId).toList();
    }

    /** ISO 13616 check digits over bank code and account number, so the seed passes the sandbox's IBAN check. */
    static String germanIban(String bankCode, String account) {
        String bban = bankCode + account;
        String digits = bban + "1314" + "00";  // D=13, E=14, then 00 in place of the check digits
        int check = 98 - new BigInteger(digits).mod(BigInteger.valueOf(97)).intValue();
        return "DE" + String.format("%02d", check) + bban;
    }
}
