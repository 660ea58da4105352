package com.subscriptiondevices.benchmark;

import java.io.IOException;

/**
 * One client of a scenario: one keep-alive connection, one request at a time, answering the status.
 * Bodies are read off the connection and dropped.
 */
interface LoadClient extends AutoCloseable {

    int get(String path) throws IOException, InterruptedException;

    int post(String path, String json) throws IOException, InterruptedException;

    int patch(String path, String jsonPatch) throws IOException, InterruptedException;

    @Override
    void close();

    /**
     * {@code raw}: {@link Http1Client}, the default. {@code jdk}: java.net.http, which costs this
     * 2-core machine ten times the CPU per request (see README), so it is there to compare with.
     */
    static LoadClient create(String kind, int port, String token) {
        if (kind.equals("jdk")) {
            return new JdkClient(new Http("http://127.0.0.1:" + port, token));
        }
        return new Http1Client("127.0.0.1", port, token);
    }

    /** java.net.http, HTTP/1.1, its own client and so its own connection. */
    final class JdkClient implements LoadClient {

        private final Http http;

        JdkClient(Http http) {
            this.http = http;
        }

        @Override
        public int get(String path) throws IOException, InterruptedException {
            return http.status(http.get(path));
        }

        @Override
        public int post(String path, String json) throws IOException, InterruptedException {
            return http.status(http.post(path, json));
        }

        @Override
        public int patch(String path, String jsonPatch) throws IOException, InterruptedException {
            return http.status(http.patch(path, jsonPatch));
        }

        @Override
        public void close() {
            // java.net.http clients of Java 17 close when unreachable
        }
    }
}
