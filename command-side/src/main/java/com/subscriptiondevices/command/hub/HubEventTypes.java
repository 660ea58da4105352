package com.subscriptiondevices.command.hub;

import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.api.subscription.MsisdnChanged;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hub's event catalogue: the CloudEvents {@code type} of each event a listener can hear, and which
 * resource its {@code data} is. A new event is one line in {@link #MAPPINGS}.
 */
public final class HubEventTypes {

    public static final String SUBSCRIPTION_CREATED = "subscription-devices.subscription.created";
    public static final String DEVICE_ADDED = "subscription-devices.device.added";
    public static final String DEVICE_CHANGED = "subscription-devices.device.changed";
    public static final String REPLACEMENT_REQUESTED = "subscription-devices.sim-replacement.requested";
    public static final String REPLACEMENT_PROCESSED = "subscription-devices.sim-replacement.processed";
    public static final String REPLACEMENT_REJECTED = "subscription-devices.sim-replacement.rejected";
    public static final String MSISDN_CHANGED = "subscription-devices.msisdn.changed";

    /** Every type a listener may ask for (the contract's catalogue), in the order the docs list them. */
    public static final List<String> ALL = List.of(
            SUBSCRIPTION_CREATED,
            DEVICE_ADDED,
            DEVICE_CHANGED,
            REPLACEMENT_REQUESTED,
            REPLACEMENT_PROCESSED,
            REPLACEMENT_REJECTED,
            MSISDN_CHANGED);

    /** What {@code data} holds besides the resource. */
    public enum Extra {
        NONE,
        /** {@code operations}: the JSON Patch operations applied, each with its reason. */
        OPERATIONS,
        /** {@code change_request}: the SIM replacement request as V1 shows it. */
        CHANGE_REQUEST
    }

    /**
     * One event's mapping. {@code device} names the device a device event is about; a subscription event
     * has none, and its {@code data} is the subscription.
     */
    public record Mapping(String type, Function<Object, DeviceId> device, Extra extra) {

        public boolean aboutADevice() {
            return device != null;
        }
    }

    private static final Map<Class<?>, Mapping> MAPPINGS = mappings(
            subscription(SubscriptionCreated.class, SUBSCRIPTION_CREATED),
            subscription(MsisdnChanged.class, MSISDN_CHANGED),
            device(DeviceAdded.class, DEVICE_ADDED, DeviceAdded::deviceId, Extra.NONE),
            device(DeviceDetailsChanged.class, DEVICE_CHANGED, DeviceDetailsChanged::deviceId, Extra.OPERATIONS),
            device(
                    SimReplacementRequested.class,
                    REPLACEMENT_REQUESTED,
                    SimReplacementRequested::deviceId,
                    Extra.CHANGE_REQUEST),
            device(SimReplaced.class, REPLACEMENT_PROCESSED, SimReplaced::deviceId, Extra.CHANGE_REQUEST),
            device(
                    SimReplacementRejected.class,
                    REPLACEMENT_REJECTED,
                    SimReplacementRejected::deviceId,
                    Extra.CHANGE_REQUEST));

    private HubEventTypes() {}

    /** The mapping of an event's payload type, when listeners can hear it. */
    public static Optional<Mapping> of(Class<?> payloadType) {
        return Optional.ofNullable(MAPPINGS.get(payloadType));
    }

    private static Map.Entry<Class<?>, Mapping> subscription(Class<?> event, String type) {
        return Map.entry(event, new Mapping(type, null, Extra.NONE));
    }

    private static <E> Map.Entry<Class<?>, Mapping> device(
            Class<E> event, String type, Function<E, DeviceId> device, Extra extra) {
        return Map.entry(event, new Mapping(type, payload -> device.apply(event.cast(payload)), extra));
    }

    @SafeVarargs
    private static Map<Class<?>, Mapping> mappings(Map.Entry<Class<?>, Mapping>... entries) {
        Map<Class<?>, Mapping> mappings = new LinkedHashMap<>();
        for (Map.Entry<Class<?>, Mapping> entry : entries) {
            if (!ALL.contains(entry.getValue().type())) {
                throw new IllegalStateException(
                        "Not in the catalogue: " + entry.getValue().type());
            }
            mappings.put(entry.getKey(), entry.getValue());
        }
        return Map.copyOf(mappings);
    }
}
