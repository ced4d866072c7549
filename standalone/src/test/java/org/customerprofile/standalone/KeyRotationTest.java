package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An app in the middle of a rotation logs in with either key; once the first key is removed from the
 * configuration, the tokens issued with it are refused and those of the next key still work.
 */
@StandaloneTest
class KeyRotationTest {

    private static final String FIRST_KEY = "first-key-of-the-rotating-app-00";
    private static final String NEXT_KEY = "next-key-of-the-rotating-app-000";
    private static final String NEXT_KEY_HASH = "{bcrypt}$2a$10$9C9Hu4WZP5AcmJ4FiwFlAOuOoYFWa2192Y2wBI.klTy.SVz4uH5KG";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedPostgres postgres;
    @Autowired
    MongoServer mongo;

    @Test
    void removingAKeyRevokesTheTokensIssuedWithItAndOnlyThose() {
        ApiClient withFirstKey = ApiClient.anonymous(port).login("rotating", FIRST_KEY);
        ApiClient withNextKey = ApiClient.anonymous(port).login("rotating", NEXT_KEY);
        assertThat(withFirstKey.get("/v1/customers").status()).isEqualTo(200);
        assertThat(withNextKey.get("/v1/customers").status()).isEqualTo(200);

        // the rotation done: the next key is now the app's only key, in app-key
        try (SecondInstance rotated = new SecondInstance(postgres, mongo,
                "--customers.security.apps[0].app-id=rotating",
                "--customers.security.apps[0].app-key=" + NEXT_KEY_HASH,
                "--customers.security.apps[0].company-id=55555555-5555-4555-8555-555555555555")) {
            ApiClient firstKeyThere = withFirstKey.at(rotated.port());
            ApiClient nextKeyThere = withNextKey.at(rotated.port());

            ApiClient.Response revoked = firstKeyThere.get("/v1/customers");
            assertThat(revoked.status()).isEqualTo(401);
            assertThat(revoked.body().get("error_type").asText()).isEqualTo("unauthorized");
            assertThat(nextKeyThere.get("/v1/customers").status()).isEqualTo(200);
            assertThat(ApiClient.anonymous(rotated.port()).post("/v1/login", Map.of("app_id", "rotating", "app_key", FIRST_KEY)).status())
                    .isEqualTo(401);
            assertThat(ApiClient.anonymous(rotated.port()).login("rotating", NEXT_KEY).get("/v1/customers").status()).isEqualTo(200);
        }
    }
}
