package com.subscriptiondevices.command.simreplacement.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A deadline whose run failed is run again after a second, then after a wait that doubles, up to a cap. */
class DeadlineRetriesTest {

    private final ProcessConfiguration.BackOff<String> backOff =
            new ProcessConfiguration.BackOff<>(Duration.ofSeconds(1), Duration.ofMinutes(10));

    @Test
    void the_wait_doubles_with_each_failure_in_a_row_up_to_the_cap() {
        assertThat(backOff.after(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backOff.after(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backOff.after(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backOff.after(9)).isEqualTo(Duration.ofSeconds(512));
        assertThat(backOff.after(10)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backOff.after(1_000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void the_retried_task_is_axons_task_under_its_name_with_the_back_off() {
        List<String> ran = new ArrayList<>();
        Task<String> axons =
                Tasks.oneTime("AxonDeadline", String.class).execute((instance, context) -> ran.add(instance.getData()));

        Task<String> retried = ProcessConfiguration.retried(axons, backOff);
        retried.execute(new TaskInstance<>("AxonDeadline", "id-1", "the deadline"), (ExecutionContext) null);

        assertThat(ran).containsExactly("the deadline");
        assertThat(retried.getName()).isEqualTo("AxonDeadline");
        assertThat(retried.getDataClass()).isEqualTo(String.class);
        assertThat(retried).isInstanceOf(OneTimeTask.class);
        assertThat(retried.getFailureHandler()).isSameAs(backOff);
    }
}
