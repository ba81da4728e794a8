package io.agenthub.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who or what a request names: {@code person_name} ("transfer to guy kephart"), {@code company_name} ("spent at
 * Waitrose", "the direct debit for scribbler") and {@code shopping_category} ("how much on groceries"). A name is
 * read after the word that introduces it (to, from, for, at, in, with, on, pay, name) up to the next function
 * word, number or date word; which kind it is comes from the word lists (merchants, categories, common words)
 * and from the words before it: money sent, received or set up as a standing order goes to people, money spent,
 * bought or debited goes to companies. Case is not relied on: customers write names in lower case.
 */
public final class PartyRecognizer {

    private static final Pattern WORD = Pattern.compile("\\p{L}\\.(?=\\s)|\\p{L}[\\p{L}'&\\-]*|\\d[\\d.,:/]*|&");
    private static final Set<String> INTRODUCERS = Set.of("to", "from", "for", "at", "in", "with", "on", "pay", "paid", "name", "named");
    /** Words that end a name: function words, time words and the banking words around a payee. */
    private static final Set<String> STOP = Set.of(
            "the", "a", "an", "my", "your", "our", "their", "his", "her", "its", "this", "that", "these", "those",
            "to", "from", "for", "at", "in", "on", "with", "by", "of", "via", "about", "and", "or", "but", "so", "as",
            "is", "was", "were", "are", "be", "been", "being", "it", "it's", "i", "i'm", "me", "we", "you", "he", "she", "they", "them", "us",
            "did", "do", "does", "done", "have", "has", "had", "will", "would", "can", "could", "should", "may", "might", "must",
            "not", "no", "yes", "please", "thanks", "since", "until", "till", "between", "during", "after", "before", "last", "next",
            "today", "yesterday", "tomorrow", "tonight", "lately", "recently", "now", "again", "already", "ago", "soon",
            "day", "days", "week", "weeks", "month", "months", "year", "years", "morning", "afternoon", "evening", "night",
            "hour", "hours", "minute", "minutes", "time", "times", "account", "accounts", "card", "cards", "payment", "payments",
            "transfer", "transfers", "money", "overall", "total", "spend", "spent", "spending", "same", "amount", "straightaway",
            "immediately", "asap", "like", "than", "more", "less", "much", "many", "any", "all", "some", "what", "when", "where",
            "why", "how", "which", "who", "just", "also", "too", "only", "there", "here", "then", "if", "because", "cause",
            "am", "pm", "using", "through", "standing", "order", "orders", "direct", "debit", "debits", "contactless", "online",
            "webshop", "speaking", "name", "over", "under", "overseas", "abroad", "lower", "higher", "cheaper", "bigger", "smaller", "instead", "anymore", "every", "each", "usual", "current", "savings",
            "pounds", "dollars", "euros", "quid", "bucks", "said", "lol", "ok", "okay",
            "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    /** A name ending in one of these is a business: "santore restaurant", "post office", "Shoe Business". */
    private static final Set<String> BUSINESS_WORDS = Set.of("restaurant", "shop", "store", "office", "kitchen", "cafe", "café",
            "bakery", "ltd", "plc", "inc", "llc", "business", "services", "bank", "hotel", "club", "market", "supermarket",
            "garage", "salon", "subscription", "airlines", "airways", "insurance", "energy", "telecom", "mobile", "gym", "cinema", "pharmacy");
    private static final Set<String> RELATIONS = Set.of("friend", "brother", "sister", "mother", "mum", "mom", "father", "dad",
            "son", "daughter", "wife", "husband", "partner", "landlord", "landlady", "cousin", "uncle", "aunt", "colleague");
    private static final Set<String> PERSON_CUES = Set.of("transfer", "transferred", "transferring", "send", "sent", "sending",
            "resend", "wire", "wired", "standing", "money", "received", "receive", "owe", "owes", "lend", "lent", "gave", "give",
            "name", "friend", "brother", "sister", "mother", "mum", "mom", "father", "dad", "son", "daughter", "wife", "husband");
    private static final Set<String> MERCHANT_CUES = Set.of("spend", "spent", "spending", "shop", "shopped", "shopping",
            "bought", "buy", "purchase", "purchased", "debit", "refund", "rejected", "declined", "visited", "bill", "bills",
            "subscription", "expenses", "costs", "charged", "charge");
    /** Words that make a text about spending, where a category named anywhere counts ("my newspaper spend"). */
    private static final Set<String> SPENDING = Set.of("spend", "spent", "spending", "spends", "expenses", "expense", "price",
            "cost", "costs", "total", "paid", "pay", "lower", "higher", "much");
    /** Words a verb takes as its object: "to withdraw the money", "to waste my time" are no names. */
    private static final Set<String> OBJECTS = Set.of("the", "a", "an", "my", "your", "it", "me", "them", "this", "that", "some",
            "any", "our", "his", "her", "up", "out", "off");
    private static final Pattern SPEAKING = Pattern.compile("(?i)\\bit'?s\\s+(?<name>\\p{L}+(?:\\s+\\p{L}+){0,2})\\s+speaking\\b");

    private final WordLists words;

    public PartyRecognizer(WordLists words) {
        this.words = words;
    }

    private record Word(String text, String lower, int start, int end) {
    }

    /** The people, companies and spending categories named in {@code text}, added unless they overlap a slot already found. */
    public void find(String text, List<Slot> found) {
        List<Word> tokens = tokens(text);
        Matcher speaking = SPEAKING.matcher(text);
        if (speaking.find()) {
            add(found, new Slot("person_name", speaking.start("name"), speaking.end("name"), speaking.group("name"),
                    speaking.group("name")));
        }
        if (tokens.size() >= 2 && tokens.size() <= 3 && tokens.stream().anyMatch(this::strange)
                && tokens.stream().noneMatch(w -> STOP.contains(w.lower) || words.common().contains(w.lower))
                && text.strip().matches("[\\p{L}\\s.'-]+[.!?]?")) {
            add(found, slot("person_name", tokens, text));  // a turn that is only a name answers "who to?"
            return;
        }
        for (int i = 0; i < tokens.size(); i++) {
            Word word = tokens.get(i);
            if (INTRODUCERS.contains(word.lower)) {
                List<Word> name = nameAfter(tokens, i + 1);
                int after = tokens.indexOf(name.isEmpty() ? word : name.get(name.size() - 1)) + 1;
                boolean verb = after < tokens.size() && OBJECTS.contains(tokens.get(after).lower);
                if (!name.isEmpty() && !verb) {
                    String kind = kind(name, tokens.subList(Math.max(0, i - 6), i + 1));
                    if (kind != null) {
                        add(found, slot(kind, name, text));
                    }
                    i += name.size();
                }
            }
        }
        merchantsAnywhere(tokens, text, found);
        if (tokens.stream().anyMatch(w -> SPENDING.contains(w.lower))) {
            categoriesAnywhere(tokens, text, found);
        }
    }

    /** The words of a name starting at {@code from}: after "the" or "is" ("my name is coppedge"), until a stop word. */
    private List<Word> nameAfter(List<Word> tokens, int from) {
        int i = from;
        while (i < tokens.size() && (tokens.get(i).lower.equals("the") || tokens.get(i).lower.equals("is"))) {
            i++;
        }
        if (i + 2 < tokens.size() && tokens.get(i).lower.equals("my") && RELATIONS.contains(tokens.get(i + 1).lower)) {
            i += 2;  // "to my brother tom keller"
        }
        List<Word> name = new ArrayList<>();
        while (i < tokens.size() && name.size() < 4) {
            Word w = tokens.get(i);
            boolean joins = (w.lower.equals("and") || w.lower.equals("&")) && !name.isEmpty() && i + 1 < tokens.size()
                    && known(phrase(name) + " " + w.lower + " " + tokens.get(i + 1).lower);
            if (joins) {
                name.add(w);
                name.add(tokens.get(i + 1));
                i += 2;
                continue;
            }
            if (!Character.isLetter(w.text.charAt(0)) || STOP.contains(w.lower) || w.lower.contains("n't")
                    || (name.isEmpty() && w.lower.length() < 2)) {
                break;
            }
            name.add(w);
            i++;
            if (w.lower.endsWith("'s")) {
                break;  // "Santander's atms": the owner is the name
            }
        }
        return name;
    }

    /** person_name, company_name, shopping_category, or null when the words are everyday language. */
    private String kind(List<Word> name, List<Word> before) {
        String phrase = phrase(name);
        if (words.category(phrase)) {
            return "shopping_category";
        }
        if (name.stream().anyMatch(w -> words.merchants().contains(w.lower.replaceAll("'s$", ""))) || words.merchants().contains(phrase)
                || (name.size() > 1 && BUSINESS_WORDS.contains(name.get(name.size() - 1).lower))) {
            return "company_name";
        }
        String introducer = before.get(before.size() - 1).lower;
        boolean person = before.stream().anyMatch(w -> PERSON_CUES.contains(w.lower)) || introducer.startsWith("name");
        boolean spent = before.stream().anyMatch(w -> MERCHANT_CUES.contains(w.lower));
        boolean merchant = spent || introducer.equals("at") || introducer.equals("with");
        // a word no vocabulary knows, or several words not all everyday ones where money goes to someone
        // ("send 250 pounds to sarah connolly": sarah is common in requests, connolly is not)
        boolean nameLike = name.stream().anyMatch(this::strange)
                || (name.size() > 1 && name.stream().noneMatch(w -> words.common().contains(w.lower)))
                || (name.size() > 1 && name.stream().anyMatch(w -> !words.common().contains(w.lower)) && (person || spent));
        if (!nameLike) {
            // everyday words name a business only where money is spent there ("spent £82.55 at taxis"), and a
            // known word a person only when money goes to them ("transfer to hogan")
            if (spent && (introducer.equals("at") || introducer.equals("in")) && !person) {
                return "company_name";
            }
            return person && !spent && name.stream().noneMatch(w -> words.common().contains(w.lower)) ? "person_name" : null;
        }
        if (person && merchant) {
            return introducer.equals("to") || introducer.equals("from") || introducer.equals("for") ? "person_name" : "company_name";
        }
        if (merchant) {
            return "company_name";
        }
        boolean forSomeone = introducer.equals("for") && name.size() > 1;  // "for jodie bienaime", not "for the reimbursement"
        return person || forSomeone || introducer.equals("to") || introducer.equals("from") || introducer.equals("pay")
                || introducer.equals("paid") ? "person_name" : null;
    }

    /** Merchants named without an introducer ("Amazon Shopping stopped accepting my card"), with the capitalised words after them. */
    private void merchantsAnywhere(List<Word> tokens, String text, List<Slot> found) {
        for (int i = 0; i < tokens.size(); i++) {
            for (int n = Math.min(3, tokens.size() - i); n >= 1; n--) {
                if (words.merchants().contains(phrase(tokens.subList(i, i + n)))) {
                    int end = i + n;
                    while (end < tokens.size() && Character.isUpperCase(tokens.get(i).text.charAt(0))
                            && Character.isUpperCase(tokens.get(end).text.charAt(0)) && !STOP.contains(tokens.get(end).lower)) {
                        end++;
                    }
                    add(found, slot("company_name", tokens.subList(i, end), text));
                    i = end - 1;
                    break;
                }
            }
        }
    }

    /** Categories named without an introducer: "my newspaper spend", "was my dentist lower". */
    private void categoriesAnywhere(List<Word> tokens, String text, List<Slot> found) {
        for (int i = 0; i < tokens.size(); i++) {
            for (int n = Math.min(3, tokens.size() - i); n >= 1; n--) {
                List<Word> span = tokens.subList(i, i + n);
                if (words.category(phrase(span))) {
                    add(found, slot("shopping_category", span, text));
                    i += n - 1;
                    break;
                }
            }
        }
    }

    private boolean known(String phrase) {
        return words.category(phrase) || words.merchants().contains(phrase);
    }

    /** A word neither common in banking requests nor a whole word of the encoder's English vocabulary. */
    private boolean strange(Word w) {
        String bare = w.lower.replaceAll("'s$", "");
        return Character.isLetter(w.text.charAt(0)) && !words.common().contains(bare) && !words.vocabulary().contains(bare);
    }

    private static String phrase(List<Word> name) {
        return String.join(" ", name.stream().map(Word::lower).toList());
    }

    private static Slot slot(String kind, List<Word> name, String text) {
        int start = name.get(0).start;
        Word last = name.get(name.size() - 1);
        int end = last.lower.endsWith("'s") && name.size() == 1 ? last.end - 2 : last.end;  // "Godaddy's webshop"
        String span = text.substring(start, end);
        return new Slot(kind, start, end, span, span.replaceAll("\\s+", " "));
    }

    private static List<Word> tokens(String text) {
        List<Word> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            tokens.add(new Word(m.group(), m.group().toLowerCase(Locale.ROOT), m.start(), m.end()));
        }
        return tokens;
    }

    private static void add(List<Slot> found, Slot slot) {
        if (found.stream().noneMatch(slot::overlaps)) {
            found.add(slot);
        }
    }
}
