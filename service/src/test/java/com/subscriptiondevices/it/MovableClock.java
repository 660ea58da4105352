package com.subscriptiondevices.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in the full-stack tests: the system's, moved by an offset a test sets (and
 * resets), so that the SIM swap checks can be asked about changes hours and days old. Only what asks
 * the clock bean moves; events keep the instant they were applied at.
 */
final class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** From now on the clock shows {@code instant}, ticking on from there. */
    void at(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
    }

    void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock is UTC");
    }
}
