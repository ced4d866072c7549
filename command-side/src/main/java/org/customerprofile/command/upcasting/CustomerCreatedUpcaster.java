package org.customerprofile.command.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.customerprofile.api.customer.CustomerCreated;
import org.springframework.stereotype.Component;

/**
 * {@link CustomerCreated} revision {@code null} → {@code 1}. Revision {@code null} covers two stored
 * shapes: the first one, which kept the profile under {@code fields}, and the current one ({@code
 * profile}), written before the event had a revision. The first is renamed; the second passes as is.
 */
@Component
class CustomerCreatedUpcaster extends SingleEventUpcaster {

    static final SerializedType REVISION_NULL = new SimpleSerializedType(CustomerCreated.class.getName(), null);
    static final SerializedType REVISION_1 = new SimpleSerializedType(CustomerCreated.class.getName(), "1");

    static final String OLD_NAME = "fields";
    static final String NEW_NAME = "profile";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().equals(REVISION_NULL);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(REVISION_1, JsonNode.class, CustomerCreatedUpcaster::profileUnderItsName);
    }

    private static JsonNode profileUnderItsName(JsonNode payload) {
        if (!(payload instanceof ObjectNode object) || object.has(NEW_NAME) || !object.has(OLD_NAME)) {
            return payload;
        }
        ObjectNode renamed = object.deepCopy();
        renamed.set(NEW_NAME, renamed.remove(OLD_NAME));
        return renamed;
    }
}
