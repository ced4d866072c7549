package org.customerprofile.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.customerprofile.api.customer.CustomerErased;

/**
 * The event serializer: the JSON serializer it wraps, with every personal value of a customer event encrypted
 * under the customer's data key on the way in and opened on the way out ({@link PersonalValues}). Every
 * reader of events — aggregates, processors, history, feed, rebuild, dead letters — goes through it, so each
 * sees plain values, or, once the customer is erased, none and the event's erased marker. Reading a
 * {@link CustomerErased} makes this process forget the customer's key at once ({@link DataKeys#forget}).
 */
public class EncryptingSerializer implements Serializer {

    private final Serializer json;
    private final DataKeys keys;

    public EncryptingSerializer(Serializer json, DataKeys keys) {
        this.json = json;
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || !PersonalValues.mayHoldPersonalValues(object.getClass().getName())) {
            return json.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> tree = json.serialize(object, JsonNode.class);
        ObjectNode encrypted = PersonalValues.encrypt(object.getClass().getName(), (ObjectNode) tree.getData(), keys::forWriting);
        return getConverter().convert(new SimpleSerializedObject<>(encrypted, JsonNode.class, tree.getType()), expectedRepresentation);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return json.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (!PersonalValues.mayHoldPersonalValues(serializedObject.getType().getName())) {
            T event = json.deserialize(serializedObject);
            if (event instanceof CustomerErased erased) {
                // committed, or it could not be read: this process must not open the customer's values again
                keys.forget(erased.customerId());
            }
            return event;
        }
        JsonNode tree = getConverter().convert(serializedObject, JsonNode.class).getData();
        if (JsonNode.class.isAssignableFrom(serializedObject.getContentType())) {
            // a copy: an upcaster's intermediate representation may hand out the same node to several readers;
            // a tree parsed here from bytes (an event no upcaster changed) is this reader's own
            tree = tree.deepCopy();
        }
        ObjectNode opened = PersonalValues.decrypt(serializedObject.getType().getName(), (ObjectNode) tree, keys::of);
        return json.deserialize(new SimpleSerializedObject<>(opened, JsonNode.class, serializedObject.getType()));
    }

    @Override
    public Class classForType(SerializedType type) {
        return json.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return json.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return json.getConverter();
    }
}
