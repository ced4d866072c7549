package org.customerprofile.query.customer;

import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import org.bson.Document;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.Profile;

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
    /** Set on the tombstone an erased customer's document becomes: its id, company and sequence, nothing else. */
    static final String ERASED = "erased";

    private CustomerDocument() {
    }

    /** The API path of a field → its path in the document. */
    static String storedPath(String apiPath) {
        return apiPath.equals("customer_id") ? ID : apiPath;
    }

    /** The customer object the API shows; a filter was already applied by MongoDB's projection. */
    static Map<String, Object> toApi(Document document) {
        Map<CustomerField, Object> profile = new EnumMap<>(CustomerField.class);
        for (CustomerField field : CustomerField.values()) {
            Object value = valueAt(document, field.path());
            if (value != null) {
                profile.put(field, value);
            }
        }
        return new CustomerView((String) document.get(ID), (String) document.get(COMPANY_ID), new Profile(profile),
                instantOf(document.get(CREATED)), instantOf(document.get(LAST_UPDATED))).toApi(CustomerFilter.ALL);
    }

    private static Instant instantOf(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }

    private static Object valueAt(Document document, String path) {
        Object value = document;
        for (String name : path.split("\\.")) {
            if (!(value instanceof Document object)) {
                return null;
            }
            value = object.get(name);
        }
        return value;
    }
}
