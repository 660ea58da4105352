package com.subscriptiondevices.platform.axon;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of this process's event processors: down when a processor stopped or a segment is in error,
 * with each segment's position and whether it caught up.
 */
@Component("eventProcessors")
class EventProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        processing.eventProcessors().forEach((name, processor) -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("running", processor.isRunning());
            boolean healthy = processor.isRunning() && !processor.isError();
            if (processor instanceof StreamingEventProcessor streaming) {
                for (Map.Entry<Integer, EventTrackerStatus> segment :
                        streaming.processingStatus().entrySet()) {
                    EventTrackerStatus status = segment.getValue();
                    healthy &= !status.isErrorState();
                    details.put(
                            "segment-" + segment.getKey(),
                            Map.of(
                                    "caughtUp", status.isCaughtUp(),
                                    "replaying", status.isReplaying(),
                                    "position", status.getCurrentPosition().orElse(-1L),
                                    "error", status.isErrorState()));
                }
            }
            if (!healthy) {
                health.down();
            }
            health.withDetail(name, details);
        });
        return health.build();
    }
}
