package com.subscriptiondevices.platform.data;

import org.springframework.jdbc.core.simple.JdbcClient;

/** What PostgreSQL says a backend is doing ({@code pg_stat_activity.state}), seen from another connection. */
final class ServerStates {

    private ServerStates() {}

    /**
     * The backend's state once it has settled: it reports its state a moment after it answered, so an
     * {@code active} is asked again for up to 2 s.
     */
    static String settled(JdbcClient observer, int pid) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        String state;
        do {
            state = observer.sql("select state from pg_stat_activity where pid = ?")
                    .param(pid)
                    .query(String.class)
                    .single();
        } while (state.equals("active") && System.nanoTime() < deadline);
        return state;
    }
}
