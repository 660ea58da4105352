package com.subscriptiondevices.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A lean HTTP/1.1 client for load: one persistent connection over a plain socket, one request at a
 * time, Content-Length and chunked bodies, reconnecting when the server closes the connection
 * ({@code Connection: close}, as Tomcat does after 100 requests). About 20 µs of CPU a request on
 * this machine where java.net.http takes 200–500 µs: the generator leaves the cores to the service.
 */
final class Http1Client implements LoadClient {

    static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final String authorization;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Http1Client(String host, int port, String token) {
        this.host = host;
        this.port = port;
        this.authorization = token == null ? null : "Bearer " + token;
    }

    @Override
    public int get(String path) throws IOException {
        return send("GET", path, null, null);
    }

    @Override
    public int post(String path, String json) throws IOException {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int patch(String path, String jsonPatch) throws IOException {
        return send("PATCH", path, "application/json-patch+json", jsonPatch.getBytes(StandardCharsets.UTF_8));
    }

    int send(String method, String path, String contentType, byte[] body) throws IOException {
        byte[] request = request(method, path, contentType, body);
        boolean reused = socket != null;
        try {
            return exchange(request);
        } catch (StaleConnection e) {
            // The server closed a kept-alive connection before reading this request: send it again.
            close();
            if (!reused) {
                throw new IOException("The connection closed before any answer", e);
            }
            return exchange(request);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private int exchange(byte[] request) throws IOException {
        if (socket == null) {
            open();
        }
        out.write(request);
        out.flush();
        String statusLine = readLine(in, true);
        int status = parseStatus(statusLine);
        Response response = readHeaders(in);
        readBody(response, status);
        if (response.close) {
            close();
        }
        return status;
    }

    private byte[] request(String method, String path, String contentType, byte[] body) {
        StringBuilder head = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: ")
                    .append(contentType)
                    .append("\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            return headBytes;
        }
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private void open() throws IOException {
        Socket opened = new Socket();
        opened.setTcpNoDelay(true);
        opened.setSoTimeout(TIMEOUT_MILLIS);
        opened.connect(new InetSocketAddress(host, port), 5_000);
        socket = opened;
        in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(opened.getOutputStream(), 8 * 1024);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    static int parseStatus(String statusLine) throws IOException {
        // "HTTP/1.1 200" or "HTTP/1.1 200 OK"
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("Not an HTTP/1.x status line: " + statusLine);
        }
        return Integer.parseInt(statusLine.substring(9, 12));
    }

    record Response(long contentLength, boolean chunked, boolean close) {}

    static Response readHeaders(InputStream in) throws IOException {
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String line;
        while (!(line = readLine(in, false)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {
                    // not needed
                }
            }
        }
        return new Response(length, chunked, close);
    }

    private void readBody(Response response, int status) throws IOException {
        readBody(in, response, status, null);
        if (!response.chunked && response.contentLength < 0 && hasBody(status)) {
            close(); // the body ran until the server closed the connection
        }
    }

    /** Reads one body off the stream; into {@code kept} when given, else dropped. */
    static void readBody(InputStream in, Response response, int status, ByteArrayOutputStream kept) throws IOException {
        if (!hasBody(status)) {
            return;
        }
        if (response.chunked) {
            long size;
            while ((size = Long.parseLong(chunkSize(readLine(in, false)), 16)) > 0) {
                transfer(in, size, kept);
                readLine(in, false);
            }
            while (!readLine(in, false).isEmpty()) {
                // trailers
            }
        } else if (response.contentLength >= 0) {
            transfer(in, response.contentLength, kept);
        } else {
            transfer(in, Long.MAX_VALUE, kept);
        }
    }

    private static boolean hasBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    private static String chunkSize(String line) {
        int extension = line.indexOf(';');
        return (extension >= 0 ? line.substring(0, extension) : line).trim();
    }

    private static void transfer(InputStream in, long count, ByteArrayOutputStream kept) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                if (count == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("The body ended early");
            }
            if (kept != null) {
                kept.write(buffer, 0, read);
            }
            left -= read;
        }
    }

    /** A CRLF-terminated line; at the start of a response, an immediate end of stream means a stale connection. */
    static String readLine(InputStream in, boolean startOfResponse) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) c);
        }
        if (startOfResponse && line.length() == 0) {
            throw new StaleConnection();
        }
        throw new EOFException("The connection closed mid-response");
    }

    /** The server had closed the connection: nothing of the answer arrived. */
    static final class StaleConnection extends IOException {
        StaleConnection() {
            super("The server closed the connection");
        }
    }
}
