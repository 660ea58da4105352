package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What one write asks of PostgreSQL, statement by statement and round trip by round trip, as JDBC sends
 * it: a POST and a PATCH, each on a subscription already written to (its aggregate cached, its legacy ids
 * handed out). README's figures (2 round trips a POST, 1 a PATCH) and {@code bench/run}'s ceiling rows
 * rest on {@code bench/write-statements.txt}; this holds the service to it, so a statement added to every
 * write shows here first.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(WriteStatementsIT.Recording.class)
class WriteStatementsIT extends ServiceIT {

    private static final Path EXPECTED = Path.of("..", "bench", "write-statements.txt");
    private static final Pattern TABLE =
            Pattern.compile("^(insert into|merge into|update|select .*? from)\\s+([a-z0-9_.]+)", Pattern.DOTALL);

    /** Every round trip the service's connections make while recording: the thread, and what was sent. */
    static final ConcurrentLinkedQueue<String[]> SENT = new ConcurrentLinkedQueue<>();

    static volatile boolean recording;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> TestDatabases.dedicated("statements"));
    }

    @Test
    void a_post_and_a_patch_send_the_statements_bench_write_statements_names() throws IOException {
        Map<String, String> expected = Files.readAllLines(EXPECTED).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toMap(
                        line -> line.substring(0, line.indexOf(' ')),
                        line -> line.substring(line.indexOf(' ') + 1).trim()));
        String subscription = subscription(ORG);
        // the first write loads the aggregate and takes a block of legacy ids; the ones measured do neither
        String device = addTerminal(subscription);
        patch(subscription, device, "FIRST");

        String post = recorded(() -> addTerminal(subscription));
        String patch = recorded(() -> patch(subscription, device, "SECOND"));

        assertThat(post).as("a POST").isEqualTo(expected.get("POST"));
        assertThat(patch).as("a PATCH").isEqualTo(expected.get("PATCH"));
    }

    @Test
    void the_normal_form_names_each_statements_verb_and_table() {
        assertThat(normal("savepoint opened_by_its_write")).isEqualTo("savepoint");
        assertThat(normal("release savepoint opened_by_its_write")).isEqualTo("release");
        assertThat(normal("INSERT INTO DomainEventEntry (a) VALUES (?)")).isEqualTo("insert domainevententry");
        assertThat(normal("merge into device_model.device_view t using (select cast(? as uuid))"))
                .isEqualTo("merge device_view");
        assertThat(normal("update v1_device_model.v1_device set status = ? where device_id = ?"))
                .isEqualTo("update v1_device");
        assertThat(normal("select org from device_model.subscription_view where subscription_id = ?"))
                .isEqualTo("select subscription_view");
        assertThat(normals("INSERT INTO DomainEventEntry (a) VALUES (?);\nupdate device_model.device_view set a = ?"))
                .containsExactly("insert domainevententry", "update device_view");
    }

    private String patch(String subscription, String device, String serial) {
        Api.Response patched = api.patch(
                devicesPath(ORG, subscription) + "/" + device,
                fullToken(),
                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"" + serial + "\"}]",
                Map.of());
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        return device;
    }

    /**
     * The round trips of the request {@code write} sends, in the form of {@code bench/write-statements.txt}:
     * those of the thread that appended its event (the request's own; the service's background work runs on
     * threads of its own).
     */
    private static String recorded(Runnable write) {
        SENT.clear();
        recording = true;
        try {
            write.run();
        } finally {
            recording = false;
        }
        List<String[]> sent = new ArrayList<>(SENT);
        String thread = sent.stream()
                .filter(trip -> trip[1].contains("insert domainevententry"))
                .map(trip -> trip[0])
                .findFirst()
                .orElseThrow(() -> new AssertionError("No event was appended: " + describe(sent)));
        return sent.stream()
                .filter(trip -> trip[0].equals(thread))
                .map(trip -> trip[1])
                .collect(Collectors.joining(" | "));
    }

    private static String describe(List<String[]> sent) {
        return sent.stream().map(trip -> trip[0] + ": " + trip[1]).collect(Collectors.joining("; "));
    }

    /** Each statement of one JDBC statement that may hold several (the write's pipeline sends them so). */
    static List<String> normals(String sql) {
        return java.util.Arrays.stream(sql.split(";"))
                .filter(statement -> !statement.isBlank())
                .map(WriteStatementsIT::normal)
                .toList();
    }

    static String normal(String sql) {
        String text = sql.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String verb = text.split(" ", 2)[0];
        Matcher table = TABLE.matcher(text);
        if (!table.find()) {
            return verb;
        }
        String name = table.group(2);
        return verb + " " + name.substring(name.lastIndexOf('.') + 1);
    }

    /**
     * Whether the connection's transaction is open on the server, so that a commit goes there: pgjdbc
     * sends none for a transaction that its statements committed already.
     */
    static boolean open(java.sql.Connection connection) {
        try {
            return connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service's data source, behind a proxy that notes each execution and each commit sent while recording. */
    @TestConfiguration
    static class Recording {

        @Bean
        static BeanPostProcessor recordingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof DataSource dataSource) || !name.equals("dataSource")) {
                        return bean;
                    }
                    return ProxyDataSourceBuilder.create(dataSource)
                            .name("recording")
                            .listener(new QueryExecutionListener() {
                                @Override
                                public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {}

                                @Override
                                public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                                    if (!recording) {
                                        return;
                                    }
                                    List<String> statements = new ArrayList<>();
                                    for (QueryInfo query : queries) {
                                        int times = Math.max(
                                                1, query.getParametersList().size());
                                        for (int i = 0; i < times; i++) {
                                            statements.addAll(normals(query.getQuery()));
                                        }
                                    }
                                    SENT.add(new String[] {
                                        Thread.currentThread().getName(), String.join(" + ", statements)
                                    });
                                }
                            })
                            .methodListener(new MethodExecutionListener() {
                                /** A commit that reaches the database: one whose transaction is still open there. */
                                @Override
                                public void beforeMethod(MethodExecutionContext context) {
                                    if (recording
                                            && context.getTarget() instanceof java.sql.Connection connection
                                            && context.getMethod().getName().equals("commit")
                                            && open(connection)) {
                                        SENT.add(new String[] {
                                            Thread.currentThread().getName(), "commit"
                                        });
                                    }
                                }

                                @Override
                                public void afterMethod(MethodExecutionContext context) {}
                            })
                            .build();
                }
            };
        }
    }
}
