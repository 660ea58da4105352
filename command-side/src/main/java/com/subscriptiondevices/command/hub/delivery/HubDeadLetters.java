package com.subscriptiondevices.command.hub.delivery;

import com.subscriptiondevices.command.hub.listener.CallbackPolicy;
import com.subscriptiondevices.platform.axon.deadletter.DeadLetterSource;
import com.subscriptiondevices.platform.axon.deadletter.DeadLetterView;
import com.subscriptiondevices.platform.axon.deadletter.RetryResult;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's dead letters: deliveries given up after {@code give-up-after} of failures, each with the later
 * events of its subscription queued behind it for that listener (without a cause of their own). They are
 * listed with the other dead letters ({@code GET /admin/dead-letters}, group {@value #GROUP}); a retry
 * sends the sequence's first letter at once: delivered, it leaves, and the next ones follow through the
 * listener's normal deliveries; refused again, it stays, with the new cause.
 */
final class HubDeadLetters implements DeadLetterSource {

    static final String GROUP = "hub-deliveries";

    private static final Logger log = LoggerFactory.getLogger(HubDeadLetters.class);

    private final DeliveryStore store;
    private final CallbackClient client;
    private final CallbackPolicy policy;
    private final HubDispatcher dispatcher;
    private final Clock clock;

    HubDeadLetters(
            DeliveryStore store, CallbackClient client, CallbackPolicy policy, HubDispatcher dispatcher, Clock clock) {
        this.store = store;
        this.client = client;
        this.policy = policy;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public String processingGroup() {
        return GROUP;
    }

    @Override
    public List<DeadLetterView> list() {
        return store.letters().stream()
                .map(letter -> new DeadLetterView(
                        letter.id().toString(),
                        GROUP,
                        letter.listenerId() + "/" + letter.subscriptionId(),
                        letter.type(),
                        letter.eventId(),
                        letter.subscriptionId(),
                        null,
                        letter.parkedAt(),
                        letter.lastTouched(),
                        DeliveryStore.DEAD.equals(letter.state()) ? "HubDeliveryGivenUp" : null,
                        DeliveryStore.DEAD.equals(letter.state())
                                ? "listener " + letter.listenerId() + ": " + letter.lastError() + " ("
                                        + letter.attempts() + " attempts)"
                                : null))
                .toList();
    }

    @Override
    public Optional<RetryResult> retry(String id) {
        UUID letter;
        try {
            letter = UUID.fromString(id);
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
        Optional<UUID> listener = store.listenerOf(letter);
        if (listener.isEmpty()) {
            return Optional.empty();
        }
        Optional<DeliveryStore.Parked> head = store.deadHead(letter);
        if (head.isEmpty()) {
            // no longer dead: delivered meanwhile, or waiting for its normal retry
            return Optional.of(new RetryResult(id, RetryResult.Outcome.PROCESSED, null, null));
        }
        Optional<DeliveryStore.Target> target = store.target(listener.get());
        if (target.isEmpty() || target.get().deleted()) {
            return Optional.of(failed(id, "the listener was deleted"));
        }
        DeliveryStore.HubEvent event = head.get().event();
        String refused = refusal(target.get().callback());
        CallbackClient.Outcome outcome;
        if (refused != null) {
            outcome = new CallbackClient.Outcome(0, refused);
        } else {
            byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
            long timestamp = clock.instant().getEpochSecond();
            outcome = client.post(
                    URI.create(target.get().callback()),
                    Map.of(
                            "webhook-id", event.eventId(),
                            "webhook-timestamp", Long.toString(timestamp),
                            "webhook-signature",
                                    Signatures.sign(target.get().secret(), event.eventId(), timestamp, body)),
                    body);
        }
        Instant now = clock.instant();
        if (outcome.delivered()) {
            store.retried(listener.get(), head.get(), now);
            log.info("Retried hub dead letter {} of listener {}: delivered", id, listener.get());
            dispatcher.refresh(listener.get());
            return Optional.of(new RetryResult(id, RetryResult.Outcome.PROCESSED, null, null));
        }
        store.failedAgain(head.get().id(), outcome.describe(), now);
        log.warn("Retried hub dead letter {} of listener {}: failed again, {}", id, listener.get(), outcome.describe());
        return Optional.of(failed(id, "listener " + listener.get() + ": " + outcome.describe()));
    }

    private String refusal(String callback) {
        try {
            return policy.reachable(URI.create(callback).getHost()).isEmpty()
                    ? "the callback's host is not allowed"
                    : null;
        } catch (UnknownHostException refused) {
            return refused.getMessage();
        }
    }

    private static RetryResult failed(String id, String cause) {
        return new RetryResult(id, RetryResult.Outcome.FAILED, "HubDeliveryFailed", cause);
    }
}
