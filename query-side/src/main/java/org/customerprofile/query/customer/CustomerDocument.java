package org.customerprofile.query.customer;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.customerprofile.api.customer.CustomerFields;

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

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private CustomerDocument() {
    }

    /** The API path of a field → its path in the document. */
    static String storedPath(String apiPath) {
        return apiPath.equals("customer_id") ? ID : apiPath;
    }

    /** The customer object the API shows, in the contract's field order; absent fields are left out. */
    static Map<String, Object> toApi(Document document) {
        Map<String, Object> leaves = new LinkedHashMap<>();
        putIfPresent(leaves, "customer_id", document.get(ID));
        putIfPresent(leaves, COMPANY_ID, document.get(COMPANY_ID));
        CustomerFields.LEAVES.keySet().forEach(leaf -> putIfPresent(leaves, leaf, valueAt(document, leaf)));
        for (String timestamp : List.of(CREATED, LAST_UPDATED)) {
            if (document.get(timestamp) instanceof Date date) {
                leaves.put(timestamp, TIMESTAMP.format(date.toInstant()));
            }
        }
        return CustomerFields.nest(leaves);
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

    private static void putIfPresent(Map<String, Object> leaves, String path, Object value) {
        if (value != null) {
            leaves.put(path, value);
        }
    }
}
