package com.subscriptiondevices.platform.axon.deadletter;

import java.util.List;
import java.util.Optional;

/**
 * Dead letters kept outside Axon's queue, shown and retried with the others at {@code /admin/dead-letters}:
 * the hub's deliveries that were given up, for one.
 */
public interface DeadLetterSource {

    /** The processing group its letters are listed under. */
    String processingGroup();

    /** Its letters, oldest first. */
    List<DeadLetterView> list();

    /** Retries the letter when it is one of this source's; empty when it is not. */
    Optional<RetryResult> retry(String id);
}
