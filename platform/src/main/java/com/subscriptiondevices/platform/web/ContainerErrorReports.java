package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat's own refusals in the family's JSON body. A request Tomcat cannot parse (a control character
 * in the request line, a header too large, {@code %00}, {@code %2f} or {@code %5c} in the path, an
 * unknown HTTP version) never reaches Spring: Tomcat answers it from its host's error report valve,
 * by default an HTML page. This replaces that valve with one that writes the error body, with the
 * code of the status ({@link ErrorStatuses#codeFor}) and that code's status: a malformed request is
 * a 400 whatever Tomcat chose (505 for an unknown HTTP version, say).
 */
@Component
class ContainerErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final ErrorBodies errors;

    ContainerErrorReports(ErrorBodies errors) {
        this.errors = errors;
    }

    /** After Spring Boot's own customizer, which adds a plain error report valve. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                // the host adds a valve of this class when it starts without one
                standard.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
            host.getPipeline().addValve(new JsonErrorReportValve(errors));
        });
    }

    static final class JsonErrorReportValve extends ErrorReportValve {

        private final ErrorBodies errors;

        JsonErrorReportValve(ErrorBodies errors) {
            this.errors = errors;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            // Tomcat's own parse failures come with their exception and a 4xx: the status decides
            ErrorCode code = ErrorStatuses.codeFor(status);
            ApiProblem problem = new ApiProblem(code, List.of(message(code)));
            ApiFamily family = ApiFamily.of(request.getRequestURI());
            try {
                response.setStatus(ErrorStatuses.of(code).value());
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                if (family == ApiFamily.CAMARA && !response.containsHeader(RequestIdFilter.CORRELATOR)) {
                    // refused before any filter ran: CAMARA answers carry an x-correlator all the same
                    response.setHeader(
                            RequestIdFilter.CORRELATOR,
                            RequestIdFilter.correlatorFor(request.getHeader(RequestIdFilter.CORRELATOR)));
                }
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(errors.json(family, problem));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException ignored) {
                // the client is gone, or the response cannot take a body any more: nothing to tell
            }
        }

        private static String message(ErrorCode code) {
            return switch (code) {
                case INVALID_BODY ->
                    "The request is malformed: check the request line (method, path, HTTP version),"
                            + " the percent-encoding of the path, and the headers (their characters and size).";
                case NOT_FOUND -> "There is no resource at this path.";
                case PAYLOAD_TOO_LARGE -> "The request is too large.";
                case INTERNAL_ERROR -> "Unexpected error.";
                default -> code.title() + ".";
            };
        }
    }
}
