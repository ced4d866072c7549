package org.customerprofile.api.customer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A customer's values as search compares them (the contract's "Search and duplicates"), computed from the
 * fields the catalogue marks searchable ({@link CustomerField#search()}), and the same normalisations
 * applied to what a client searches for, so both sides of every comparison are folded alike:
 * <ul>
 *   <li>{@code emails}: every email, trimmed and lower-cased;</li>
 *   <li>{@code phones}: each phone's digits, country code and number together and the number alone;</li>
 *   <li>{@code postcodes}: folded (below) without white space, so {@code e17rt} is {@code E1 7RT};</li>
 *   <li>{@code names}: each name field's whole value, folded, white space collapsed;</li>
 *   <li>{@code words}: what free-text terms prefix-match (see {@link #wordsOf}).</li>
 * </ul>
 * Folding ignores case and accents: compatibility decomposition (NFKD, so ligatures and full-width forms
 * fold too), combining marks dropped, then upper- and lower-cased in the root locale so that {@code ß}
 * meets {@code ss} and {@code ς} meets {@code σ}. Sets are sorted so a replay writes identical documents.
 */
public record SearchKeys(SortedSet<String> emails, SortedSet<String> phones, SortedSet<String> postcodes,
                         Map<CustomerField, String> names, SortedSet<String> words) {

    /** Raised whenever what the keys hold or how they are folded changes, so stored documents get new ones. */
    public static final int VERSION = 1;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern NOT_DIGIT = Pattern.compile("[^0-9]+");

    public SearchKeys {
        emails = Collections.unmodifiableSortedSet(new TreeSet<>(emails));
        phones = Collections.unmodifiableSortedSet(new TreeSet<>(phones));
        postcodes = Collections.unmodifiableSortedSet(new TreeSet<>(postcodes));
        names = Collections.unmodifiableMap(names.isEmpty() ? new EnumMap<>(CustomerField.class) : new EnumMap<>(names));
        words = Collections.unmodifiableSortedSet(new TreeSet<>(words));
    }

    /** The keys of a customer with these values. */
    public static SearchKeys of(Profile profile) {
        SortedSet<String> emails = new TreeSet<>();
        SortedSet<String> phones = new TreeSet<>();
        SortedSet<String> postcodes = new TreeSet<>();
        Map<CustomerField, String> names = new EnumMap<>(CustomerField.class);
        SortedSet<String> words = new TreeSet<>();
        profile.values().forEach((field, value) -> {
            if (!(value instanceof String text)) {
                return;
            }
            Set<Search> search = field.search();
            if (search.contains(Search.EMAIL)) {
                emails.add(email(text));
            }
            if (search.contains(Search.PHONE) && field.path().endsWith(".number")) {
                phones.addAll(phoneKeys(profile, field, text));
            }
            if (search.contains(Search.POSTCODE)) {
                postcodes.add(postcode(text));
            }
            if (search.contains(Search.NAME)) {
                names.put(field, name(text));
            }
            if (search.contains(Search.TEXT)) {
                words.addAll(wordsOf(text));
            }
        });
        emails.remove("");
        phones.remove("");
        postcodes.remove("");
        names.values().removeIf(String::isEmpty);
        return new SearchKeys(emails, phones, postcodes, names, words);
    }

    /** The folded whole name of a name field, or {@code null} when it has none. */
    public String name(CustomerField field) {
        return names.get(field);
    }

    /** Ignoring case and accents: {@code Zoë} and {@code ZOE} both fold to {@code zoe}. */
    public static String folded(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        return MARKS.matcher(decomposed).replaceAll("").toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** An email as {@code email} compares it: exactly, ignoring case. */
    public static String email(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** A whole name as {@code first_name} and {@code last_name} compare it: folded, white space collapsed. */
    public static String name(String name) {
        return SPACES.matcher(folded(name).strip()).replaceAll(" ");
    }

    /** A postcode as {@code postcode} compares it: folded, without white space. */
    public static String postcode(String postcode) {
        return SPACES.matcher(folded(postcode)).replaceAll("");
    }

    /** The digits of a phone as {@code phone} compares it: anything but {@code 0-9} is dropped. */
    public static String digits(String phone) {
        return NOT_DIGIT.matcher(phone).replaceAll("");
    }

    /**
     * The words free text finds a value by: each run of letters and digits of the folded value, and for a
     * white-space-free chunk made of several runs also the runs joined, so {@code O'Neil} gives {@code o},
     * {@code neil} and {@code oneil}; {@code ada.lovelace@example.com} gives {@code ada}, {@code lovelace},
     * {@code example}, {@code com} and {@code adalovelaceexamplecom}.
     */
    public static List<String> wordsOf(String text) {
        List<String> words = new ArrayList<>();
        for (String chunk : SPACES.split(folded(text).strip())) {
            List<String> runs = runs(chunk);
            words.addAll(runs);
            if (runs.size() > 1) {
                words.add(String.join("", runs));
            }
        }
        return words;
    }

    /**
     * What one free-text term asks for: each run of letters and digits of the folded term must begin a word,
     * so {@code o'ne} asks for words beginning {@code o} and {@code ne}, and {@code ada@exa} for {@code ada} and
     * {@code exa}. Empty for a term without a letter or digit.
     */
    public static List<String> prefixesOf(String term) {
        return runs(folded(term));
    }

    private static List<String> runs(String folded) {
        return Arrays.stream(NOT_WORD.split(folded)).filter(run -> !run.isEmpty()).toList();
    }

    /** A phone's number alone, and with its country code in front when the phone has one. */
    private static List<String> phoneKeys(Profile profile, CustomerField number, String value) {
        String digits = digits(value);
        if (digits.isEmpty()) {
            return List.of();
        }
        String parent = number.path().substring(0, number.path().lastIndexOf('.'));
        return CustomerField.ofPath(parent + ".country_code")
                .map(profile::get)
                .filter(String.class::isInstance)
                .map(code -> List.of(digits, digits((String) code) + digits))
                .orElse(List.of(digits));
    }
}
