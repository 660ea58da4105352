package com.subscriptiondevices.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void theServiceRunsWithReadmesJvmOptionsUnlessToldOtherwise() {
        Options options = Options.parse(new String[0], Map.of());

        assertThat(options.serviceJvmOptions()).containsExactly("-XX:+UseSerialGC", "-Xmx384m", "-Xss512k");
        assertThat(options.serviceJvmDescription())
                .isEqualTo("-XX:+UseSerialGC -Xmx384m -Xss512k, as README's command");
    }

    @Test
    void givenJvmOptionsReplaceReadmesAndAnEmptyOneMeansTheJvmsDefaults() {
        Options given = Options.parse(new String[] {"--service-jvm-options", " -Xmx1g  -XX:+UseG1GC "}, Map.of());
        Options none = Options.parse(new String[] {"--service-jvm-options", ""}, Map.of());

        assertThat(given.serviceJvmOptions()).isEqualTo(List.of("-Xmx1g", "-XX:+UseG1GC"));
        assertThat(given.serviceJvmDescription()).isEqualTo("-Xmx1g -XX:+UseG1GC");
        assertThat(none.serviceJvmOptions()).isEmpty();
        assertThat(none.serviceJvmDescription()).isEqualTo("none, the JVM's defaults");
    }
}
