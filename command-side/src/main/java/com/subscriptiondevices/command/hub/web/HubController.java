package com.subscriptiondevices.command.hub.web;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.command.hub.delivery.HubDispatcher;
import com.subscriptiondevices.command.hub.listener.CallbackPolicy;
import com.subscriptiondevices.command.hub.listener.Listener;
import com.subscriptiondevices.command.hub.listener.ListenerQuery;
import com.subscriptiondevices.command.hub.listener.ListenerSecrets;
import com.subscriptiondevices.command.hub.listener.ListenerStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The change notifications' hub (TMF630's {@code /hub}): an org's listeners. Needs {@code devices:events}.
 * Served by the process that delivers: the command side.
 */
@RestController
@Tag(name = "Hub")
class HubController {

    private final ListenerStore listeners;
    private final CallbackPolicy callbacks;
    private final HubDispatcher dispatcher;
    private final ObjectProvider<EventStore> eventStore;

    HubController(
            ListenerStore listeners,
            CallbackPolicy callbacks,
            HubDispatcher dispatcher,
            ObjectProvider<EventStore> eventStore) {
        this.listeners = listeners;
        this.callbacks = callbacks;
        this.dispatcher = dispatcher;
        this.eventStore = eventStore;
    }

    @Operation(
            operationId = "registerListener",
            summary = "Register a listener",
            description = "From now on, the org's events (those of the query's types; every type without a query)"
                    + " are POSTed to the callback as CloudEvents 1.0 (application/cloudevents+json), signed as"
                    + " Standard Webhooks do (webhook-id, webhook-timestamp, webhook-signature). The callback's host"
                    + " must be allowed (devices.notifications.allowed-hosts) and resolve to an allowed address."
                    + " The secret (generated when the body has none) is in this answer only: it is never shown"
                    + " again. Needs devices:events.",
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        description = "The listener, with its secret",
                        headers = {
                            @Header(
                                    name = HttpHeaders.LOCATION,
                                    description = "The listener's URL",
                                    required = true,
                                    schema = @Schema(type = "string", format = "uri-reference")),
                            @Header(
                                    name = HttpHeaders.CACHE_CONTROL,
                                    description = "no-store: the answer holds the secret",
                                    required = true,
                                    schema = @Schema(type = "string"))
                        }),
                @ApiResponse(
                        responseCode = "400",
                        description = "INVALID_CALLBACK: not an absolute http(s) URL, or its host is not allowed;"
                                + " INVALID_BODY: a bad query or secret")
            })
    @PostMapping(
            path = "/v2/orgs/{org}/hub",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RegisteredListener> register(@PathVariable String org, @Valid @RequestBody ListenerRequest body) {
        callbacks.check(body.callback());
        ListenerQuery.parse(body.query());
        String secret = body.secret() == null ? ListenerSecrets.generate() : body.secret();
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // what the event store holds now is before the listener's time, whenever the fan-out gets to it
        TrackingToken head = eventStore.getObject().createHeadToken();
        long storedBefore = head == null ? -1 : head.position().orElse(-1); // null: the store is empty
        listeners.register(id, org, body.callback(), body.query(), secret, now, storedBefore);
        dispatcher.registered();
        return ResponseEntity.created(URI.create("/v2/orgs/" + org + "/hub/" + id))
                .cacheControl(CacheControl.noStore())
                .body(new RegisteredListener(id, body.callback(), body.query(), Listener.ACTIVE, now, secret));
    }

    @Operation(
            operationId = "listListeners",
            summary = "The org's listeners",
            description = "Oldest first, never with their secrets. status is FAILING while a delivery to the"
                    + " listener was given up (see GET /admin/dead-letters). Needs devices:events.")
    @GetMapping(path = "/v2/orgs/{org}/hub", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ListenerSummary> list(@PathVariable String org) {
        return listeners.list(org).stream().map(ListenerSummary::of).toList();
    }

    @Operation(
            operationId = "getListener",
            summary = "A listener and how its deliveries go",
            description = "pending: events waiting to be delivered to it (not those given up); failures: failed"
                    + " attempts since its last successful delivery; last_error: the latest failure (HTTP status,"
                    + " timeout, refused connection, a host no longer allowed). Needs devices:events.")
    @ApiResponse(responseCode = "200", description = "The listener and how its deliveries go")
    @ApiResponse(responseCode = "404", description = "No such listener in this org (LISTENER_NOT_FOUND)")
    @GetMapping(path = "/v2/orgs/{org}/hub/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ListenerDetails get(@PathVariable String org, @Parameter(description = "The listener's id") @PathVariable UUID id) {
        return listeners.find(org, id).map(ListenerDetails::of).orElseThrow(() -> notFound(id));
    }

    @Operation(
            operationId = "deleteListener",
            summary = "Delete a listener",
            description = "Answers once no delivery to it can start any more (a delivery under way ends first);"
                    + " what was waiting for it is dropped. Needs devices:events.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such listener in this org (LISTENER_NOT_FOUND)")
    @DeleteMapping(path = "/v2/orgs/{org}/hub/{id}")
    ResponseEntity<Void> delete(
            @PathVariable String org, @Parameter(description = "The listener's id") @PathVariable UUID id) {
        if (!listeners.markDeleted(org, id)) {
            throw notFound(id);
        }
        dispatcher.awaitRelease(id);
        listeners.remove(id);
        return ResponseEntity.noContent().build();
    }

    private static DomainException notFound(UUID id) {
        return new DomainException(ErrorCode.LISTENER_NOT_FOUND, "This org has no listener " + id + ".");
    }
}
