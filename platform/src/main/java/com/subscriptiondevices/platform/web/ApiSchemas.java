package com.subscriptiondevices.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Says in the OpenAPI document what the generator cannot see in a record: which members a response
 * always carries ({@code required}; Jackson writes nulls), which may be null, and examples. Each
 * module describes the schemas of its own answers with it, from an {@code OpenApiCustomizer}.
 */
public final class ApiSchemas {

    private final OpenAPI openApi;
    private final Schema<?> schema;
    private final String name;

    private ApiSchemas(OpenAPI openApi, String name, Schema<?> schema) {
        this.openApi = openApi;
        this.name = name;
        this.schema = schema;
    }

    /** The component schema {@code name}; fails when there is none, so a renamed record cannot go unnoticed. */
    public static ApiSchemas of(OpenAPI openApi, String name) {
        Map<String, Schema> schemas =
                openApi.getComponents() == null ? null : openApi.getComponents().getSchemas();
        Schema<?> schema = schemas == null ? null : schemas.get(name);
        if (schema == null) {
            throw new IllegalStateException("The OpenAPI document has no schema " + name);
        }
        return new ApiSchemas(openApi, name, schema);
    }

    /** Every member is written on every answer (null when it has no value). */
    public ApiSchemas allRequired() {
        schema.setRequired(new ArrayList<>(properties().keySet()));
        return this;
    }

    /** Only these members are always written (the others are left out when they have no value). */
    public ApiSchemas required(String... members) {
        List<String> required = new ArrayList<>();
        for (String member : members) {
            property(member);
            required.add(member);
        }
        schema.setRequired(required);
        return this;
    }

    /** These members may be null. */
    public ApiSchemas nullable(String... members) {
        for (String member : members) {
            properties().put(member, nullable(property(member)));
        }
        return this;
    }

    /** Every member may be null (a request's optional members: null means absent). */
    public ApiSchemas nullableUnlessRequired() {
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (String member : List.copyOf(properties().keySet())) {
            // a member that is one of several types (digits) has no null among them
            if (!required.contains(member) && property(member).getOneOf() == null) {
                nullable(member);
            }
        }
        return this;
    }

    public ApiSchemas example(String member, Object example) {
        property(member).setExample(example);
        return this;
    }

    public ApiSchemas description(String member, String description) {
        property(member).setDescription(description);
        return this;
    }

    /** Replaces a member's schema. */
    public ApiSchemas member(String member, Schema<?> replacement) {
        property(member);
        properties().put(member, replacement);
        return this;
    }

    /**
     * An identifier of more digits than a JSON number keeps in JavaScript (ICCID, IMSI): a string, or a
     * number, of which the service keeps every digit and writes it back as a string. Not nullable.
     */
    public ApiSchemas digits(String member, String example, String meaning) {
        return member(
                member,
                new Schema<>()
                        .oneOf(List.of(
                                new StringSchema().pattern("^[0-9]+$"),
                                new IntegerSchema().format(null).minimum(BigDecimal.ZERO)))
                        .description(meaning + ". Send a string; a JSON number is accepted, but a JavaScript client"
                                + " rounds it")
                        .example(example));
    }

    /** No members other than the listed ones (the service refuses unknown members of a request). */
    public ApiSchemas closed() {
        schema.setAdditionalProperties(Boolean.FALSE);
        return this;
    }

    public Schema<?> property(String member) {
        Schema<?> property = properties().get(member);
        if (property == null) {
            throw new IllegalStateException("The schema " + name + " has no member " + member);
        }
        return property;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Map<String, Schema> properties() {
        if (schema.getProperties() == null) {
            schema.setProperties(new LinkedHashMap<>());
        }
        return (Map) schema.getProperties();
    }

    /**
     * The same schema, accepting null too; a nullable enum lists null. A reference stays a reference
     * and its schema becomes nullable: OpenAPI 3.0 ignores siblings of a {@code $ref}, and validators
     * do not apply {@code nullable} to an {@code allOf} wrapper. So a record referenced as nullable must
     * be nullable wherever it is referenced (each of ours is).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private Schema<?> nullable(Schema<?> schema) {
        if (schema.get$ref() != null) {
            String referenced = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            nullable(openApi.getComponents().getSchemas().get(referenced));
            return schema;
        }
        schema.setNullable(true);
        if (schema.getEnum() != null && !schema.getEnum().contains(null)) {
            List values = new ArrayList<>(schema.getEnum());
            values.add(null);
            ((Schema) schema).setEnum(values);
        }
        return schema;
    }
}
