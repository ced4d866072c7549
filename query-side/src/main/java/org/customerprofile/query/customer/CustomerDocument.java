package org.customerprofile.query.customer;

import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.api.customer.SearchKeys;

/**
 * The read model of one customer: a MongoDB document in {@value #COLLECTION} keyed by
 * {@code customer_id} ({@code _id}, the one index every MongoDB server uses), holding the API's
 * fields under their JSON names and nesting, plus the aggregate {@value #SEQUENCE} it reflects.
 */
final class CustomerDocument {

    static final String COLLECTION = "customers";
    static final String ID = "_id";
    static final String COMPANY_ID = "company_id";
    static final String SEQUENCE = "sequence";
    static final String CREATED = "created";
    static final String LAST_UPDATED = "last_updated";
    /** The reference as {@link org.customerprofile.api.customer.ReferenceKey} compares it; the list filters on it. */
    static final String REFERENCE_KEY = "reference_key";
    /**
     * The customer's {@link SearchKeys}: {@code emails}, {@code phones}, {@code postcodes}, {@code words} (arrays),
     * each name field's folded value under its path, and {@code v}, the {@link SearchKeys#VERSION} they were made by.
     */
    static final String SEARCH = "search";
    static final String SEARCH_VERSION = SEARCH + ".v";
    static final String SEARCH_EMAILS = SEARCH + ".emails";
    static final String SEARCH_PHONES = SEARCH + ".phones";
    static final String SEARCH_POSTCODES = SEARCH + ".postcodes";
    static final String SEARCH_WORDS = SEARCH + ".words";
    /** Set on the tombstone an erased customer's document becomes: its id, company and sequence, nothing else. */
    static final String ERASED = "erased";

    private CustomerDocument() {
    }

    /** The API path of a field → its path in the document. */
    static String storedPath(String apiPath) {
        return apiPath.equals("customer_id") ? ID : apiPath;
    }

    /** Where a name field's folded value is kept: {@code search.first_name}. */
    static String searchName(CustomerField name) {
        return SEARCH + "." + name.path();
    }

    /** The customer object the API shows; a filter was already applied by MongoDB's projection. */
    static Map<String, Object> toApi(Document document) {
        return new CustomerView((String) document.get(ID), (String) document.get(COMPANY_ID), profileOf(document),
                instantOf(document.get(CREATED)), instantOf(document.get(LAST_UPDATED))).toApi(CustomerFilter.ALL);
    }

    /** The field values a document holds. */
    static Profile profileOf(Document document) {
        Map<CustomerField, Object> profile = new EnumMap<>(CustomerField.class);
        for (CustomerField field : CustomerField.values()) {
            Object value = valueAt(document, field.path());
            if (value != null) {
                profile.put(field, value);
            }
        }
        return new Profile(profile);
    }

    /** The {@value #SEARCH} sub-document of a customer with these values. */
    static Document searchKeys(Profile profile) {
        SearchKeys keys = SearchKeys.of(profile);
        Document search = new Document("v", SearchKeys.VERSION)
                .append("emails", List.copyOf(keys.emails()))
                .append("phones", List.copyOf(keys.phones()))
                .append("postcodes", List.copyOf(keys.postcodes()))
                .append("words", List.copyOf(keys.words()));
        keys.names().forEach((field, name) -> search.append(field.path(), name));
        return search;
    }

    private static Instant instantOf(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }

    private static Object valueAt(Document document, String path) {
        Object value = document;
        for (String name : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(name);
        }
        return value;
    }
}
