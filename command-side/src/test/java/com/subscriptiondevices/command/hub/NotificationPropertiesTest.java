package com.subscriptiondevices.command.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NotificationPropertiesTest {

    @Test
    void retries_wait_one_second_doubling_up_to_ten_minutes() {
        NotificationProperties.Retry retry =
                new NotificationProperties.Retry(Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(24));
        assertThat(retry.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retry.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retry.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(retry.after(10)).isEqualTo(Duration.ofSeconds(512));
        assertThat(retry.after(11)).isEqualTo(Duration.ofMinutes(10));
        assertThat(retry.after(10_000)).isEqualTo(Duration.ofMinutes(10));
    }
}
