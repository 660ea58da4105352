package com.subscriptiondevices.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service as the suite runs it: the packaged jar, exactly as README's PostgreSQL command starts
 * it (the {@code postgres} profile, README's JVM options unless told otherwise), on a port of its own, with a known
 * dev-token secret and the benchmark's constant endpoint switched on. Its pid is written where
 * {@code bench/run} can stop it should this harness die.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final long startedNanos;
    private final Path pidFile;

    private ServiceProcess(Process process, long startedNanos, Path pidFile) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.pidFile = pidFile;
    }

    static ServiceProcess start(Options options, Path log) throws IOException {
        if (portTaken(options.port())) {
            throw new IllegalStateException(
                    "Port " + options.port() + " is in use already; stop what runs there or give --port");
        }
        if (!Files.isRegularFile(options.repository().resolve(options.serviceJar()))) {
            throw new IllegalStateException(
                    "No service jar at " + options.repository().resolve(options.serviceJar())
                            + "; build it (./mvnw -B -DskipTests package) or leave out --skip-build");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.serviceJvmOptions());
        command.add("-jar");
        command.add(options.serviceJar().toString());
        command.add("--spring.profiles.active=postgres");
        command.add("--spring.datasource.url=" + options.jdbcUrl());
        command.add("--spring.datasource.username=" + options.pgUser());
        command.add("--spring.datasource.password=" + options.pgPassword());
        command.add("--server.port=" + options.port());
        command.add("--devices.security.dev-jwt-secret=" + Options.SECRET);
        command.add("--devices.bench.constant-endpoint=true");
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(options.repository().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (options.servicePidFile() != null) {
            Files.writeString(options.servicePidFile(), Long.toString(process.pid()));
        }
        return new ServiceProcess(process, started, options.servicePidFile());
    }

    /**
     * Whether the service's JVM used the class-data-sharing archive of README's options: HotSpot warns
     * in the log when it cannot (another JDK, a rebuilt jar, a missing archive) and starts without it.
     */
    static String classDataSharing(Options options, Path log) {
        if (options.serviceJvmOptions().stream().noneMatch(option -> option.startsWith("-XX:SharedArchiveFile="))) {
            return "not asked for";
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("[cds") && line.contains("warning"))
                    .findFirst()
                    .map(line -> "asked for but not used: " + line.strip())
                    .orElse("used");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unknown, the service log could not be read (" + e.getMessage() + ")";
        }
    }

    long pid() {
        return process.pid();
    }

    /** Fails the run when the service is gone: nothing it measured after that would mean anything. */
    void requireAlive(String during, Path log) {
        if (!process.isAlive()) {
            int code = process.exitValue();
            throw new IllegalStateException("The service (pid " + process.pid() + ") exited with " + code
                    + (code == 143 ? " (SIGTERM, sent from outside the suite)" : code == 137 ? " (SIGKILL)" : "")
                    + " during " + during + "; see " + log);
        }
    }

    /** Seconds from starting the JVM until {@code /actuator/health/readiness} answers 200. */
    double awaitReady(String baseUrl, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue() + " while starting");
            }
            try {
                HttpResponse<Void> response = client.send(readiness, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("The service was not ready within " + timeout);
    }

    /** Resident memory now and its peak so far (VmRSS, VmHWM), in MB. */
    double[] memoryMb() {
        var kb = ProcStats.memoryKb(process.pid());
        return new double[] {kb.getOrDefault("VmRSS", 0L) / 1024.0, kb.getOrDefault("VmHWM", 0L) / 1024.0};
    }

    /** Stops it as an operator would (SIGTERM, graceful shutdown); forcibly after 30 s. */
    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (pidFile != null) {
            try {
                Files.writeString(pidFile, "");
            } catch (IOException ignored) {
                // bench/run only kills a pid that is there
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static boolean portTaken(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException free) {
            return false;
        }
    }
}
