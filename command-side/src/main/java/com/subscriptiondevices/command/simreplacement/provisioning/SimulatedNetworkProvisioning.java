package com.subscriptiondevices.command.simreplacement.provisioning;

import jakarta.annotation.PreDestroy;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The default adapter: a simulated network. It answers after {@code devices.provisioning.simulated.delay};
 * a swap to one of {@code devices.provisioning.simulated.reject-iccids} is refused with
 * {@code REJECTED_BY_NETWORK}, any other succeeds with fresh PIN/PUK codes. A request already in flight
 * is not started twice. Its pending answers live in memory: a restart of the service loses them, and the
 * process manager's periodic retry asks again.
 */
@Component
@ConditionalOnProperty(name = "devices.provisioning.adapter", havingValue = "simulated", matchIfMissing = true)
@EnableConfigurationProperties(SimulatedNetworkProperties.class)
class SimulatedNetworkProvisioning implements NetworkProvisioning {

    private final SwapOutcomes outcomes;
    private final Duration delay;
    private final Set<String> rejectedIccids;
    private final ScheduledExecutorService network = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "simulated-network");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<UUID, Boolean> inFlight = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    SimulatedNetworkProvisioning(SwapOutcomes outcomes, SimulatedNetworkProperties settings) {
        this.outcomes = outcomes;
        this.delay = settings.delay();
        this.rejectedIccids = settings.rejectIccids().stream()
                .map(String::trim)
                .filter(iccid -> !iccid.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void requestSwap(SwapRequest request) {
        if (inFlight.putIfAbsent(request.requestId(), Boolean.TRUE) != null) {
            return;
        }
        network.schedule(() -> answer(request), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void answer(SwapRequest request) {
        try {
            if (rejectedIccids.contains(request.newIccid())) {
                outcomes.refused(request, SwapOutcomes.REJECTED_BY_NETWORK);
            } else {
                outcomes.swapped(request, digits(4), digits(8), digits(4), digits(8));
            }
        } finally {
            inFlight.remove(request.requestId());
        }
    }

    private String digits(int count) {
        StringBuilder code = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            code.append(random.nextInt(10));
        }
        return code.toString();
    }

    @PreDestroy
    void stop() {
        network.shutdownNow();
    }
}
