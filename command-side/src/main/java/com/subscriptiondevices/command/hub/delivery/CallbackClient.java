package com.subscriptiondevices.command.hub.delivery;

import com.subscriptiondevices.command.hub.BackgroundThreads;
import com.subscriptiondevices.command.hub.NotificationProperties;
import com.subscriptiondevices.command.hub.listener.CallbackPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends deliveries: pooled keep-alive connections, {@code connect-timeout} to connect and
 * {@code answer-timeout} for the answer (a hard limit on the whole exchange too), redirects not
 * followed, nothing retried by the client itself. Its DNS resolver hands out only the addresses the
 * callback policy allows, so the address that was checked is the address connected to.
 */
public final class CallbackClient implements AutoCloseable {

    static final ContentType CLOUDEVENTS =
            ContentType.create("application/cloudevents+json", (java.nio.charset.Charset) null);

    /**
     * Connections in all, and to one host and port: listeners that share a host (several of one system, or
     * every listener of a benchmark) each have their own concurrency, and a slow one among them must not
     * take the others' connections. With a lower cap per host, 10 listeners on one host waited for one
     * another's connections (threads parked in the pool: 6 % of the hub's CPU in a profile).
     */
    static final int CONNECTIONS = 256;

    /** An answer's body is read (so its connection is kept) only when it is at most this long. */
    private static final long KEEP_ALIVE_BODY = 64 * 1024;

    private final CloseableHttpClient http;
    /**
     * Each attempt's hard limit, cancelled when the attempt ends. Cancelled limits leave the queue at once:
     * left to fall due, each kept its finished request, body included, for the whole limit (8 s by
     * default): at 10,000 deliveries a second, 80,000 requests held in the heap for nothing.
     */
    private final ScheduledThreadPoolExecutor deadlines =
            new ScheduledThreadPoolExecutor(1, BackgroundThreads.named("hub-delivery-deadlines"));

    private final long hardLimitMillis;

    /** What one attempt came to: the listener's status code, or why there was none. */
    public record Outcome(int status, String error) {

        public boolean delivered() {
            return status >= 200 && status < 300;
        }

        /** For the log, the listener's view and the dead letters: never a URL, a header or a body. */
        public String describe() {
            return status > 0 ? "HTTP " + status : error;
        }
    }

    public CallbackClient(NotificationProperties settings, CallbackPolicy policy) {
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout answer = Timeout.of(settings.answerTimeout());
        deadlines.setRemoveOnCancelPolicy(true);
        this.hardLimitMillis =
                settings.connectTimeout().plus(settings.answerTimeout()).toMillis() + 1000;
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new DnsResolver() {
                    @Override
                    public InetAddress[] resolve(String host) throws UnknownHostException {
                        return policy.reachable(host).toArray(InetAddress[]::new);
                    }

                    @Override
                    public String resolveCanonicalHostname(String host) {
                        return host;
                    }
                })
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(answer)
                        // a kept-alive connection goes to an address checked when it opened; not for long
                        .setTimeToLive(TimeValue.ofMinutes(1))
                        .build())
                .setMaxConnTotal(CONNECTIONS)
                .setMaxConnPerRoute(CONNECTIONS)
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(answer)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("subscription-devices-hub/1")
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    public Outcome post(URI callback, Map<String, String> headers, byte[] body) {
        HttpPost request = new HttpPost(callback);
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body, CLOUDEVENTS));
        ScheduledFuture<?> deadline =
                deadlines.schedule(() -> request.cancel(), hardLimitMillis, TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = http.executeOpen(null, request, null)) {
            HttpEntity entity = response.getEntity();
            if (entity != null && entity.getContentLength() >= 0 && entity.getContentLength() <= KEEP_ALIVE_BODY) {
                EntityUtils.consume(entity);
            }
            return new Outcome(response.getCode(), null);
        } catch (IOException | RuntimeException failure) {
            return new Outcome(0, reason(failure, request.isCancelled()));
        } finally {
            deadline.cancel(false);
        }
    }

    /** Hard limits of attempts still under way. */
    int pendingDeadlines() {
        return deadlines.getQueue().size();
    }

    private String reason(Throwable failure, boolean cancelled) {
        if (failure instanceof ConnectTimeoutException) {
            return "connect timed out";
        }
        if (cancelled || failure instanceof InterruptedIOException && !(failure instanceof SocketTimeoutException)) {
            return "no answer within " + hardLimitMillis / 1000 + " s";
        }
        if (failure instanceof SocketTimeoutException) {
            return "answer timed out";
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (failure instanceof UnknownHostException unknown) {
            // our resolver's own words: the host does not resolve, or not to an allowed address
            return unknown.getMessage() == null ? "host not found" : unknown.getMessage();
        }
        if (failure instanceof SSLException) {
            return "TLS handshake failed";
        }
        return "connection failed (" + failure.getClass().getSimpleName() + ")";
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }
}
