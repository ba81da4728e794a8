package io.agenthub.pii;

import java.util.Locale;

/** The check digits that tell a real identifier from a run of digits. */
final class Checksums {

    private Checksums() {
    }

    /** Luhn (ISO/IEC 7812): every payment card number passes it. */
    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean doubled = false;
        int count = 0;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
            count++;
        }
        return count > 0 && sum % 10 == 0;
    }

    /** ISO 13616 IBAN: the country and check digits moved to the end, read base 36, leave 1 modulo 97. */
    static boolean iban(String candidate) {
        String iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int value = Character.digit(rearranged.charAt(i), 36);
            if (value < 0) {
                return false;
            }
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }
        return remainder == 1;
    }

    /**
     * The Dutch eleven-test (elfproef) of a citizen service number (BSN): nine digits (eight are read with a
     * leading zero), weighted 9 down to 2 and the last -1, sum a multiple of 11 and not zero.
     */
    static boolean elfproef(String candidate) {
        String digits = candidate.replaceAll("\\D", "");
        if (digits.length() == 8) {
            digits = "0" + digits;
        }
        if (digits.length() != 9) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * (9 - i);
        }
        sum -= digits.charAt(8) - '0';
        return sum != 0 && sum % 11 == 0;
    }

    /** US SSN rules: no area 000, 666 or 9xx, no group 00, no serial 0000, not all one digit. */
    static boolean ssn(String candidate) {
        String digits = candidate.replaceAll("\\D", "");
        if (digits.length() != 9 || digits.chars().distinct().count() == 1) {
            return false;
        }
        String area = digits.substring(0, 3);
        return !area.equals("000") && !area.equals("666") && area.charAt(0) != '9'
                && !digits.substring(3, 5).equals("00") && !digits.substring(5).equals("0000");
    }

    /**
     * The UK National Insurance number's allocation rules (HMRC, NIM39110): two prefix letters, neither D, F, I, Q, U
     * nor V, the second not O, the pairs BG, GB, KN, NK, NT, TN and ZZ never issued; six digits; suffix A-D. The
     * number has no check digit, so these rules and a context word are what tell it from other codes.
     */
    static boolean ukNino(String candidate) {
        String s = candidate.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (!s.matches("[A-Z]{2}\\d{6}[A-D]")) {
            return false;
        }
        char first = s.charAt(0);
        char second = s.charAt(1);
        String prefix = s.substring(0, 2);
        return "DFIQUV".indexOf(first) < 0 && "DFIQUVO".indexOf(second) < 0
                && !java.util.Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(prefix);
    }

    /**
     * The German tax identification number (steuerliche Identifikationsnummer, AO section 139b): eleven digits, no
     * leading zero; among the first ten exactly one digit is repeated (twice or three times) and the others appear
     * once at most; the eleventh is the ISO/IEC 7064 MOD 11,10 check digit of the first ten.
     */
    static boolean deSteuerId(String candidate) {
        String digits = candidate.replaceAll("[\\s/.-]", "");
        if (!digits.matches("[1-9]\\d{10}")) {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[digits.charAt(i) - '0']++;
        }
        int repeated = 0;
        for (int count : counts) {
            if (count > 3) {
                return false;
            }
            repeated += count > 1 ? 1 : 0;
        }
        if (repeated != 1) {
            return false;
        }
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (digits.charAt(i) - '0' + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }
        int check = 11 - product;
        return (check == 10 ? 0 : check) == digits.charAt(10) - '0';
    }
}
