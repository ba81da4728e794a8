package io.agenthub.sandbox;

import io.agenthub.sandbox.BankingModel.Address;
import io.agenthub.sandbox.BankingModel.ContactChange;
import io.agenthub.sandbox.BankingModel.Customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What the bank accepts as a customer's contact details, for a change request and for the seed alike: an
 * address it can post to, an email address it can write to, and a phone number in international form.
 */
final class ContactRules {

    static final Set<String> FIELDS = Set.of("address", "email", "phone");
    static final Set<String> ADDRESS_FIELDS = Set.of("line1", "line2", "city", "postcode", "country");
    static final int MAX_LINE = 70;
    static final int MAX_CITY = 50;
    static final int MAX_POSTCODE = 16;
    /** RFC 5321's limit on a forward path. */
    static final int MAX_EMAIL = 254;

    /** Dot-atom local part and a domain of at least two labels; quoted local parts and IP literals are not taken. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    /** ITU-T E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern POSTCODE = Pattern.compile("[A-Z0-9]([A-Z0-9 -]{0,14}[A-Z0-9])?");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private ContactRules() {
    }

    /** Reads a change of contact details for {@code customerId}, collecting every error in {@code fields}. */
    static ContactChange read(String customerId, RequestFields fields) {
        fields.allowOnly(FIELDS);
        Address address = !fields.has("address") ? null : fields.isText("address")
                ? oneLine(fields, fields.optionalLine("address", MAX_LINE * 2)) : address(fields.object("address"));
        String email = fields.optionalMatching("email", MAX_EMAIL, String::strip, ContactRules::validEmail,
                "must be an email address such as name@example.com");
        String phone = fields.optionalMatching("phone", 32, ContactRules::phone, ContactRules::validPhone,
                "must be a phone number in international form such as +44 113 496 0000");
        if (!fields.has("address") && !fields.has("email") && !fields.has("phone")) {
            fields.reject("address", "at least one of address, email and phone is required");
        }
        return new ContactChange(customerId, address, email, phone);
    }

    /** A UK postcode, or a five-digit German one, at the end of a one-line address. */
    private static final java.util.regex.Pattern LAST_PART = java.util.regex.Pattern.compile(
            "^(?<city>[^,]*?)\\s*(?<postcode>[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}|\\d{5})$|^(?<city2>.*?)\\s*$",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * An address as customers write it on one line, "12 High Street, Leeds LS1 4AB": the first part is line1, the
     * last holds the city and a UK (or German) postcode, which also gives the country. A line it cannot read is 400.
     */
    private static Address oneLine(RequestFields fields, String line) {
        if (line == null) {
            return null;
        }
        String[] parts = line.split("\\s*,\\s*");
        java.util.regex.Matcher last = LAST_PART.matcher(parts[parts.length - 1].strip());
        String postcode = last.matches() ? last.group("postcode") : null;
        if (parts.length < 2 || postcode == null) {
            fields.reject("address", "as one line must read 'street, city postcode' with a UK or German postcode;"
                    + " otherwise give {line1, line2, city, postcode, country}");
            return null;
        }
        String city = last.group("city").isBlank() && parts.length > 2 ? parts[parts.length - 2] : last.group("city");
        String line2 = parts.length > 2 && !last.group("city").isBlank() ? String.join(", ",
                java.util.Arrays.copyOfRange(parts, 1, parts.length - 1)) : null;
        boolean uk = !postcode.matches("\\d{5}");
        return new Address(parts[0], line2, city.strip(), postcode(postcode), uk ? "GB" : "DE");
    }

    private static Address address(RequestFields fields) {
        if (fields == null) {
            return null;
        }
        fields.allowOnly(ADDRESS_FIELDS);
        return new Address(
                fields.requiredLine("line1", MAX_LINE),
                fields.optionalLine("line2", MAX_LINE),
                fields.requiredLine("city", MAX_CITY),
                requiredMatching(fields, "postcode", MAX_POSTCODE, ContactRules::postcode, ContactRules::validPostcode,
                        "must be a postcode of letters, digits, spaces and hyphens"),
                requiredMatching(fields, "country", 2, s -> s.toUpperCase(Locale.ROOT), COUNTRIES::contains,
                        "must be an ISO 3166-1 alpha-2 country code such as GB"));
    }

    private static String requiredMatching(RequestFields fields, String name, int maxLength,
                                           UnaryOperator<String> normalise, Predicate<String> valid, String message) {
        if (!fields.has(name)) {
            return fields.requiredLine(name, maxLength);
        }
        return fields.optionalMatching(name, maxLength, normalise, valid, message);
    }

    /** The problems of a seeded customer's contact details; none when they are absent. */
    static List<String> problems(Customer customer) {
        String where = "customer " + customer.customerId();
        List<String> problems = new ArrayList<>();
        if (customer.email() != null && !validEmail(customer.email())) {
            problems.add(where + " has an invalid email address");
        }
        if (customer.phone() != null && !validPhone(customer.phone())) {
            problems.add(where + " has a phone number not in E.164 form (+4930...)");
        }
        Address a = customer.address();
        if (a != null) {
            boolean lines = line(a.line1(), MAX_LINE) && (a.line2() == null || line(a.line2(), MAX_LINE))
                    && line(a.city(), MAX_CITY);
            if (!lines || a.postcode() == null || !validPostcode(a.postcode()) || !COUNTRIES.contains(a.country())) {
                problems.add(where + " has an address without line1, city, a postcode or an ISO country code");
            }
        }
        return problems;
    }

    static boolean validEmail(String email) {
        return email.length() <= MAX_EMAIL && EMAIL.matcher(email).matches();
    }

    static boolean validPhone(String phone) {
        return PHONE.matcher(phone).matches();
    }

    static boolean validPostcode(String postcode) {
        return postcode.length() <= MAX_POSTCODE && POSTCODE.matcher(postcode).matches();
    }

    /** Spaces, hyphens, dots and brackets are how people write numbers, not part of them. */
    private static String phone(String written) {
        return written.replaceAll("[\\s().-]", "");
    }

    private static String postcode(String written) {
        return written.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    private static boolean line(String text, int maxLength) {
        return text != null && !text.isBlank() && text.length() <= maxLength && text.chars().noneMatch(Character::isISOControl);
    }
}
