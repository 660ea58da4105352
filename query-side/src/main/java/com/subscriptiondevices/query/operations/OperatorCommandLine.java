package com.subscriptiondevices.query.operations;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.readmodel.operations.ProjectionStatus;
import com.subscriptiondevices.readmodel.operations.ProjectionStatusReader;
import com.subscriptiondevices.readmodel.operations.ReadModelRebuilder;
import com.subscriptiondevices.readmodel.operations.ReadModelVerifier;
import com.subscriptiondevices.readmodel.operations.RebuildStatus;
import com.subscriptiondevices.readmodel.operations.Verification;
import java.io.PrintStream;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The operator command line ({@code bin/projections status | rebuild <read-model> | verify [read-model]}):
 * the service's own code, run once against its database, without a web server or a token. Its event
 * processors are stopped at once: it only reports, rebuilds with the same switch the running service
 * uses, or verifies.
 */
@Component
@EnableConfigurationProperties(OperatorProperties.class)
class OperatorCommandLine implements ApplicationRunner, ExitCodeGenerator {

    private final String command;
    private final ProjectionStatusReader statuses;
    private final ReadModelRebuilder rebuilder;
    private final ReadModelVerifier verifier;
    private final EventProcessingConfiguration processing;
    private final PrintStream out = System.out;
    private int exitCode;

    OperatorCommandLine(
            OperatorProperties operator,
            ProjectionStatusReader statuses,
            ReadModelRebuilder rebuilder,
            ReadModelVerifier verifier,
            EventProcessingConfiguration processing) {
        this.command = operator.command().trim();
        this.statuses = statuses;
        this.rebuilder = rebuilder;
        this.verifier = verifier;
        this.processing = processing;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (command.isEmpty()) {
            return;
        }
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        List<String> words = List.of(command.split("\\s+"));
        try {
            if (words.equals(List.of("status"))) {
                printStatus();
            } else if (words.size() == 2 && words.get(0).equals("rebuild")) {
                RebuildStatus done = rebuilder.runNow(words.get(1));
                out.printf(
                        "Rebuild of %s: %s, %d events, %.0f events/s, switched in at event %s%n",
                        words.get(1), done.status(), done.events(), done.eventsPerSecond(), done.position());
                exitCode = done.status().equals("DONE") ? 0 : 1;
                printStatus();
            } else if (words.get(0).equals("verify") && words.size() <= 2) {
                List<String> names = words.size() == 2 ? List.of(words.get(1)) : rebuilder.readModels();
                exitCode = 0;
                for (String name : names) {
                    Verification result = verifier.verify(name);
                    out.printf(
                            "Verify %s: %d rows checked, %d differ%n",
                            result.name(), result.checked(), result.differing());
                    result.examples()
                            .forEach(example ->
                                    out.printf("  %s %s: %s%n", example.table(), example.key(), example.problem()));
                    if (result.differing() > 0) {
                        exitCode = 1;
                    }
                }
            } else {
                out.println(
                        "usage: projections status | projections rebuild <read-model> | projections verify [read-model]");
                out.println("read models: " + rebuilder.readModels());
                exitCode = 2;
            }
        } catch (DomainException refused) {
            out.println(refused.code() + ": " + refused.getMessage());
            exitCode = 1;
        }
    }

    private void printStatus() {
        out.printf(
                "%-22s %7s %10s %10s %8s %9s %10s %8s  %s%n",
                "READ MODEL", "VERSION", "POSITION", "HEAD", "LAG", "REPLAYING", "EVENTS/S", "ETA (s)", "LAST REBUILD");
        for (ProjectionStatus status : statuses.all()) {
            RebuildStatus rebuild = status.rebuild();
            out.printf(
                    "%-22s %7s %10s %10d %8d %9s %10.0f %8s  %s%n",
                    status.name(),
                    status.version(),
                    status.position(),
                    status.head(),
                    status.lag(),
                    status.replaying(),
                    status.rate(),
                    status.etaSeconds() == null ? "?" : status.etaSeconds(),
                    rebuild == null
                            ? "-"
                            : rebuild.status() + " " + rebuild.startedAt() + ", " + rebuild.events() + " events");
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
