package com.subscriptiondevices.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * A client that hung up before its answer was read or its body sent (a broken pipe, a reset, an early
 * end of the body) is no failure of the service and nobody is left to answer: one line at INFO, no
 * stack trace, no error body. Runs before the API's exception handler, which would log it as an
 * unexpected error. The same exceptions from the database's connection are the service's failures,
 * left to that handler.
 */
@Component
class DisconnectedClients implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DisconnectedClients.class);
    private static final String LOGGED = DisconnectedClients.class.getName() + ".logged";

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        if (!DisconnectedClientHelper.isClientDisconnectedException(failure) || ofTheDatabase(failure)) {
            return null;
        }
        String cause = NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            request.setAttribute(LOGGED, Boolean.TRUE);
            log.info("The client went away during {} {}: {}", request.getMethod(), request.getRequestURI(), cause);
        } else if (request.getAttribute(LOGGED) == null) {
            log.info(
                    "The client went away during the answer to {}: {}",
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    cause);
        } else {
            // the container's error page for the same hang-up, which has no one to go to either
            log.debug("The client went away, the error page was not sent: {}", cause);
        }
        return new ModelAndView();
    }

    /**
     * The database's connection ending (an {@code EOFException} under pgjdbc's) looks to Spring like a
     * client hanging up; that is a failure of the service, which the API's handler answers (503).
     */
    private static boolean ofTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException
                    || cause instanceof DataAccessException
                    || cause instanceof TransactionException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
