package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.customerprofile.api.customer.CustomerField;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A seeded property test (a loop rather than jqwik: jqwik's runner does not start a Spring test context)
 * over every field of the catalogue ({@link CustomerField}), each value generated from the field's own rule
 * (lengths, pattern, format), free text and names in random Unicode: for any accepted create or update — astral
 * characters, combining marks, right-to-left text, bidirectional controls, U+FFFD itself — {@code GET},
 * {@code ?version=<latest>}, the history, the feed and a rebuilt read model all show exactly what was sent;
 * and every invalid form (malformed UTF-8, unpaired surrogates, control characters) is a {@code 400} naming
 * the field, changing nothing.
 */
@StandaloneTest
class UnicodeRoundTripTest {

    private static final long SEED = 1414;
    private static final int CUSTOMERS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Letters and marks of many scripts, some outside the Basic Multilingual Plane. */
    private static final int[] LETTERS = {'a', 'Z', 0xEB, 0xDF, 0x141, 0x3A9, 0x416, 0x5E9, 0x5DD, 0x639, 0x628, 0x674E, 0x30A2,
            0xD55C, 0x915, 0x995, 0x10400, 0x1D49C, 0x20000, 0x2F800};
    private static final int[] MARKS = {0x301, 0x308, 0x93F, 0x5B4, 0x64E};
    /** Anything else a line of an address may hold, tab and newline included. */
    private static final int[] OTHERS = {' ', '#', '/', ',', '&', '(', '7', 0x1F600, 0x1F44D, 0x1F3FD, 0x200D, 0x200F, 0x202E,
            0xFEFF, 0xFFFD, 0x20AC, 0x1F1EB, 0x1F1F7, '\t', '\n', '"', '\\'};
    private static final int[] ASCII = IntStream.rangeClosed(0x20, 0x7E).toArray();
    /** Drawn from one group at a time, so that text a pattern allows much Unicode in is mostly Unicode. */
    private static final List<int[]> ALPHABETS = List.of(LETTERS, MARKS, OTHERS, ASCII);
    private static final List<String> COUNTRIES = List.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));
    /** Every string field: where each invalid form of text is tried. */
    private static final List<String> TEXT_FIELDS = Arrays.stream(CustomerField.values())
            .filter(field -> field.type() == String.class).map(CustomerField::path).toList();

    @LocalServerPort
    int port;

    private final Random random = new Random(SEED);
    private final Set<CustomerField> covered = EnumSet.noneOf(CustomerField.class);
    private String token;

    @Test
    void whatIsAcceptedIsWhatEveryViewShowsAndInvalidTextIsRefusedByField() {
        ApiClient company1 = ApiClient.company1(port);
        token = company1.post("/v1/login", Map.of("app_id", "company1", "app_key", "key-of-company-one-0000000000000"))
                .body().get("access_token").asText();
        long feedStart = lastPosition(company1);
        Map<String, Map<String, JsonNode>> expected = new LinkedHashMap<>();

        for (int i = 0; i < CUSTOMERS; i++) {
            Map<String, JsonNode> profile = randomLeaves("u" + i + "_", true);
            String id = company1.create(nest(profile));
            for (int updates = random.nextInt(3); updates > 0; updates--) {
                Map<String, JsonNode> patch = randomLeaves("u" + i + "_" + updates + "_", false);
                ApiClient.Response updated = company1.put("/v1/customers/" + id, nest(patch));
                assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
                patch.forEach((path, value) -> {
                    if (value.isNull()) {
                        profile.remove(path);
                    } else {
                        profile.put(path, value);
                    }
                });
            }
            expected.put(id, profile);
            refusesInvalidText(company1, id);
        }

        assertThat(covered).as("every field of the catalogue was written").containsExactlyInAnyOrder(CustomerField.values());

        Map<String, List<JsonNode>> feed = feedByCustomer(company1, feedStart);
        assertThat(feed.keySet()).as("no event from a refused request").isEqualTo(expected.keySet());
        expected.forEach((id, profile) -> {
            JsonNode current = company1.get("/v1/customers/" + id).body();
            assertThat(leaves(current)).as("GET %s", id).isEqualTo(profile);
            JsonNode history = company1.get("/v1/customers/" + id + "/events?limit=100").body().get("data");
            assertThat(company1.get("/v1/customers/" + id + "?version=" + history.size()).body()).as("?version=latest").isEqualTo(current);
            assertThat(fold(history)).as("history of %s", id).isEqualTo(profile);
            assertThat(fold(feed.get(id))).as("feed of %s", id).isEqualTo(profile);
        });

        ApiClient operator = ApiClient.anonymous(port).login("operator", "key-of-the-operator-app-00000000");
        assertThat(operator.post("/v1/operations/read-model/rebuild", "{}").status()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(operator.get("/v1/operations/read-model/rebuild").body().get("state").asText()).isEqualTo("done"));
        expected.forEach((id, profile) ->
                assertThat(leaves(company1.get("/v1/customers/" + id).body())).as("rebuilt %s", id).isEqualTo(profile));
    }

    /** Each invalid form of text, in a random text field of the customer, raw or escaped: 400 naming the field. */
    private void refusesInvalidText(ApiClient company1, String id) {
        JsonNode before = company1.get("/v1/customers/" + id).body();
        List<String> fields = TEXT_FIELDS;
        List<int[]> rawForms = List.of(new int[]{0xC0, 0xAF}, new int[]{0xED, 0xA0, 0x80}, new int[]{0xED, 0xBF, 0xBF},
                new int[]{0xF4, 0x90, 0x80, 0x80}, new int[]{0xF8, 0x88, 0x80, 0x80, 0x80}, new int[]{0x01}, new int[]{0x7F});
        List<String> escapedForms = List.of("\\ud800", "\\udc00", "x\\ud83d", "\\u0000", "\\u001b", "\\u0085", "a\\r\\n");
        for (int[] raw : rawForms) {
            String path = fields.get(random.nextInt(fields.size()));
            assertRefused(company1, id, path, bodyWith(path, raw, null));
        }
        for (String escaped : escapedForms) {
            String path = fields.get(random.nextInt(fields.size()));
            assertRefused(company1, id, path, bodyWith(path, null, escaped));
        }
        assertThat(company1.get("/v1/customers/" + id).body()).as("refused updates changed nothing").isEqualTo(before);
    }

    private void assertRefused(ApiClient company1, String id, String path, byte[] body) {
        for (String[] call : List.of(new String[]{"PUT", "/v1/customers/" + id}, new String[]{"POST", "/v1/customers"})) {
            JsonNode answer = sendRaw(call[0], call[1], body);
            assertThat(answer.get("status").asInt()).as("%s %s", call[0], new String(body, StandardCharsets.ISO_8859_1)).isEqualTo(400);
            assertThat(answer.at("/body/error_type").asText()).isEqualTo("validation");
            assertThat(answer.at("/body/invalid_parameters/0/parameter").asText()).as(answer.toString()).isEqualTo(path);
        }
    }

    /** {"a": {"b": "<before>…<after>"}} for path a.b, with raw bytes or an escape sequence in the string. */
    private static byte[] bodyWith(String path, int[] raw, String escaped) {
        String[] parts = path.split("\\.");
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            open.append("{\"").append(parts[i]).append("\": ").append(i == parts.length - 1 ? "\"ok " : "");
            close.insert(0, i == parts.length - 1 ? " ok\"}" : "}");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(open.toString().getBytes(StandardCharsets.UTF_8));
        if (raw != null) {
            for (int b : raw) {
                bytes.write(b);
            }
        } else {
            bytes.writeBytes(escaped.getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes(close.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private JsonNode sendRaw(String method, String path, byte[] body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            ObjectNode answer = JSON.createObjectNode().put("status", response.statusCode());
            answer.set("body", JSON.readTree(response.body()));
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- generators

    /**
     * Random valid leaves by dotted path, one chance for every field of the catalogue; on update, sometimes
     * {@code null} to clear one. Each value is what the service keeps: {@link CustomerField#normalized}.
     */
    private Map<String, JsonNode> randomLeaves(String referencePrefix, boolean create) {
        Map<String, JsonNode> leaves = new TreeMap<>();
        for (CustomerField field : CustomerField.values()) {
            int dice = random.nextInt(10);
            if (dice < 7 || (create && field == CustomerField.REFERENCE)) {
                leaves.put(field.path(), valid(field, field == CustomerField.REFERENCE ? referencePrefix : ""));
                covered.add(field);
            } else if (dice == 7 && !create) {
                leaves.put(field.path(), JsonNodeFactory.instance.nullNode());
            }
        }
        return leaves;
    }

    /** A random value the field's rule accepts, starting with {@code prefix} (what keeps references unique). */
    private JsonNode valid(CustomerField field, String prefix) {
        if (field.type() == Boolean.class) {
            return JsonNodeFactory.instance.booleanNode(random.nextBoolean());
        }
        String value = switch (field.rule().format()) {
            case TEXT -> textOf(field, prefix);
            case EMAIL -> bmpLetters(1 + random.nextInt(20)) + List.of("@bücher例子.广告", "@example.com", "@xn--mnchen-3ya.de", "@ÿ.fr")
                    .get(random.nextInt(4));
            case DATE -> LocalDate.now(ZoneOffset.UTC).minusDays(random.nextInt(40_000)).toString();
            case IP -> random.nextBoolean()
                    ? random.ints(4, 0, 256).mapToObj(Integer::toString).collect(Collectors.joining("."))
                    : random.ints(8, 0, 0x10000).mapToObj(Integer::toHexString).collect(Collectors.joining(":"));
            case BASE64 -> {
                byte[] data = new byte[1 + random.nextInt(field.rule().maxLength() * 3 / 4 / 8)];
                random.nextBytes(data);
                yield Base64.getEncoder().encodeToString(data);
            }
            case COUNTRY_CODE -> {
                String code = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
                yield random.nextBoolean() ? code : code.toLowerCase(Locale.ROOT);
            }
            case BOOLEAN -> throw new AssertionError(field + " is typed Boolean");
        };
        assertThat(field.problems(field.normalized(value))).as("generated %s = %s", field, value).isEmpty();
        return text(field.normalized(value));
    }

    /**
     * Text of the field's length, from the characters its pattern allows (every one for free text):
     * the longest prefix of a random string that the rule accepts.
     */
    private String textOf(CustomerField field, String prefix) {
        List<int[]> alphabets = ALPHABETS.stream()
                .map(alphabet -> IntStream.of(alphabet).filter(c -> accepts(field, prefix + Character.toString(c))).toArray())
                .filter(alphabet -> alphabet.length > 0).toList();
        assertThat(alphabets).as("characters %s accepts", field).isNotEmpty();
        int max = field.rule().maxLength() == null ? 50 : field.rule().maxLength();
        int target = prefix.length() + 1 + random.nextInt(max - prefix.length());
        StringBuilder text = new StringBuilder(prefix);
        List<Integer> ends = new ArrayList<>(List.of(text.length()));
        while (text.length() < target) {
            int[] alphabet = alphabets.get(random.nextInt(alphabets.size()));
            int codePoint = alphabet[random.nextInt(alphabet.length)];
            if (text.length() + Character.charCount(codePoint) > max) {
                break;
            }
            text.appendCodePoint(codePoint);
            ends.add(text.length());
        }
        for (int i = ends.size() - 1; i >= 0; i--) {
            String candidate = text.substring(0, ends.get(i));
            if (accepts(field, candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no value of " + field + " accepted from " + text);
    }

    private static boolean accepts(CustomerField field, String value) {
        return field.problems(field.normalized(value)).isEmpty();
    }

    /** Letters of any script in the Basic Multilingual Plane: what the local part of an email address takes. */
    private String bmpLetters(int count) {
        StringBuilder letters = new StringBuilder();
        while (letters.length() < count) {
            int letter = LETTERS[random.nextInt(LETTERS.length)];
            if (Character.isBmpCodePoint(letter)) {
                letters.appendCodePoint(letter);
            }
        }
        return letters.toString();
    }

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }

    // ---------------------------------------------------------------- views

    private static ObjectNode nest(Map<String, JsonNode> leaves) {
        ObjectNode root = JSON.createObjectNode();
        leaves.forEach((path, value) -> {
            ObjectNode at = root;
            String[] parts = path.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                at = at.has(parts[i]) ? (ObjectNode) at.get(parts[i]) : at.putObject(parts[i]);
            }
            at.set(parts[parts.length - 1], value);
        });
        return root;
    }

    /** The customer object's non-null leaves by dotted path, read-only fields left out. */
    private static Map<String, JsonNode> leaves(JsonNode customer) {
        Map<String, JsonNode> leaves = new TreeMap<>();
        collect(customer, "", leaves);
        CustomerField.READ_ONLY.forEach(leaves::remove);
        return leaves;
    }

    private static void collect(JsonNode node, String prefix, Map<String, JsonNode> leaves) {
        node.fields().forEachRemaining(field -> {
            String path = prefix + field.getKey();
            if (field.getValue().isObject()) {
                collect(field.getValue(), path + ".", leaves);
            } else if (!field.getValue().isNull()) {
                leaves.put(path, field.getValue());
            }
        });
    }

    /** The state a customer's events add up to: each change's new value, a cleared field removed. */
    private static Map<String, JsonNode> fold(Iterable<JsonNode> events) {
        Map<String, JsonNode> state = new TreeMap<>();
        for (JsonNode event : events) {
            event.get("changes").fields().forEachRemaining(change -> {
                JsonNode value = change.getValue().get("new");
                if (value == null || value.isNull()) {
                    state.remove(change.getKey());
                } else {
                    state.put(change.getKey(), value);
                }
            });
        }
        return state;
    }

    private static long lastPosition(ApiClient client) {
        long after = 0;
        while (true) {
            JsonNode page = client.get("/v1/events?limit=1000&after=" + after).body();
            long next = page.at("/meta/next").asLong();
            if (page.get("data").isEmpty() || next == after) {
                return after;
            }
            after = next;
        }
    }

    private static Map<String, List<JsonNode>> feedByCustomer(ApiClient client, long after) {
        Map<String, List<JsonNode>> events = new LinkedHashMap<>();
        while (true) {
            JsonNode page = client.get("/v1/events?limit=1000&after=" + after).body();
            page.get("data").forEach(event ->
                    events.computeIfAbsent(event.get("customer_id").asText(), id -> new ArrayList<>()).add(event));
            long next = page.at("/meta/next").asLong();
            if (page.get("data").isEmpty() || next == after) {
                return events;
            }
            after = next;
        }
    }
}
