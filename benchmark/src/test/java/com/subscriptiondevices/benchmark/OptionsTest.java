package com.subscriptiondevices.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

    @Test
    void theServiceRunsWithReadmesJvmOptionsUnlessToldOtherwise() {
        Options options = Options.parse(new String[0], Map.of());

        assertThat(options.serviceJvmOptions())
                .containsExactly(
                        "-XX:+UseSerialGC",
                        "-Xmx320m",
                        "-Xss512k",
                        "-XX:ThreadPriorityPolicy=1",
                        "-XX:JavaPriority1_To_OSPriority=19",
                        "-XX:SharedArchiveFile=service/target/app/subscription-devices.jsa");
        assertThat(options.serviceJvmDescription())
                .isEqualTo("-XX:+UseSerialGC -Xmx320m -Xss512k -XX:ThreadPriorityPolicy=1"
                        + " -XX:JavaPriority1_To_OSPriority=19"
                        + " -XX:SharedArchiveFile=service/target/app/subscription-devices.jsa, as README's command");
        assertThat(options.serviceJar()).isEqualTo(Path.of("service/target/app/subscription-devices.jar"));
    }

    @Test
    void readmesRunCommandIsTheOneTheSuiteStarts() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(readme)
                .contains("java " + String.join(" ", Options.README_JVM_OPTIONS) + " -jar " + Options.README_JAR);
    }

    @Test
    void oneUnrecordedWarmUpRoundPrecedesTheMeasuredOnesExceptInAQuickRun() {
        assertThat(Options.parse(new String[0], Map.of()).warmupRounds()).isEqualTo(1);
        assertThat(Options.parse(new String[] {"--quick"}, Map.of()).warmupRounds())
                .isZero();
        assertThat(Options.parse(new String[] {"--warmup-rounds", "2"}, Map.of())
                        .warmupRounds())
                .isEqualTo(2);
        assertThat(Options.parse(new String[] {"--warmup-rounds", "0"}, Map.of())
                        .describe())
                .containsEntry("warmup_rounds", 0);
        assertThatThrownBy(() -> Options.parse(new String[] {"--warmup-rounds", "-1"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGivenJarIsTakenFromWhereTheCallerIs() {
        Options options = Options.parse(new String[] {"--service-jar", "some/where.jar"}, Map.of());

        assertThat(options.serviceJar()).isEqualTo(Path.of("some/where.jar").toAbsolutePath());
    }

    @Test
    void theNotesSayWhetherTheJvmCouldUseTheArchive(@TempDir Path dir) throws IOException {
        Options readmes = Options.parse(new String[0], Map.of());
        Options without = Options.parse(new String[] {"--service-jvm-options", "-Xmx1g"}, Map.of());
        Path used = Files.writeString(dir.resolve("used.log"), "INFO Started\n");
        Path refused = Files.writeString(
                dir.resolve("refused.log"),
                "[0.085s][warning][cds,dynamic] Unable to use shared archive. The top archive failed to load: x.jsa\n"
                        + "INFO Started\n");

        assertThat(ServiceProcess.classDataSharing(readmes, used)).isEqualTo("used");
        assertThat(ServiceProcess.classDataSharing(readmes, refused))
                .isEqualTo("asked for but not used: [0.085s][warning][cds,dynamic] Unable to use shared archive."
                        + " The top archive failed to load: x.jsa");
        assertThat(ServiceProcess.classDataSharing(without, refused)).isEqualTo("not asked for");
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
