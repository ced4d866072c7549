package org.customerprofile.web.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.UUIDSchema;
import java.util.List;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.FieldRule;
import org.customerprofile.api.customer.Format;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The customer's schemas, built from the field catalogue so that the document cannot disagree with what
 * the service accepts: {@code CustomerCreate} and {@code CustomerUpdate} (request bodies), {@code Customer}
 * (what reads answer) and the write answers. Controllers refer to them by name ({@link #ref}).
 */
public class CustomerSchemas implements OpenApiCustomizer {

    public static final String CUSTOMER = "Customer";
    public static final String CREATE = "CustomerCreate";
    public static final String UPDATE = "CustomerUpdate";
    public static final String CREATED = "CustomerCreated";
    public static final String UPDATED = "UpdateStatus";

    /** For {@code @Schema(ref = ...)}: annotation values must be constants. */
    public static final String REF = "#/components/schemas/";

    @Override
    public void customise(OpenAPI api) {
        api.getComponents()
                .addSchemas(CUSTOMER, customer())
                .addSchemas(CREATE, fields(new ObjectSchema(), false)
                        .description("A new customer: no field is required; an empty string counts as not given."))
                .addSchemas(UPDATE, fields(new ObjectSchema(), true)
                        .description("A partial update: fields left out stay unchanged, nested objects merge field by field, "
                                + "null clears a field."))
                .addSchemas(CREATED, new ObjectSchema()
                        .addProperty("customer_id", new UUIDSchema().description("the new customer's id"))
                        .required(List.of("customer_id")))
                .addSchemas(UPDATED, new ObjectSchema()
                        .addProperty("status", new StringSchema()._enum(List.of("success")))
                        .required(List.of("status")));
    }

    /** A customer as reads answer it; {@code filter} leaves out the fields it does not name, so none is required. */
    static Schema<?> customer() {
        ObjectSchema customer = new ObjectSchema();
        customer.description("A customer of the caller's company.");
        for (String readOnly : CustomerField.READ_ONLY) {
            customer.addProperty(readOnly, readOnlySchema(readOnly));
        }
        return fields(customer, false);
    }

    /** Adds every catalogue field to {@code root}, nested by its dotted path, in the catalogue's order. */
    static ObjectSchema fields(ObjectSchema root, boolean nullable) {
        for (CustomerField field : CustomerField.values()) {
            String[] names = field.path().split("\\.");
            Schema<?> object = root;
            for (int i = 0; i < names.length - 1; i++) {
                object = objectProperty(object, names[i]);
            }
            object.addProperty(names[names.length - 1], leaf(field, nullable));
        }
        return root;
    }

    static Schema<?> leaf(CustomerField field, boolean nullable) {
        FieldRule rule = field.rule();
        Schema<?> leaf = field.type() == Boolean.class ? new BooleanSchema() : new StringSchema();
        leaf.minLength(rule.minLength())
                .maxLength(rule.maxLength())
                // OpenAPI patterns are unanchored; the catalogue's must match the whole value
                .pattern(rule.pattern() == null ? null : "^(?:" + rule.pattern() + ")$")
                .format(formatOf(rule.format()))
                .description(rule.description());
        if (nullable) {
            leaf.nullable(true);
        }
        return leaf;
    }

    /** The OpenAPI format a generator understands, or none where the catalogue's check has no standard name. */
    static String formatOf(Format format) {
        return switch (format) {
            case EMAIL -> "email";
            case DATE -> "date";
            case TEXT, IP, BASE64, COUNTRY_CODE, BOOLEAN -> null;
        };
    }

    private static Schema<?> readOnlySchema(String name) {
        Schema<?> schema = name.endsWith("_id") ? new UUIDSchema() : new DateTimeSchema();
        return schema.readOnly(true).description(switch (name) {
            case "customer_id" -> "assigned by the service";
            case "company_id" -> "the owning company, the caller's";
            case "created" -> "when the customer was created, UTC to the millisecond";
            default -> "when the customer last changed, UTC to the millisecond";
        });
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> objectProperty(Schema<?> parent, String name) {
        Schema existing = parent.getProperties() == null ? null : (Schema) parent.getProperties().get(name);
        if (existing != null) {
            return existing;
        }
        ObjectSchema object = new ObjectSchema();
        parent.addProperty(name, object);
        return object;
    }
}
