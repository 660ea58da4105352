package com.subscriptiondevices.query.operations;

import com.subscriptiondevices.api.error.DomainException;
import java.io.PrintStream;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * The operator command line ({@code bin/projections status | rebuild <read-model>}): the service's own
 * code, run once against its database, without a web server or a token. Its event processors are
 * stopped at once: it only reports, or rebuilds with the same switch the running service uses.
 */
@Component
class OperatorCommandLine implements ApplicationRunner, ExitCodeGenerator {

    private final String command;
    private final ProjectionStatusReader statuses;
    private final ProjectionRebuilder rebuilder;
    private final EventProcessingConfiguration processing;
    private final PrintStream out = System.out;
    private int exitCode;

    OperatorCommandLine(
            @Value("${devices.operator.command:}") String command,
            ProjectionStatusReader statuses,
            ProjectionRebuilder rebuilder,
            EventProcessingConfiguration processing) {
        this.command = command.trim();
        this.statuses = statuses;
        this.rebuilder = rebuilder;
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
            } else {
                out.println("usage: projections status | projections rebuild <read-model>");
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
                "%-22s %10s %10s %8s %9s %10s %8s  %s%n",
                "READ MODEL", "POSITION", "HEAD", "LAG", "REPLAYING", "EVENTS/S", "ETA (s)", "LAST REBUILD");
        for (ProjectionStatus status : statuses.all()) {
            RebuildStatus rebuild = status.rebuild();
            out.printf(
                    "%-22s %10s %10d %8d %9s %10.0f %8s  %s%n",
                    status.name(),
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
