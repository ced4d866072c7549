package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.customerprofile.standalone.ErasureTest.marker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The merchant console in a real browser against the whole service: what a merchant's people do with it,
 * through its pages only, while the API is used beside it as another app of the company would. One browser
 * for the class; each test loads the console afresh, which signs it out.
 */
@StandaloneTest
class ConsoleBrowserTest {

    private static final String APP_ID = "company1";
    private static final String APP_KEY = "key-of-company-one-0000000000000";
    private static ConsoleBrowser browser;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    @BeforeAll
    static void noBrowserYet() {
        browser = null;
    }

    @BeforeEach
    void console() {
        if (browser == null) {
            browser = ConsoleBrowser.open(port);
        }
        api = ApiClient.company1(port);
        browser.load();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void signsInAfterARefusedKey() {
        browser.screenshots("sign-in");
        browser.signIn(APP_ID, "not-the-key-of-company-one-00000");
        browser.waitForText(By.id("sign-in-status"), "were not accepted");
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("app-key-input");
        browser.screenshots("sign-in-refused");

        // by keyboard alone: the key field is focused after a refusal, Enter submits, and focus shows
        browser.driver.switchTo().activeElement().sendKeys(APP_KEY, Keys.ENTER);
        browser.visible(By.cssSelector("table.customers, .state.empty"));
        assertThat(browser.visible(By.id("app-id")).getText()).isEqualTo(APP_ID);
        browser.driver.findElement(By.id("search-q")).sendKeys(Keys.TAB);
        assertThat(browser.script("return document.activeElement.textContent")).isEqualTo("Search");
        assertThat(browser.script("return getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
        browser.waitForText(By.id("live"), "Live");
        browser.screenshots("customers");
        browser.assertOwnOriginOnly();
    }

    @Test
    void findsACustomerByEmailAndByPartOfTheName() {
        String last = "Lovelace" + marker("x");
        String email = marker("ada") + "@example.com";
        String id = create(Map.of("first_name", "Ada", "last_name", last, "email", email));
        create(Map.of("first_name", "Grace", "last_name", "Hopper" + marker("x")));
        browser.signIn(APP_ID, APP_KEY);
        browser.visible(By.cssSelector("table.customers"));

        browser.type(By.id("search-q"), last.substring(0, 12).toLowerCase());
        browser.driver.findElement(By.id("search-q")).sendKeys(Keys.ENTER);
        browser.waitUntil(driver -> rows().equals(List.of(id)));
        browser.screenshots("customers-search");

        browser.go("#/customers");
        browser.waitUntil(driver -> rows().size() > 1);
        browser.driver.findElement(By.cssSelector("details.filters summary")).click();
        browser.type(By.id("filter-email"), email.toUpperCase());
        browser.driver.findElement(By.cssSelector("details.filters button[type=submit]")).click();
        browser.waitUntil(driver -> rows().equals(List.of(id)));
        browser.screenshots("customers-filtered");
        browser.assertOwnOriginOnly();
    }

    @Test
    void editsWithTheApisComplaintBesideTheFieldThenShowsOldAndNewInTheHistory() {
        String id = create(Map.of("first_name", "Ada", "last_name", "Lovelace",
                "billing", Map.of("address", Map.of("city", "London", "postcode", "E1 7RT", "country_code", "GB"))));
        browser.signIn(APP_ID, APP_KEY);
        browser.visible(By.cssSelector("table.customers"));
        browser.go("#/customers/" + id);
        browser.waitForText(By.tagName("h1"), "Ada Lovelace");
        browser.visible(By.cssSelector(".timeline .event"));

        browser.driver.findElement(By.id("edit-customer")).click();
        browser.type(By.id("field-billing-email"), "not-an-email");
        browser.driver.findElement(By.id("save-customer")).click();
        WebElement complaint = browser.visible(By.id("field-billing-email-error"));
        assertThat(complaint.getText()).isNotBlank();
        assertThat(browser.driver.findElement(By.id("field-billing-email")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver.findElement(By.id("field-first-name-error")).isDisplayed()).isFalse();
        browser.screenshots("customer-edit-invalid");

        browser.type(By.id("field-billing-email"), "ada@example.com");
        browser.type(By.id("field-first-name"), "Augusta");
        browser.driver.findElement(By.id("save-customer")).click();
        browser.waitForText(By.tagName("h1"), "Augusta Lovelace");
        browser.waitForText(By.cssSelector(".flash"), "Changes saved");

        WebElement change = browser.visible(By.cssSelector(".event[data-sequence='2'] tr[data-field='first_name']"));
        assertThat(change.findElement(By.cssSelector("td.old")).getText()).isEqualTo("Ada");
        assertThat(change.findElement(By.cssSelector("td.new")).getText()).isEqualTo("Augusta");
        assertThat(browser.driver.findElement(By.cssSelector(".event[data-sequence='2'] .event-meta")).getText())
                .contains("by app " + APP_ID).contains("request");
        assertThat(browser.driver.findElements(By.cssSelector(".event[data-sequence='2'] tr[data-field]"))).hasSize(2);
        browser.screenshots("customer");

        browser.driver.findElement(By.cssSelector(".event[data-sequence='1'] a.as-of")).click();
        browser.visible(By.id("as-of-banner"));
        browser.waitForText(By.tagName("h1"), "Ada Lovelace as of event 1");
        assertThat(browser.driver.findElement(By.cssSelector("dd[data-field='first_name']")).getText()).isEqualTo("Ada");
        assertThat(browser.driver.findElements(By.cssSelector("dd[data-field='billing.email']"))).isEmpty();
        browser.screenshots("customer-as-of");
        browser.assertOwnOriginOnly();
    }

    @Test
    void showsACustomerCreatedElsewhereWithoutAReload() {
        browser.signIn(APP_ID, APP_KEY);
        browser.visible(By.cssSelector("table.customers, .state.empty"));
        browser.waitForText(By.id("live"), "Live");
        browser.script("window.sameDocument = true");

        String id = create(Map.of("first_name", "Live", "last_name", "Arrival" + marker("x")));
        browser.waitUntil(driver -> rows().contains(id));
        assertThat(browser.script("return window.sameDocument === true")).isEqualTo(true);
        assertThat(browser.script("return document.querySelector(`tr[data-customer-id='${arguments[0]}']`).className", id)).isEqualTo("fresh");
    }

    @Test
    void exportsAFileAndErasesOnlyAfterTheWordIsTyped() throws Exception {
        String last = "Erasable" + marker("x");
        String id = create(Map.of("first_name", "Eve", "last_name", last));
        browser.signIn(APP_ID, APP_KEY);
        browser.visible(By.cssSelector("table.customers"));
        browser.go("#/customers/" + id);
        browser.waitForText(By.tagName("h1"), last);

        Path file = ConsoleBrowser.DOWNLOADS.resolve("customer-" + id + ".json");
        Files.deleteIfExists(file);
        browser.driver.findElement(By.id("export-customer")).click();
        browser.waitUntil(driver -> Files.exists(file));
        browser.waitUntil(driver -> ApiClient.json(read(file)).path("customer").path("last_name").asText().equals(last));
        assertThat(ApiClient.json(read(file)).path("events").size()).isEqualTo(1);

        browser.driver.findElement(By.id("erase-customer")).click();
        WebElement confirm = browser.visible(By.id("confirm-erase"));
        assertThat(confirm.isEnabled()).isFalse();
        browser.type(By.id("erase-confirmation"), "eras");
        assertThat(confirm.isEnabled()).isFalse();
        browser.screenshots("customer-erase");
        browser.driver.findElement(By.id("erase-confirmation")).sendKeys("e");
        assertThat(confirm.isEnabled()).isTrue();
        confirm.click();
        browser.waitForText(By.cssSelector(".flash"), "was erased");
        assertThat(api.get("/v1/customers/" + id).status()).isEqualTo(410);

        browser.go("#/customers/" + id);
        browser.waitForText(By.tagName("h1"), "Erased customer");
        browser.visible(By.cssSelector(".event.customer-erased"));
        assertThat(browser.driver.findElement(By.cssSelector(".event[data-sequence='1'] .erased-note")).getText()).contains("Changed First name, Last name").contains("erased");
        assertThat(browser.driver.findElement(By.cssSelector(".timeline")).getText()).doesNotContain(last);
        browser.screenshots("customer-erased");
        browser.assertOwnOriginOnly();
    }

    @Test
    void warnsOfALikelyDuplicateBeforeCreating() {
        String email = marker("dup") + "@example.com";
        String existing = create(Map.of("first_name", "Dora", "last_name", "Duplicate", "email", email));
        browser.signIn(APP_ID, APP_KEY);
        browser.visible(By.cssSelector("table.customers"));
        browser.driver.findElement(By.cssSelector("a[data-nav='new']")).click();
        browser.type(By.id("field-first-name"), "Dora");
        browser.type(By.id("field-email"), email);
        browser.visible(By.cssSelector("#duplicates li[data-customer-id='" + existing + "']"));
        assertThat(browser.driver.findElement(By.id("duplicates")).getText()).contains("same email").contains("Dora Duplicate");
        browser.screenshots("customer-new-duplicate");

        browser.type(By.id("field-email"), "another-" + email);
        browser.type(By.id("field-last-name"), "Different");
        browser.driver.findElement(By.id("create-customer")).click();
        browser.waitForText(By.cssSelector(".flash"), "Customer created");
        browser.waitForText(By.tagName("h1"), "Dora Different");
        browser.assertOwnOriginOnly();
    }

    @Test
    void registersAWebhookShowsItsSecretOnceAndItsDeliveriesThenDisablesEnablesAndDeletesIt() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            browser.signIn(APP_ID, APP_KEY);
            browser.visible(By.cssSelector("table.customers, .state.empty"));
            browser.driver.findElement(By.cssSelector("a[data-nav='webhooks']")).click();
            browser.waitForText(By.tagName("h1"), "Webhooks");
            browser.visible(By.cssSelector("ul.webhooks, .results .state.empty"));

            // the API's complaint beside the field it names
            browser.type(By.id("webhook-url"), "ftp://example.com/hooks");
            browser.driver.findElement(By.id("add-webhook")).click();
            assertThat(browser.visible(By.id("webhook-url-error")).getText()).isNotBlank();
            assertThat(browser.driver.findElement(By.id("webhook-url")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("webhook-url");

            // the acquired format offers customer.created only, as the API accepts
            new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("webhook-format"))).selectByValue("acquired");
            assertThat(browser.driver.findElement(By.id("webhook-customer-updated")).isEnabled()).isFalse();
            new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("webhook-format"))).selectByValue("standard");
            assertThat(browser.driver.findElement(By.id("webhook-customer-updated")).isSelected()).isTrue();

            String url = receiver.url();
            browser.type(By.id("webhook-url"), url);
            browser.type(By.id("webhook-description"), "Console CRM sync");
            browser.driver.findElement(By.id("add-webhook")).click();
            String secret = browser.visible(By.id("webhook-secret")).getText();
            assertThat(secret).startsWith("whsec_").hasSizeGreaterThanOrEqualTo(32);
            browser.waitUntil(driver -> webhookCard(url) != null);
            assertThat(webhookCard(url).getText()).contains("Console CRM sync").contains("Enabled")
                    .contains("customer.created").contains("customer.updated").contains("customer.erased");
            assertThat(browser.driver.findElement(By.id("webhook-url")).getAttribute("aria-invalid")).isNull();
            String webhookId = webhookCard(url).getAttribute("data-webhook-id");
            assertThat(api.get("/v1/webhooks/" + webhookId).body().has("secret")).isFalse();

            String customer = create(Map.of("first_name", "Hooked", "last_name", "Customer" + marker("x")));
            browser.waitUntil(driver -> receiver.succeeded().stream()
                    .anyMatch(delivery -> delivery.json().path("customer_id").asText().equals(customer)));

            webhookCard(url).findElement(By.cssSelector("button.show-deliveries")).click();
            By row = By.xpath("//li[@data-webhook-id='" + webhookId + "']//table[contains(@class,'deliveries')]"
                    + "//tr[.//a[@href='#/customers/" + customer + "']]");
            browser.waitUntil(driver -> {
                if (driver.findElements(row).isEmpty() || !"delivered".equals(driver.findElement(row).getAttribute("data-status"))) {
                    driver.findElement(By.cssSelector("li[data-webhook-id='" + webhookId + "'] button.refresh-deliveries")).click();
                    return false;
                }
                return true;
            });
            WebElement delivery = browser.driver.findElement(row);
            assertThat(delivery.findElement(By.cssSelector(".badge")).getText()).isEqualTo("delivered");
            assertThat(delivery.findElement(By.cssSelector("td.attempts")).getText()).isEqualTo("1");
            assertThat(delivery.findElement(By.cssSelector("td.result")).getText()).isEqualTo("HTTP 200");
            assertThat(delivery.getText()).contains("customer.created").contains("Delivered");
            browser.screenshots("webhook-deliveries");

            webhookCard(url).findElement(By.cssSelector("button.toggle-enabled")).click();
            browser.waitForText(By.cssSelector(".webhook-news .flash"), "was disabled");
            browser.waitUntil(driver -> webhookCard(url) != null && webhookCard(url).getText().contains("Disabled"));
            assertThat(browser.driver.findElements(By.id("webhook-secret"))).as("the secret is shown once").isEmpty();
            assertThat(api.get("/v1/webhooks/" + webhookId).body().get("enabled").asBoolean()).isFalse();
            assertThat(webhookCard(url).findElement(By.cssSelector("button.toggle-enabled")).getText()).isEqualTo("Enable");
            browser.screenshots("webhooks-disabled");

            webhookCard(url).findElement(By.cssSelector("button.toggle-enabled")).click();
            browser.waitForText(By.cssSelector(".webhook-news .flash"), "was enabled");
            browser.waitUntil(driver -> webhookCard(url) != null && webhookCard(url).findElement(By.cssSelector(".badge")).getText().equals("Enabled"));
            assertThat(api.get("/v1/webhooks/" + webhookId).body().get("enabled").asBoolean()).isTrue();
            browser.screenshots("webhooks");

            // what the dispatcher does to a webhook whose every attempt failed for the retry max-age (WebhookTargetRefusalTest)
            jdbc.update("UPDATE webhook SET enabled = false, disabled_reason = 'disabled by the service: every delivery failed since "
                    + "2026-11-29T10:00:00Z' WHERE webhook_id = ?::uuid", webhookId);
            browser.go("#/customers");
            browser.visible(By.cssSelector("table.customers, .state.empty"));
            browser.go("#/webhooks");
            browser.waitUntil(driver -> webhookCard(url) != null && !webhookCard(url).findElements(By.cssSelector(".disabled-reason")).isEmpty());
            assertThat(webhookCard(url).findElement(By.cssSelector(".disabled-reason")).getText())
                    .contains("Disabled by the service: every delivery failed since 2026-11-29T10:00:00Z");
            browser.screenshots("webhooks-disabled-by-service");
            webhookCard(url).findElement(By.cssSelector("button.toggle-enabled")).click();
            browser.waitForText(By.cssSelector(".webhook-news .flash"), "was enabled");
            browser.waitUntil(driver -> webhookCard(url) != null && webhookCard(url).findElements(By.cssSelector(".disabled-reason")).isEmpty());
            assertThat(api.get("/v1/webhooks/" + webhookId).body().get("disabled_reason").isNull()).isTrue();

            webhookCard(url).findElement(By.cssSelector("button.delete-webhook")).click();
            browser.visible(By.id("confirm-delete-webhook")).click();
            browser.waitForText(By.cssSelector(".webhook-news .flash"), "was deleted");
            browser.waitUntil(driver -> webhookCard(url) == null);
            assertThat(api.get("/v1/webhooks/" + webhookId).status()).isEqualTo(404);
            browser.assertOwnOriginOnly();
        }
    }

