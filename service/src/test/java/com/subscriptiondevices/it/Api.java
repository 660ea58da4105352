package com.subscriptiondevices.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the running service: real requests over a real socket. Every answer is
 * checked against the OpenAPI document ({@link OpenApiContract}).
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private final boolean contract;

    Api(int port) {
        this(port, true);
    }

    private Api(int port, boolean contract) {
        this.base = "http://127.0.0.1:" + port;
        this.contract = contract;
    }

    /**
     * For a call one side of the split deployment must refuse because it belongs to the other side:
     * no answer of the API (the entry point never routes it there), so not checked against the document.
     */
    static Api outsideTheContract(int port) {
        return new Api(port, false);
    }

    Response get(String path, String token) {
        return send(request(path, token, Map.of()).GET(), null);
    }

    Response get(String path, String token, Map<String, String> headers) {
        return send(request(path, token, headers).GET(), null);
    }

    Response post(String path, String token, String json) {
        return post(path, token, json, Map.of());
    }

    Response post(String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token, headers);
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json)), json);
    }

    Response patch(String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token, headers);
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json-patch+json");
        }
        return send(request.method("PATCH", HttpRequest.BodyPublishers.ofString(json)), json);
    }

    Response delete(String path, String token) {
        return send(request(path, token, Map.of()).DELETE(), null);
    }

    private HttpRequest.Builder request(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return request;
    }

    private Response send(HttpRequest.Builder builder, String body) {
        try {
            HttpRequest request = builder.build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Response answer = new Response(response.statusCode(), response.headers(), response.body());
            if (contract) {
                OpenApiContract.check(request.method(), request.uri(), request.headers(), body, answer);
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The V2 error code, for assertions on failures. */
        String errorCode() {
            return json().path("error").path("code").asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
