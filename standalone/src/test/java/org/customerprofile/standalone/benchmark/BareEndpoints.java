package org.customerprofile.standalone.benchmark;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.lang.reflect.Method;
import java.util.Map;
import org.bson.Document;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baselines of the read benchmarks, served by the same server behind the same security (any bearer
 * token): a customer document looked up by {@code _id} with the raw MongoDB driver and returned as it
 * is, and a constant. Only the benchmarks' contexts have the {@code benchmark} profile, so the other
 * test contexts' component scan leaves this out.
 */
@RestController
@Profile("benchmark")
class BareEndpoints {

    private static final Map<String, String> CONSTANT = Map.of("status", "ok");

    private final ApplicationContext context;
    private volatile MongoCollection<Document> customers;

    BareEndpoints(ApplicationContext context) {
        this.context = context;
    }

    @GetMapping("/benchmark/customers/{customerId}")
    Document customer(@PathVariable String customerId) {
        return customers().find(eq("_id", customerId)).first();
    }

    @GetMapping("/benchmark/constant")
    Map<String, String> constant() {
        return CONSTANT;
    }

    private MongoCollection<Document> customers() {
        if (customers == null) {
            customers = customerCollection(context);
        }
        return customers;
    }

    /** The live customer read model collection, as query-side's (package-private) CustomerCollection names it. */
    static MongoCollection<Document> customerCollection(ApplicationContext context) {
        try {
            Class<?> type = Class.forName("org.customerprofile.query.customer.CustomerCollection");
            Method name = type.getDeclaredMethod("name");
            name.setAccessible(true);
            String collection = (String) name.invoke(context.getBean(type));
            return context.getBean(MongoDatabaseFactory.class).getMongoDatabase().getCollection(collection);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot resolve the customer collection", e);
        }
    }
}
