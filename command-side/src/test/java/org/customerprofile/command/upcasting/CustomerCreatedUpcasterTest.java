package org.customerprofile.command.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.Profile;
import org.junit.jupiter.api.Test;

class CustomerCreatedUpcasterTest {

    private static final UUID CUSTOMER = UUID.fromString("0f0e0d0c-0b0a-4908-8706-050403020100");
    private static final UUID COMPANY = UUID.fromString("11111111-1111-4111-8111-111111111111");

    private final JacksonSerializer serializer = JacksonSerializer.builder().revisionResolver(new EventRevisions()).build();
    private final CustomerCreatedUpcaster upcaster = new CustomerCreatedUpcaster();

    @Test
    void readsTheFirstShapeWithItsProfileUnderFields() {
        IntermediateEventRepresentation upcast = upcastOne(stored(null,
                "{\"customerId\":\"" + CUSTOMER + "\",\"companyId\":\"" + COMPANY + "\","
                        + "\"fields\":{\"first_name\":\"Ada\",\"billing.address.city\":\"London\"}}"));

        assertThat(upcast.getType().getRevision()).isEqualTo("1");
        assertThat(read(upcast)).isEqualTo(new CustomerCreated(CUSTOMER, COMPANY,
                new Profile(Map.of(CustomerField.FIRST_NAME, "Ada", CustomerField.BILLING_ADDRESS_CITY, "London"))));
    }

    @Test
    void readsTheCurrentShapeStoredBeforeTheEventHadARevisionAsItIs() {
        IntermediateEventRepresentation upcast = upcastOne(stored(null,
                "{\"customerId\":\"" + CUSTOMER + "\",\"companyId\":\"" + COMPANY + "\",\"profile\":{\"first_name\":\"Ada\"}}"));

        assertThat(upcast.getType().getRevision()).isEqualTo("1");
        assertThat(read(upcast)).isEqualTo(new CustomerCreated(CUSTOMER, COMPANY, new Profile(Map.of(CustomerField.FIRST_NAME, "Ada"))));
    }

    @Test
    void keepsProfileWhenAnUnrevisionedEventHasBothNames() {
        IntermediateEventRepresentation upcast = upcastOne(stored(null,
                "{\"customerId\":\"" + CUSTOMER + "\",\"companyId\":\"" + COMPANY + "\","
                        + "\"profile\":{\"first_name\":\"Ada\"},\"fields\":{\"first_name\":\"Eve\"}}"));

        assertThat(upcast.getData(JsonNode.class).getData().at("/profile/first_name").asText())
                .isEqualTo("Ada");
    }

    @Test
    void leavesRevisionOneAndOtherEventsAlone() {
        String json = "{\"customerId\":\"" + CUSTOMER + "\",\"companyId\":\"" + COMPANY + "\",\"profile\":{}}";
        InitialEventRepresentation current = stored("1", json);
        InitialEventRepresentation other = new InitialEventRepresentation(new GenericDomainEventEntry<>("Customer", CUSTOMER.toString(), 1,
                UUID.randomUUID().toString(), Instant.now(), "org.customerprofile.api.customer.CustomerUpdated", null,
                "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)), serializer);

        List<IntermediateEventRepresentation> upcast = upcaster.upcast(Stream.of(current, other)).toList();

        assertThat(upcast).containsExactly(current, other);
    }

    @Test
    void newEventsAreStoredAsRevisionOne() {
        SerializedObject<byte[]> stored = serializer.serialize(new CustomerCreated(CUSTOMER, COMPANY, Profile.EMPTY), byte[].class);

        assertThat(stored.getType().getRevision()).isEqualTo("1");
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).contains("\"profile\"").doesNotContain("\"fields\"");
    }

    private IntermediateEventRepresentation upcastOne(InitialEventRepresentation stored) {
        List<IntermediateEventRepresentation> upcast = upcaster.upcast(Stream.of(stored)).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }

    private InitialEventRepresentation stored(String revision, String payload) {
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("Customer", CUSTOMER.toString(), 0,
                UUID.randomUUID().toString(), Instant.now(), CustomerCreated.class.getName(), revision,
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)), serializer);
    }

    private CustomerCreated read(IntermediateEventRepresentation event) {
        return serializer.deserialize(event.getData());
    }
}
