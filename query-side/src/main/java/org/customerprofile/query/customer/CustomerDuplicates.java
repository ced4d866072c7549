package org.customerprofile.query.customer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.api.customer.SearchKeys;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The company's customers that are probably the same person as a would-be customer: one indexed query per
 * {@link DuplicateReason} the would-be customer's values can give (each the newest {@value #CANDIDATES_PER_REASON}
 * matches), every candidate then scored on all reasons by {@link Likeness}. Reads only: it writes nothing.
 */
@Component
public class CustomerDuplicates {

    /** At most this many answers, the strongest first. */
    static final int MOST = 10;
    /** Bounds the work when many customers share a value (an office's phone): the newest of them are the likeliest. */
    static final int CANDIDATES_PER_REASON = 50;

    /** One probable duplicate. */
    record Duplicate(@JsonProperty("customer_id") String customerId, double score, List<DuplicateReason> reasons) {
    }

    private final MongoTemplate mongo;
    private final CustomerCollection collection;

    CustomerDuplicates(MongoTemplate mongo, CustomerCollection collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    List<Duplicate> of(String companyId, Profile wouldBe) {
        Map<String, Document> candidates = new LinkedHashMap<>();
        for (Criteria criteria : queries(companyId, wouldBe)) {
            Query query = new Query(criteria)
                    .with(Sort.by(Sort.Order.desc(CustomerDocument.CREATED), Sort.Order.desc(CustomerDocument.ID)))
                    .limit(CANDIDATES_PER_REASON);
            mongo.find(query, Document.class, collection.name())
                    .forEach(candidate -> candidates.putIfAbsent(candidate.getString(CustomerDocument.ID), candidate));
        }
        return strongestFirst(likeness(wouldBe), candidates.values());
    }

    /** The candidates that share a reason with {@code wanted}, scored, strongest first, newest first among equals. */
    static List<Duplicate> strongestFirst(Likeness wanted, Iterable<Document> candidates) {
        record Scored(Duplicate duplicate, Date created) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Document candidate : candidates) {
            Set<DuplicateReason> reasons = wanted.reasons(likeness(CustomerDocument.profileOf(candidate)));
            if (!reasons.isEmpty()) {
                scored.add(new Scored(new Duplicate(candidate.getString(CustomerDocument.ID), Likeness.score(reasons), List.copyOf(reasons)),
                        candidate.getDate(CustomerDocument.CREATED)));
            }
        }
        return scored.stream()
                .sorted(Comparator.comparingDouble((Scored it) -> it.duplicate().score()).reversed()
                        .thenComparing(Scored::created, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(it -> it.duplicate().customerId()))
                .limit(MOST)
                .map(Scored::duplicate)
                .toList();
    }

    /**
     * One query per reason the would-be customer's values can give, none when it gives none; each is run newest
     * first (created, then id, descending).
     */
    public static List<Criteria> queries(String companyId, Profile wouldBe) {
        Likeness wanted = likeness(wouldBe);
        SearchKeys keys = wanted.keys();
        List<Criteria> queries = new ArrayList<>();
        if (!keys.emails().isEmpty()) {
            queries.add(ofCompany(companyId).and(CustomerDocument.SEARCH_EMAILS).in(keys.emails()));
        }
        if (!keys.phones().isEmpty()) {
            queries.add(ofCompany(companyId).and(CustomerDocument.SEARCH_PHONES).in(keys.phones()));
        }
        if (wanted.hasName() && wanted.dob() != null) {
            queries.add(named(companyId, keys).and(CustomerField.DOB.path()).is(wanted.dob()));
        }
        if (wanted.hasName() && !keys.postcodes().isEmpty()) {
            queries.add(named(companyId, keys).and(CustomerDocument.SEARCH_POSTCODES).in(keys.postcodes()));
        }
        return queries;
    }

    private static Likeness likeness(Profile profile) {
        return new Likeness(SearchKeys.of(profile), (String) profile.get(CustomerField.DOB));
    }

    private static Criteria named(String companyId, SearchKeys keys) {
        return ofCompany(companyId)
                .and(CustomerDocument.searchName(CustomerField.FIRST_NAME)).is(keys.name(CustomerField.FIRST_NAME))
                .and(CustomerDocument.searchName(CustomerField.LAST_NAME)).is(keys.name(CustomerField.LAST_NAME));
    }

    private static Criteria ofCompany(String companyId) {
        // an erased customer's tombstone holds no keys, so no reason's query finds it; said once more all the same
        return where(CustomerDocument.COMPANY_ID).is(companyId).and(CustomerDocument.ERASED).exists(false);
    }
}
