package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Webhooks end to end, as a merchant sees them: registered through the API, received by an endpoint on the
 * loopback interface that verifies each delivery the way the format's own clients do (the Standard Webhooks
 * library; Acquired's Hash recomputed), in per-customer order, retried through failures and outages.
 */
@StandaloneTest
class WebhookTest {

    static final String COMPANY = "88888888-8888-4888-8888-888888888888";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedPostgres postgres;
    ApiClient merchant;
    final List<WebhookReceiver> receivers = new ArrayList<>();
    final List<String> webhooks = new ArrayList<>();

    @BeforeEach
    void logIn() {
        merchant = ApiClient.anonymous(port).login("webhooks", "key-of-the-webhooks-app-00000000");
    }

    @AfterEach
    void deleteWebhooks() {
        webhooks.forEach(id -> merchant.send("DELETE", "/v1/webhooks/" + id, null, Map.of()));
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void standardDeliveriesArriveSignedInCustomerOrderWithStableIds() throws Exception {
        WebhookReceiver receiver = receiver();
        JsonNode registered = register(Map.of("url", receiver.url(), "description", "CRM sync"));
        String secret = registered.get("secret").asText();
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThanOrEqualTo(32);
        assertThat(registered.get("format").asText()).isEqualTo("standard");
        assertThat(registered.get("events")).hasSize(3);

        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = merchant.create(Map.of("first_name", "Ada", "reference", reference()));
            customers.add(id);
            for (int update = 0; update < 3; update++) {
                assertThat(merchant.put("/v1/customers/" + id, Map.of("last_name", "Lovelace" + "abc".charAt(update))).status()).isEqualTo(200);
            }
        }

        await().atMost(DEADLINE).until(() -> receiver.succeeded().size() >= 16);
        Webhook verifier = new Webhook(secret);
        for (WebhookReceiver.Received delivery : receiver.succeeded()) {
            verifier.verify(delivery.body(), delivery.headers());
            assertThat(delivery.header("webhook-id")).isEqualTo(delivery.json().get("event_id").asText());
            assertThat(delivery.header("content-type")).startsWith("application/json");
        }
        assertInCustomerOrder(receiver.succeeded(), customers, 4);
        assertThat(feedOf(customers)).as("the body is the event as the feed shows it")
                .isEqualTo(receiver.succeeded().stream().map(WebhookReceiver.Received::json).collect(Collectors.toSet()));

        String webhookId = registered.get("webhook_id").asText();
        JsonNode shown = merchant.get("/v1/webhooks/" + webhookId).body();
        assertThat(shown.has("secret")).as("the secret is shown once").isFalse();
        assertThat(shown.get("description").asText()).isEqualTo("CRM sync");
        assertThat(PostgresDump.of(postgres).holds(secret.substring("whsec_".length()))).as("the secret is encrypted at rest").isFalse();
        JsonNode deliveries = merchant.get("/v1/webhooks/" + webhookId + "/deliveries?limit=100").body();
        assertThat(deliveries.at("/meta/total").asInt()).isEqualTo(16);
        for (JsonNode delivery : deliveries.get("data")) {
            assertThat(delivery.get("status").asText()).isEqualTo("delivered");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.get("last_status_code").asInt()).isEqualTo(200);
        }
        assertThat(deliveries.get("data").get(0).get("position").asLong())
                .as("newest first").isGreaterThan(deliveries.get("data").get(15).get("position").asLong());
    }

    @Test
    void acquiredDeliveriesAreCustomerNewWithTheHashAcquiredIntegrationsCheck() throws Exception {
        WebhookReceiver receiver = receiver();
        String secret = "acquired-app-key-" + UUID.randomUUID().toString().replace("-", "");
        JsonNode registered = register(Map.of("url", receiver.url(), "format", "acquired", "secret", secret));
        assertThat(registered.get("events").toString()).isEqualTo("[\"customer.created\"]");

        String id = merchant.create(Map.of("first_name", "Grace"));
        assertThat(merchant.put("/v1/customers/" + id, Map.of("last_name", "Hopper")).status()).isEqualTo(200);

        await().atMost(DEADLINE).until(() -> receiver.succeeded().size() >= 1);
        WebhookReceiver.Received delivery = receiver.succeeded().get(0);
        JsonNode body = delivery.json();
        assertThat(body.get("webhook_type").asText()).isEqualTo("customer_new");
        assertThat(body.get("webhook_id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(body.get("timestamp").asLong()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(body.at("/webhook_body/customer_id").asText()).isEqualTo(id);
        assertThat(delivery.header("Company-Id")).isEqualTo(COMPANY);
        assertThat(delivery.header("Webhook-Version")).isEqualTo("2");
        // what an Acquired integration does: hash_hmac('sha256', <body without whitespace>, <app key>)
        assertThat(delivery.header("Hash")).isEqualTo(hmacHex(secret, delivery.body().replaceAll("\\s", "")));
        // the update does not follow: acquired carries customer.created only
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.received().size() == 1);
    }

    @Test
    void aFailingEndpointGetsEverythingInOrderWithTheSameIdsOnceItRecovers() {
        WebhookReceiver receiver = receiver();
        receiver.answer(500);
        String webhookId = register(Map.of("url", receiver.url())).get("webhook_id").asText();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = merchant.create(Map.of("first_name", "Ada"));
            customers.add(id);
            merchant.put("/v1/customers/" + id, Map.of("last_name", "One"));
            merchant.put("/v1/customers/" + id, Map.of("last_name", "Two"));
        }

        await().atMost(DEADLINE).until(() -> receiver.received().stream().map(r -> r.header("webhook-id")).distinct().count() >= 3
                && receiver.received().size() >= 6);
        JsonNode failing = merchant.get("/v1/webhooks/" + webhookId + "/deliveries?limit=100").body();
        assertThat(failing.get("data")).anySatisfy(delivery -> {
            assertThat(delivery.get("status").asText()).isEqualTo("pending");
            assertThat(delivery.get("last_status_code").asInt()).isEqualTo(500);
            assertThat(delivery.get("next_attempt_at").isTextual()).isTrue();
        });
        assertThat(receiver.received()).as("a customer's next event waits for its first")
                .allSatisfy(request -> assertThat(request.json().get("sequence").asInt()).isEqualTo(1));

        receiver.answer(200);

        await().atMost(DEADLINE).until(() -> receiver.succeeded().size() >= 9);
        assertInCustomerOrder(receiver.succeeded(), customers, 3);
        Set<String> failedIds = receiver.received().stream().filter(r -> !r.succeeded()).map(r -> r.header("webhook-id")).collect(Collectors.toSet());
        Set<String> deliveredIds = receiver.succeeded().stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
        assertThat(deliveredIds).as("a retry carries the id of the first attempt").containsAll(failedIds);
        JsonNode deliveries = merchant.get("/v1/webhooks/" + webhookId + "/deliveries?limit=100").body().get("data");
        assertThat(deliveries).hasSize(9).allSatisfy(delivery -> assertThat(delivery.get("status").asText()).isEqualTo("delivered"));
        assertThat(deliveries).anySatisfy(delivery -> assertThat(delivery.get("attempts").asInt()).isGreaterThan(1));
    }

    @Test
    void anEndpointDownFor30SecondsUnderWriteLoadLosesNothing() throws Exception {
        WebhookReceiver receiver = receiver();
        register(Map.of("url", receiver.url(), "events", List.of("customer.created", "customer.updated")));
        receiver.stopListening();
        List<String> customers = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            writers.execute(() -> {
                while (writing.get()) {
                    String id = merchant.create(Map.of("first_name", "Load"));
                    merchant.put("/v1/customers/" + id, Map.of("last_name", "Test"));
                    customers.add(id);
                }
            });
        }
        Thread.sleep(30_000); // the outage the test is about, not a wait for a result
        writing.set(false);
        writers.shutdown();
        assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        receiver.restart();

        await().atMost(Duration.ofSeconds(120)).until(() -> receiver.succeeded().size() >= 2 * customers.size());
        assertInCustomerOrder(receiver.succeeded(), customers, 2);
    }

    @Test
    void aSlowEndpointDoesNotDelayAnotherWebhooksDeliveries() {
        WebhookReceiver slow = receiver();
        slow.delay(Duration.ofSeconds(9));
        WebhookReceiver fast = receiver();
        register(Map.of("url", slow.url()));
        register(Map.of("url", fast.url()));

        long start = System.nanoTime();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            customers.add(merchant.create(Map.of("first_name", "Quick")));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> fast.succeeded().size() >= 5);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(slow.succeeded()).as("the slow endpoint is still on its first delivery").hasSizeLessThanOrEqualTo(1);
        await().atMost(DEADLINE).until(() -> slow.succeeded().size() >= 1);
    }

    @Test
    void afterAnErasurePendingDeliveriesCarryNoPersonalValueAndTheErasureIsDelivered() {
        WebhookReceiver receiver = receiver();
        receiver.answer(503);
        register(Map.of("url", receiver.url()));
        String marker = "Zq" + ThreadLocalRandom.current().ints(8, 'a', 'z' + 1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        String id = merchant.create(Map.of("first_name", marker, "billing", Map.of("email", marker + "@example.com")));
        merchant.put("/v1/customers/" + id, Map.of("last_name", marker));
        await().atMost(DEADLINE).until(() -> !receiver.received().isEmpty());

        assertThat(merchant.send("DELETE", "/v1/customers/" + id, null, Map.of()).status()).isEqualTo(200);
        receiver.answer(200);

        await().atMost(DEADLINE).until(() -> receiver.succeeded().size() >= 3);
        List<JsonNode> bodies = receiver.succeeded().stream().map(WebhookReceiver.Received::json).toList();
        assertThat(bodies).extracting(body -> body.get("type").asText())
                .containsExactly("customer.created", "customer.updated", "customer.erased");
        assertThat(bodies).allSatisfy(body -> assertThat(body.get("erased").asBoolean()).isTrue());
        assertThat(bodies.get(0).at("/changes/first_name/new").isNull()).isTrue();
        assertThat(receiver.succeeded()).allSatisfy(delivery -> assertThat(delivery.body()).doesNotContain(marker));
    }

    @Test
    void registrationsAreListedChangedAndDeletedWithinTheCompany() {
        WebhookReceiver receiver = receiver();
        String first = register(Map.of("url", receiver.url())).get("webhook_id").asText();
        String second = register(Map.of("url", receiver.url() + "/2", "events", List.of("customer.erased"))).get("webhook_id").asText();

        JsonNode page = merchant.get("/v1/webhooks?limit=1").body();
        assertThat(page.at("/meta/total").asInt()).isEqualTo(2);
        assertThat(page.get("data").get(0).get("webhook_id").asText()).as("newest first").isEqualTo(second);
        assertThat(ApiClient.href(page, "next")).isEqualTo("/v1/webhooks?limit=1&offset=1");
        assertThat(page.get("data").get(0).has("secret")).isFalse();

        ApiClient.Response changed = merchant.put("/v1/webhooks/" + first, Map.of("enabled", false, "events", List.of("customer.updated")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body().get("enabled").asBoolean()).isFalse();
        assertThat(changed.body().get("events").toString()).isEqualTo("[\"customer.updated\"]");
        assertThat(changed.body().get("url").asText()).isEqualTo(receiver.url());
        merchant.create(Map.of("first_name", "Nobody"));

        ApiClient other = ApiClient.company2(port);
        for (String path : List.of("/v1/webhooks/" + first, "/v1/webhooks/" + first + "/deliveries")) {
            assertThat(other.get(path).status()).as(path).isEqualTo(404);
            assertThat(other.get(path).body().get("error_type").asText()).isEqualTo("not_found");
        }
        assertThat(other.put("/v1/webhooks/" + first, Map.of("enabled", true)).status()).isEqualTo(404);
        assertThat(other.post("/v1/webhooks/" + first + "/deliveries/" + UUID.randomUUID() + "/retry", Map.of()).status()).isEqualTo(404);
        assertThat(other.send("DELETE", "/v1/webhooks/" + first, null, Map.of()).status()).isEqualTo(404);
        assertThat(other.get("/v1/webhooks").body().get("data").toString()).doesNotContain(first);
        assertThat(merchant.get("/v1/webhooks/not-a-uuid").status()).isEqualTo(404);

        assertThat(merchant.send("DELETE", "/v1/webhooks/" + first, null, Map.of()).status()).isEqualTo(200);
        assertThat(merchant.get("/v1/webhooks/" + first).status()).isEqualTo(404);
        assertThat(receiver.received()).as("disabled, and the other takes erasures only").isEmpty();
    }

    @Test
    void badRegistrationsAreRefusedNamingEachProblem() {
        ApiClient.assertInvalid(merchant.post("/v1/webhooks", Map.of("url", "ftp://merchant.example/hooks")), "url");
        ApiClient.assertInvalid(merchant.post("/v1/webhooks", Map.of("url", "http://exa mple.com/")), "url");
        ApiClient.assertInvalid(merchant.post("/v1/webhooks", Map.of("url", "not a url")), "url");
        ApiClient.assertInvalid(merchant.post("/v1/webhooks", Map.of("description", "no url")), "url");
        ApiClient.assertInvalid(merchant.post("/v1/webhooks", Map.of("url", 42)), "url");
        ApiClient.assertInvalid(merchant.post("/v1/webhooks", Map.of("url", "https://merchant.example/", "events", List.of("customer.deleted"),
                "format", "xml", "secret", "short", "enabled", "yes", "webhook_id", "x")), "events.0", "format", "enabled", "webhook_id");
        ApiClient.assertInvalid(merchant.post("/v1/webhooks", Map.of("url", "https://merchant.example/", "secret", "short")), "secret");
        ApiClient.assertInvalid(merchant.post("/v1/webhooks", Map.of("url", "https://merchant.example/", "format", "acquired",
                "events", List.of("customer.updated"))), "events.0");
        assertThat(merchant.post("/v1/webhooks", "[]").status()).isEqualTo(400);
        assertThat(merchant.post("/v1/webhooks", "{").status()).isEqualTo(400);

        String id = register(Map.of("url", "https://merchant.example/hooks")).get("webhook_id").asText();
        ApiClient.assertInvalid(merchant.put("/v1/webhooks/" + id, Map.of("format", "acquired", "secret", "x".repeat(40))), "format", "secret");
        ApiClient.assertInvalid(merchant.put("/v1/webhooks/" + id, Map.of("url", "ftp://merchant.example/")), "url");
    }

    @Test
    void aDeliveryIsTriedAgainOnRequest() {
        WebhookReceiver receiver = receiver();
        String webhookId = register(Map.of("url", receiver.url())).get("webhook_id").asText();
        merchant.create(Map.of("first_name", "Again"));
        await().atMost(DEADLINE).until(() -> receiver.succeeded().size() == 1);
        String deliveryId = merchant.get("/v1/webhooks/" + webhookId + "/deliveries").body().at("/data/0/delivery_id").asText();

        ApiClient.Response retried = merchant.post("/v1/webhooks/" + webhookId + "/deliveries/" + deliveryId + "/retry", Map.of());

        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        await().atMost(DEADLINE).until(() -> receiver.succeeded().size() == 2);
        assertThat(receiver.succeeded().get(1).header("webhook-id")).isEqualTo(receiver.succeeded().get(0).header("webhook-id"));
        assertThat(merchant.get("/v1/webhooks/" + webhookId + "/deliveries").body().at("/data/0/attempts").asInt()).isEqualTo(2);
        assertThat(merchant.post("/v1/webhooks/" + webhookId + "/deliveries/" + UUID.randomUUID() + "/retry", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void deliveriesAreCountedAndTimedInTheMetrics() {
        WebhookReceiver receiver = receiver();
        register(Map.of("url", receiver.url()));
        merchant.create(Map.of("first_name", "Counted"));
        await().atMost(DEADLINE).until(() -> receiver.succeeded().size() == 1);

        String metrics = ApiClient.anonymous(port).login("operator", "key-of-the-operator-app-00000000").get("/actuator/prometheus").body().asText();

        assertThat(metrics).containsPattern("customers_webhooks_deliveries_total\\{outcome=\"delivered\"\\} [1-9]")
                .containsPattern("customers_webhooks_delivery_latency_seconds_count [1-9]")
                .contains("customers_webhooks_delivery_latency_seconds{quantile=\"0.99\"}");
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = WebhookReceiver.start();
        receivers.add(receiver);
        return receiver;
    }

    private JsonNode register(Map<String, Object> body) {
        ApiClient.Response response = merchant.post("/v1/webhooks", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("Location")).endsWith("/v1/webhooks/" + response.body().get("webhook_id").asText());
        webhooks.add(response.body().get("webhook_id").asText());
        return response.body();
    }

    /** Each customer's events arrived in sequence order (a repeat of an earlier one allowed), all {@code perCustomer} of them. */
    private static void assertInCustomerOrder(List<WebhookReceiver.Received> deliveries, List<String> customers, int perCustomer) {
        Map<String, List<Integer>> sequences = new LinkedHashMap<>();
        for (WebhookReceiver.Received delivery : deliveries) {
            JsonNode event = delivery.json();
            sequences.computeIfAbsent(event.get("customer_id").asText(), key -> new ArrayList<>()).add(event.get("sequence").asInt());
        }
        for (String customer : customers) {
            List<Integer> seen = sequences.get(customer);
            assertThat(seen).as(customer).isNotNull();
            List<Integer> firstTimes = seen.stream().distinct().toList();
            assertThat(firstTimes).as("customer " + customer + " in order").isSorted()
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, perCustomer).boxed().toList());
        }
    }

    /** The customers' events in the feed, every page of it: the company holds more than a page once the other tests have run. */
    private Set<JsonNode> feedOf(List<String> customers) {
        Set<JsonNode> events = new java.util.HashSet<>();
        for (String after = "0"; ; ) {
            JsonNode page = merchant.get("/v1/events?limit=1000&after=" + after).body();
            page.get("data").forEach(event -> {
                if (customers.contains(event.get("customer_id").asText())) {
                    events.add(event);
                }
            });
            if (page.at("/meta/count").asInt() == 0) {
                return events;
            }
            after = page.at("/meta/next").asText();
        }
    }

    private static String hmacHex(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String reference() {
        return "wh_" + UUID.randomUUID().toString().substring(0, 12);
    }
}
