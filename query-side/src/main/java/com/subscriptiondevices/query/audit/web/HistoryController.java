package com.subscriptiondevices.query.audit.web;

import com.subscriptiondevices.api.audit.FindSubscriptionHistory;
import com.subscriptiondevices.api.audit.RecordedEvent;
import com.subscriptiondevices.api.audit.SubscriptionHistory;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.platform.security.Secrets;
import com.subscriptiondevices.platform.web.QuerySender;
import com.subscriptiondevices.query.audit.AuditPayloads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit trail of a subscription: its events as the event store holds them, page by page. The
 * cursor is the sequence number, which never changes, so a page read again is the same page.
 */
@RestController
@Tag(name = "Audit")
class HistoryController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private static final String PATH = "/v2/orgs/{org}/subscriptions/{subscriptionId}/history";

    private final QuerySender queries;

    HistoryController(QuerySender queries) {
        this.queries = queries;
    }

    @Operation(
            operationId = "getSubscriptionHistory",
            summary = "The subscription's events, in order",
            description = "Each event with its sequence number, its type (the business event's name, e.g."
                    + " DeviceAdded), its timestamp, the user name and correlation id (the X-Request-Id) of the"
                    + " request that caused it, and its payload as stored, with snake_case field names. Needs the"
                    + " devices:audit scope; PIN and PUK codes show as \"****\" without devices:secrets. When more"
                    + " events follow the page, a Link header with rel=\"next\" gives the next page's URL.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "One page of events, oldest first",
                            headers =
                                    @Header(
                                            name = HttpHeaders.LINK,
                                            description = "<...history?after_sequence=N&limit=L>; rel=\"next\","
                                                    + " when more events follow",
                                            schema = @Schema(type = "string"))))
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<RecordedEvent>> history(
            @Parameter(description = "Organization name") @PathVariable String org,
            @Parameter(description = "The subscription's UUID") @PathVariable UUID subscriptionId,
            @Parameter(
                            description = "Only events with a sequence number above this one; the first page leaves"
                                    + " it out",
                            schema = @Schema(type = "integer", format = "int64", minimum = "0"))
                    @RequestParam(name = "after_sequence", required = false)
                    String afterSequence,
            @Parameter(
                            description = "Events per page",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            minimum = "1",
                                            maximum = "" + MAX_LIMIT,
                                            defaultValue = "" + DEFAULT_LIMIT))
                    @RequestParam(name = "limit", required = false)
                    String limit) {
        Page page = Page.of(afterSequence, limit);
        SubscriptionHistory history = queries.ask(
                new FindSubscriptionHistory(org, SubscriptionId.of(subscriptionId), page.afterSequence(), page.limit()),
                ResponseTypes.instanceOf(SubscriptionHistory.class));
        if (!history.subscriptionFound()) {
            throw new DomainException(ErrorCode.SUBSCRIPTION_NOT_FOUND, "No such subscription in this organization.");
        }
        List<RecordedEvent> events = Secrets.visibleToCaller()
                ? history.events()
                : history.events().stream()
                        .map(event -> event.withPayload(AuditPayloads.masked(event.payload())))
                        .toList();
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (history.more()) {
            long last = events.get(events.size() - 1).sequence();
            ok.header(HttpHeaders.LINK, "<" + next(org, subscriptionId, last, page.limit()) + ">; rel=\"next\"");
        }
        return ok.body(events);
    }

    private static String next(String org, UUID subscriptionId, long afterSequence, int limit) {
        return UriComponentsBuilder.fromPath(PATH)
                .queryParam("after_sequence", afterSequence)
                .queryParam("limit", limit)
                .buildAndExpand(org, subscriptionId)
                .encode()
                .toUriString();
    }

    /** The page asked for; every invalid parameter is named in one 400. */
    private record Page(long afterSequence, int limit) {

        static Page of(String afterSequence, String limit) {
            List<String> problems = new ArrayList<>();
            OptionalLong after = afterSequence == null ? OptionalLong.of(-1) : within(afterSequence, 0, Long.MAX_VALUE);
            if (after.isEmpty()) {
                problems.add("after_sequence must be an integer of 0 or more (a sequence number from the history)");
            }
            OptionalLong size = limit == null ? OptionalLong.of(DEFAULT_LIMIT) : within(limit, 1, MAX_LIMIT);
            if (size.isEmpty()) {
                problems.add("limit must be an integer from 1 to " + MAX_LIMIT);
            }
            if (!problems.isEmpty()) {
                throw new DomainException(ErrorCode.INVALID_PARAMETER, String.join("; ", problems) + ".");
            }
            return new Page(after.getAsLong(), (int) size.getAsLong());
        }

        private static OptionalLong within(String text, long min, long max) {
            try {
                long value = Long.parseLong(text.trim());
                return value >= min && value <= max ? OptionalLong.of(value) : OptionalLong.empty();
            } catch (NumberFormatException notAnInteger) {
                return OptionalLong.empty();
            }
        }
    }
}
