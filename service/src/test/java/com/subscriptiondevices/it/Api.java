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

/** A plain HTTP client for the running service: real requests over a real socket. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Response get(String path, String token) {
        return send(request(path, token, Map.of()).GET());
    }

    Response get(String path, String token, Map<String, String> headers) {
        return send(request(path, token, headers).GET());
    }

    Response post(String path, String token, String json) {
        return post(path, token, json, Map.of());
    }

    Response post(String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token, headers);
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response patch(String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token, headers);
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json-patch+json");
        }
        return send(request.method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
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

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
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
