package org.customerprofile.query.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.axonframework.common.DateTimeUtils;
import org.customerprofile.query.customer.CustomerView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredProvenanceTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-02T13:40:01.123Z", "2026-12-02T13:40:01.123456Z", "2026-12-02T13:40:01.999999999Z", "2026-01-01T00:00:00.000Z",
            "1999-12-31T23:59:59.5Z", "2026-12-02T13:40:01Z", "2026-12-02T13:40:01.123+01:00", "2026-12-02t13:40:01.123z"})
    void publishesWhatParsingAndFormattingTheStoredTimeWould(String stored) {
        assertThat(StoredProvenance.published(stored)).isEqualTo(CustomerView.timestamp(DateTimeUtils.parseInstant(stored)));
    }

    @Test
    void publishesEveryTimeAxonStoresAsTheApiShowsIt() {
        for (Instant instant : new Instant[] {Instant.parse("2026-12-02T13:40:01.123456789Z"), Instant.parse("2026-12-02T13:40:01Z"),
                Instant.parse("2026-12-02T13:40:01.100Z"), Instant.now()}) {
            assertThat(StoredProvenance.published(DateTimeUtils.formatInstant(instant))).isEqualTo(CustomerView.timestamp(instant));
        }
    }

    @Test
    void readsTheAppAndRequestFromStoredMetadataWhateverElseItHolds() {
        byte[] metaData = """
                {"traceId":"t","companyId":"c","nested":{"appId":"not this"},"list":[1,{"requestId":"nor this"}],
                 "appId":"company1","requestId":"req-1","correlationId":null}""".getBytes(StandardCharsets.UTF_8);

        StoredProvenance provenance = StoredProvenance.ofRow("2026-12-02T13:40:01.123456Z", metaData);

        assertThat(provenance).isEqualTo(new StoredProvenance("2026-12-02T13:40:01.123Z", "company1", "req-1"));
    }

    @Test
    void leavesOutWhatTheMetadataDoesNotHold() {
        assertThat(StoredProvenance.ofRow("2026-12-02T13:40:01.123Z", "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new StoredProvenance("2026-12-02T13:40:01.123Z", null, null));
    }

    @Test
    void refusesMetadataThatIsNotAnObject() {
        assertThatThrownBy(() -> StoredProvenance.ofRow("2026-12-02T13:40:01.123Z", "[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class);
    }
}
