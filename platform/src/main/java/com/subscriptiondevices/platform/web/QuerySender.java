package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.platform.data.TransientFailures;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Sends a query and waits for its answer. A query that lost a lock conflict (with a read-model
 * switch, for example) is asked again, each time in a transaction of its own.
 */
@Component
public class QuerySender {

    private final QueryGateway queries;

    QuerySender(QueryGateway queries) {
        this.queries = queries;
    }

    public <R> R ask(Object query, ResponseType<R> responseType) {
        return TransientFailures.retried(
                () -> queries.query(query, responseType).join());
    }
}
