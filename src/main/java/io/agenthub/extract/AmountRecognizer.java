package io.agenthub.extract;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amounts of money ({@code amount_of_money}): a number with a currency sign or word on either side
 * ("£27", "40€", "73 pounds", "$1,200.50", "a thousand pounds"), or a bare number that the words around it
 * make an amount ("spend more than 400", "a 800 transfer", "the amount of 85.31"), whose currency is then
 * {@link Money#AMBIGUOUS}. A bare number anywhere else is a {@code number}, not money.
 */
public final class AmountRecognizer {

    private static final String NUMBER = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d+(?:\\.\\d{1,2})?";
    private static final String SCALE = "thousand|hundred|million|k";
    private static final String CURRENCY_WORD = "pounds?|quid|sterling|gbp|dollars?|bucks|usd|euros?|eur";
    private static final Pattern WITH_CURRENCY = Pattern.compile("(?i)"
            + "(?<pre>[£$€])\\s?(?<n1>" + NUMBER + ")(?:\\s?(?<s1>" + SCALE + ")\\b)?"
            + "|(?<n2>" + NUMBER + "|an?|one)(?:\\s?(?<s2>" + SCALE + "))?\\s?(?:(?<post>[£$€])|(?<word>" + CURRENCY_WORD + ")\\b)");
    /** Words after which a bare number is money: comparisons of spending, limits and balances, "amount of". */
    private static final Pattern MONEY_BEFORE = Pattern.compile("(?i)\\b(?:spen[dt]|spending|paid|pay|charged?|limit|balance"
            + "|amount of|sum of|refund|transfer(?:red)?|send|sent|withdraw|more than|less than|over|under|higher than|lower than)"
            + "(?:\\s+(?:more|less|than|of|me|the|a|an|about|around|roughly|only|to))*\\s*$");
    /** Words before which a bare number is money: "a 800 transfer", "85.31 payment". */
    private static final Pattern MONEY_AFTER = Pattern.compile("(?i)^\\s*(?:transfer|payment|refund|charge|fee|withdrawal|deposit|debit)\\b");
    private static final Pattern BARE = Pattern.compile("(?<![\\w.,:/-])(" + NUMBER + ")(?![\\w:/%-]|[.,]\\d|\\s?(?:[£$€]|" + CURRENCY_WORD
            + "|days?|weeks?|months?|years?|hours?|minutes?|times?|am|pm|a\\.m|p\\.m|st|nd|rd|th)\\b)");
    private static final Map<String, String> CODES = Map.of("£", "GBP", "$", "USD", "€", "EUR",
            "pound", "GBP", "quid", "GBP", "sterling", "GBP", "dollar", "USD", "buck", "USD", "euro", "EUR");

    /** The amounts in {@code text}, in text order. */
    public void find(String text, List<Slot> found) {
        Matcher m = WITH_CURRENCY.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            from = m.end();
            String number = m.group("n1") != null ? m.group("n1") : m.group("n2");
            String scale = m.group("s1") != null ? m.group("s1") : m.group("s2");
            String sign = m.group("pre") != null ? m.group("pre") : m.group("post");
            if (!Character.isDigit(number.charAt(0)) && scale == null) {
                from = m.start() + 1;  // "a pound coin" is no amount; "a £4.99 charge" has one a character on
                continue;
            }
            String currency = sign != null ? CODES.get(sign) : code(m.group("word"));
            add(text, m.start(), m.end(), new Money(amount(number, scale), currency), found);
        }
        Matcher bare = BARE.matcher(text);
        while (bare.find()) {
            boolean framed = MONEY_BEFORE.matcher(text.substring(Math.max(0, bare.start() - 40), bare.start())).find()
                    || MONEY_AFTER.matcher(text.substring(bare.end())).find();
            if (framed) {
                add(text, bare.start(), bare.end(), new Money(amount(bare.group(1), null), Money.AMBIGUOUS), found);
            }
        }
        found.sort(Comparator.comparingInt(Slot::start));
    }

    private static void add(String text, int start, int end, Money money, List<Slot> found) {
        Slot slot = new Slot("amount_of_money", start, end, text.substring(start, end), money);
        if (found.stream().noneMatch(slot::overlaps)) {
            found.add(slot);
        }
    }

    /** The ISO code a currency symbol or word stands for ("£", "quid", "bucks"); ambiguous for any other word. */
    static String code(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.equals("gbp") || w.equals("usd") || w.equals("eur")) {
            return w.toUpperCase(Locale.ROOT);
        }
        return CODES.getOrDefault(w.endsWith("s") ? w.substring(0, w.length() - 1) : w, Money.AMBIGUOUS);  // "pounds", "bucks"
    }

    private static BigDecimal amount(String number, String scale) {
        String n = number.toLowerCase(Locale.ROOT);
        BigDecimal value = n.equals("a") || n.equals("an") || n.equals("one") ? BigDecimal.ONE : new BigDecimal(n.replace(",", ""));
        if (scale == null) {
            return value;
        }
        return switch (scale.toLowerCase(Locale.ROOT)) {
            case "hundred" -> value.multiply(BigDecimal.valueOf(100));
            case "thousand", "k" -> value.multiply(BigDecimal.valueOf(1000));
            default -> value.multiply(BigDecimal.valueOf(1_000_000));
        };
    }
}
