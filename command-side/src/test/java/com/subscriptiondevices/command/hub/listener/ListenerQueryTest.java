package com.subscriptiondevices.command.hub.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.subscriptiondevices.api.error.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerQueryTest {

    @Test
    void no_query_wants_every_type_and_a_query_only_its_own() {
        assertThat(ListenerQuery.parse(null).wants("subscription-devices.device.added"))
                .isTrue();
        ListenerQuery two =
                ListenerQuery.parse("type=subscription-devices.device.added, subscription-devices.msisdn.changed");
        assertThat(two.wants("subscription-devices.device.added")).isTrue();
        assertThat(two.wants("subscription-devices.msisdn.changed")).isTrue();
        assertThat(two.wants("subscription-devices.device.changed")).isFalse();
    }

    @Test
    void anything_but_type_and_known_types_is_refused() {
        for (String bad : List.of(
                "",
                "type=",
                "type=nope",
                "eventType=subscription-devices.device.added",
                "type=subscription-devices.device.added,",
                "TYPE=subscription-devices.device.added")) {
            assertThatThrownBy(() -> ListenerQuery.parse(bad)).as(bad).isInstanceOf(DomainException.class);
        }
    }
}
