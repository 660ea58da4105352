package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies as the service takes them: at most {@code devices.web.max-body-size} (413 at once
 * when the declared length is too large, and while reading when a chunked body grows past it), and
 * valid UTF-8 unless the content type names another charset (400 at the first bad byte).
 */
@Component
@EnableConfigurationProperties(WebEdgeProperties.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestBodyFilter extends OncePerRequestFilter {

    private final long limit;
    private final ErrorBodies errors;

    RequestBodyFilter(WebEdgeProperties properties, ErrorBodies errors) {
        this.limit = properties.maxBodySize().toBytes();
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            errors.write(
                    request,
                    response,
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    List.of("The request body is larger than " + limit + " bytes."));
            return;
        }
        chain.doFilter(hasBody(request) ? new CheckedRequest(request, limit, utf8(request)) : request, response);
    }

    /**
     * Whether the request says it has a body (a length above zero, or chunks). One without is passed on
     * unwrapped: every wrapper layer makes each later {@code getMethod} and {@code getAttribute} (dozens
     * a request, in Spring MVC's handler lookup) a call deeper.
     */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** UTF-8 is checked unless the content type names another charset (JSON's is UTF-8, RFC 8259). */
    private static boolean utf8(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return true;
        }
        try {
            var charset = MediaType.parseMediaType(contentType).getCharset();
            return charset == null || StandardCharsets.UTF_8.equals(charset);
        } catch (RuntimeException unparsable) {
            return true; // Spring MVC refuses the content type itself (415)
        }
    }

    private static final class CheckedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private final boolean utf8;
        private ServletInputStream stream;

        CheckedRequest(HttpServletRequest request, long limit, boolean utf8) {
            super(request);
            this.limit = limit;
            this.utf8 = utf8;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CheckedStream(super.getInputStream(), limit, utf8 ? new Utf8Check() : null);
            }
            return stream;
        }
    }

    private static final class CheckedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private final Utf8Check utf8;
        private long read;

        CheckedStream(ServletInputStream delegate, long limit, Utf8Check utf8) {
            this.delegate = delegate;
            this.limit = limit;
            this.utf8 = utf8;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
                check(b);
            } else {
                end();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
                for (int i = offset; i < offset + n; i++) {
                    check(buffer[i] & 0xFF);
                }
            } else if (n < 0) {
                end();
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        private void check(int b) throws MalformedBodyException {
            if (utf8 != null && !utf8.accept(b)) {
                throw new MalformedBodyException(utf8.offset());
            }
        }

        private void end() throws MalformedBodyException {
            if (utf8 != null && !utf8.complete()) {
                throw new MalformedBodyException(utf8.offset());
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
