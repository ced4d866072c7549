package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The console leaves when its token expires, and says why: on a service whose tokens live four seconds. */
@StandaloneTest
@TestPropertySource(properties = "customers.security.token-lifetime=4s")
class ConsoleSessionExpiryTest {

    @LocalServerPort
    int port;

    @Test
    void signsOutWithAMessageWhenTheTokenExpires() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
            browser.load();
            browser.signIn("company1", "key-of-company-one-0000000000000");
            browser.visible(By.cssSelector("table.customers, .state.empty"));
            assertThat(browser.visible(By.id("top")).isDisplayed()).isTrue();

            browser.waitForText(By.id("signed-out-message"), "Your session expired");
            assertThat(browser.driver.findElement(By.id("top")).isDisplayed()).isFalse();
            assertThat(browser.driver.findElement(By.id("app-id-input")).isDisplayed()).isTrue();
            browser.screenshots("signed-out-expired");
            browser.assertOwnOriginOnly();
        }
    }
}