    @Test
    void servesTheConsoleUnderAStrictPolicyWithoutAToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(browser.origin + "/console/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'; script-src 'self'; "
                + "style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=").doesNotContain("http://").doesNotContain("https://");

        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(browser.origin + "/console/js/main.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));

        HttpResponse<String> bare = http.send(HttpRequest.newBuilder(URI.create(browser.origin + "/console")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));

        // the console's files are open; the API behind it is not, and nothing but reading is allowed under /console
        assertThat(ApiClient.anonymous(port).get("/v1/customers").status()).isEqualTo(401);
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(browser.origin + "/console/index.html"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isIn(401, 403, 405);
    }

    /** The listed webhook to this URL, or null. */
    private WebElement webhookCard(String url) {
        return (WebElement) browser.script("return [...document.querySelectorAll('li.webhook')]"
                + ".find(card => card.querySelector('h2.url').textContent === arguments[0]) ?? null", url);
    }

    /** The ids of the customers listed, read at once: a live refresh may replace the rows at any moment. */
    @SuppressWarnings("unchecked")
    private List<String> rows() {
        return (List<String>) browser.script(
                "return [...document.querySelectorAll('table.customers tbody tr')].map(row => row.dataset.customerId)");
    }

    private String create(Map<String, Object> customer) {
        ApiClient.Response created = api.post("/v1/customers", customer);
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("customer_id").asText();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "{}";
        }
    }
}
