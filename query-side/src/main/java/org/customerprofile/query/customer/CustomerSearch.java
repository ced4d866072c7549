package org.customerprofile.query.customer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.ReferenceKey;
import org.customerprofile.api.customer.SearchKeys;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * What a list request searches for: the given (non-blank) search parameters, already checked by
 * {@link Searches}, combined with AND. Values are folded as {@link SearchKeys} folds a customer's, so each
 * parameter is one equality on a key (a prefix per free-text term), answered from an index on real MongoDB.
 */
public record CustomerSearch(Map<SearchParameter, String> given) {

    public static final CustomerSearch NONE = new CustomerSearch(Map.of());

    public CustomerSearch {
        Map<SearchParameter, String> ordered = new EnumMap<>(SearchParameter.class);
        given.forEach((parameter, value) -> {
            if (value != null && !value.isBlank()) {
                ordered.put(parameter, value.strip());
            }
        });
        given = Collections.unmodifiableMap(ordered);
    }

    /** From query parameters by name; names that are no search parameter are ignored. */
    public static CustomerSearch of(Map<String, String> parameters) {
        Map<SearchParameter, String> given = new EnumMap<>(SearchParameter.class);
        parameters.forEach((name, value) -> SearchParameter.named(name).ifPresent(parameter -> given.put(parameter, value)));
        return new CustomerSearch(given);
    }

    /** The company's customers (never an erased one's tombstone) that match every given parameter. */
    public Criteria criteria(String companyId) {
        Criteria criteria = where(CustomerDocument.COMPANY_ID).is(companyId).and(CustomerDocument.ERASED).exists(false);
        given.forEach((parameter, value) -> {
            switch (parameter) {
                case EMAIL -> criteria.and(CustomerDocument.SEARCH_EMAILS).is(SearchKeys.email(value));
                case PHONE -> criteria.and(CustomerDocument.SEARCH_PHONES).is(SearchKeys.digits(value));
                case POSTCODE -> criteria.and(CustomerDocument.SEARCH_POSTCODES).is(SearchKeys.postcode(value));
                case FIRST_NAME -> criteria.and(CustomerDocument.searchName(CustomerField.FIRST_NAME)).is(SearchKeys.name(value));
                case LAST_NAME -> criteria.and(CustomerDocument.searchName(CustomerField.LAST_NAME)).is(SearchKeys.name(value));
                case Q -> criteria.and(CustomerDocument.SEARCH_WORDS).all(prefixPatterns(value));
                case CREATED_FROM, CREATED_TO -> {
                    // both bounds on one criterion: MongoDB takes them as one range
                }
                case REFERENCE -> criteria.and(CustomerDocument.REFERENCE_KEY).is(ReferenceKey.of(value));
            }
        });
        if (given.containsKey(SearchParameter.CREATED_FROM) || given.containsKey(SearchParameter.CREATED_TO)) {
            Criteria created = criteria.and(CustomerDocument.CREATED);
            if (given.containsKey(SearchParameter.CREATED_FROM)) {
                created.gte(Date.from(SearchParameter.instant(given.get(SearchParameter.CREATED_FROM)).orElseThrow()));
            }
            if (given.containsKey(SearchParameter.CREATED_TO)) {
                created.lt(Date.from(SearchParameter.instant(given.get(SearchParameter.CREATED_TO)).orElseThrow()));
            }
        }
        return criteria;
    }

    /** The given parameters by name, in the contract's order: what every page link carries after {@code offset}. */
    public Map<String, String> linkParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        given.forEach((parameter, value) -> parameters.put(parameter.parameter(), value));
        return parameters;
    }

    /**
     * One anchored prefix per letter-and-digit run of every term; a run holds no regular expression syntax, and is
     * quoted all the same. {@code ^} followed by plain characters is what MongoDB turns into index bounds.
     */
    static Pattern[] prefixPatterns(String q) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (String term : SearchParameter.terms(q)) {
            prefixes.addAll(SearchKeys.prefixesOf(term));
        }
        return prefixes.stream().map(prefix -> Pattern.compile("^" + escaped(prefix))).toArray(Pattern[]::new);
    }

    /** Escapes every character that is not a letter or digit with a backslash. */
    static String escaped(String text) {
        StringBuilder escaped = new StringBuilder();
        text.codePoints().forEach(point -> {
            if (!Character.isLetterOrDigit(point)) {
                escaped.append('\\');
            }
            escaped.appendCodePoint(point);
        });
        return escaped.toString();
    }
}
