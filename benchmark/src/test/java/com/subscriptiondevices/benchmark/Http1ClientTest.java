package com.subscriptiondevices.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class Http1ClientTest {

    @Test
    void reads_chunked_and_content_length_bodies_off_one_stream() throws Exception {
        String responses = "HTTP/1.1 200 \r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                + "5\r\n{\"a\":\r\n3;ext=1\r\n12}\r\n0\r\n\r\n"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
        InputStream in = new ByteArrayInputStream(responses.getBytes(StandardCharsets.US_ASCII));

        assertThat(Http1Client.parseStatus(Http1Client.readLine(in, true))).isEqualTo(200);
        Http1Client.Response first = Http1Client.readHeaders(in);
        assertThat(first.chunked()).isTrue();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Http1Client.readBody(in, first, 200, body);
        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":12}");

        assertThat(Http1Client.parseStatus(Http1Client.readLine(in, true))).isEqualTo(404);
        Http1Client.Response second = Http1Client.readHeaders(in);
        assertThat(second.contentLength()).isEqualTo(2);
        assertThat(second.close()).isTrue();
        body.reset();
        Http1Client.readBody(in, second, 404, body);
        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void keeps_one_connection_alive_and_reconnects_when_the_server_closes_it() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + request.length);
            if (exchange.getRequestURI().getPath().equals("/close")) {
                exchange.getResponseHeaders().add("Connection", "close");
            }
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            boolean chunked = exchange.getRequestURI().getPath().equals("/chunked");
            exchange.sendResponseHeaders(
                    exchange.getRequestMethod().equals("POST") ? 201 : 200, chunked ? 0 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (Http1Client client =
                new Http1Client("127.0.0.1", server.getAddress().getPort(), "t0k3n")) {
            assertThat(client.get("/one")).isEqualTo(200);
            assertThat(client.get("/chunked")).isEqualTo(200);
            assertThat(client.get("/close")).isEqualTo(200);
            assertThat(client.post("/devices", "{\"x\":1}")).isEqualTo(201);
            assertThat(client.patch("/devices/1", "[]")).isEqualTo(200);
        } finally {
            server.stop(0);
        }
        assertThat(seen)
                .containsExactly(
                        "GET /one Bearer t0k3n 0",
                        "GET /chunked Bearer t0k3n 0",
                        "GET /close Bearer t0k3n 0",
                        "POST /devices Bearer t0k3n 7",
                        "PATCH /devices/1 Bearer t0k3n 2");
    }
}
