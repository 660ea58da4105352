package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The committed OpenAPI document ({@code docs/openapi.json}, the API reference, and what the split
 * deployment's entry point serves) is exactly what the service generates, so it cannot drift; and
 * behind a proxy the generated one names the public URL.
 */
class OpenApiDocumentIT extends PostgresIT {

    static final String REGENERATE = "TEST_DATABASE_URL=... ./mvnw -B verify -pl service -am -Dtest=none"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false"
            + " -Dit.test=OpenApiDocumentIT -Dopenapi.write=true";

    @Test
    void the_committed_document_is_the_one_the_service_generates() throws IOException {
        Api.Response generated = api.get("/v3/api-docs", null);
        assertThat(generated.status()).isEqualTo(200);
        ObjectNode document = (ObjectNode) generated.json();
        // the server is where the document is read from: the live one names the URL it was asked at
        document.putArray("servers")
                .addObject()
                .put("url", "/")
                .put("description", "The host that serves this document");

        if (Boolean.getBoolean("openapi.write")) {
            Files.createDirectories(OpenApiContract.DOCUMENT.getParent());
            Files.writeString(OpenApiContract.DOCUMENT, pretty(document), StandardCharsets.UTF_8);
        }
        JsonNode committed = Api.JSON.readTree(Files.readString(OpenApiContract.DOCUMENT));
        List<String> differences = new ArrayList<>();
        differences("", committed, document, differences);
        assertThat(differences)
                .as("docs/openapi.json differs from the generated document at these places; regenerate it with\n  "
                        + REGENERATE + "\nand commit it")
                .isEmpty();
    }

    @Test
    void behind_a_proxy_the_document_names_the_public_url() {
        Api.Response document = api.get(
                "/v3/api-docs",
                null,
                Map.of(
                        "X-Forwarded-Proto", "https",
                        "X-Forwarded-Host", "devices.example.com",
                        "X-Forwarded-Port", "8443"));
        assertThat(document.json().get("servers").get(0).get("url").asString())
                .isEqualTo("https://devices.example.com:8443");
        assertThat(api.get("/v3/api-docs", null)
                        .json()
                        .get("servers")
                        .get(0)
                        .get("url")
                        .asString())
                .as("without a proxy, the address it was asked at")
                .isEqualTo("http://127.0.0.1:" + port);
    }

    @Test
    void every_operation_has_an_id_a_declared_tag_a_description_and_its_familys_error_bodies() {
        // each family: its error body on every 4xx and 5xx, its correlation header on every answer
        JsonNode document = Api.JSON.readTree(readCommitted());
        List<String> tags = new ArrayList<>();
        document.get("tags").forEach(tag -> tags.add(tag.get("name").asString()));
        List<String> operationIds = new ArrayList<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    JsonNode operation = entry.getValue();
                    String where = entry.getKey() + " " + path.getKey();
                    operationIds.add(operation.get("operationId").asString());
                    assertThat(operation.path("description").asString())
                            .as(where)
                            .isNotBlank();
                    assertThat(tags)
                            .as(where)
                            .contains(operation.get("tags").get(0).asString());
                    boolean camara = path.getKey().startsWith("/sim-swap/");
                    String errorBody =
                            path.getKey().startsWith("/v1/") ? "ErrorMessage" : camara ? "ErrorInfo" : "ErrorResponse";
                    String correlation = camara ? "x-correlator" : "X-Request-Id";
                    operation.get("responses").properties().forEach(response -> {
                        if (response.getKey().matches("[45]..")) {
                            assertThat(response.getValue().toString())
                                    .as(where + " " + response.getKey())
                                    .contains("#/components/schemas/" + errorBody);
                        }
                        assertThat(response.getValue().get("headers").has(correlation))
                                .as(where + " " + response.getKey())
                                .isTrue();
                    });
                }));
        assertThat(operationIds)
                .doesNotHaveDuplicates()
                .contains(
                        "addDevice",
                        "getDevice",
                        "listSubscriptionDevices",
                        "findDevicesByIdentifier",
                        "patchDevice",
                        "registerSubscription",
                        "getSubscription",
                        "getSubscriptionHistory",
                        "listV1Devices",
                        "getV1Device",
                        "requestSimReplacement",
                        "patchSubscription",
                        "retrieveSimSwapDate",
                        "checkSimSwap");
    }

    private static String readCommitted() {
        try {
            return Files.readString(OpenApiContract.DOCUMENT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Two-space indentation, one member per line, "name": value: readable in a diff and in the linter's output. */
    private static String pretty(JsonNode document) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(
                        Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return Api.JSON.writer().with(printer).writeValueAsString(document) + "\n";
    }

    /** JSON Pointers where the two differ (member order aside), at most 20. */
    private static void differences(String at, JsonNode committed, JsonNode generated, List<String> found) {
        if (found.size() >= 20 || committed.equals(generated)) {
            return;
        }
        if (committed.isObject() && generated.isObject()) {
            for (Iterator<String> names = committed.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                if (!generated.has(name)) {
                    found.add(at + "/" + name + " (only in docs/openapi.json)");
                } else {
                    differences(at + "/" + name, committed.get(name), generated.get(name), found);
                }
            }
            generated.propertyNames().forEach(name -> {
                if (!committed.has(name)) {
                    found.add(at + "/" + name + " (only in the generated document)");
                }
            });
        } else {
            found.add(at + ": " + abbreviated(committed) + " -> " + abbreviated(generated));
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
