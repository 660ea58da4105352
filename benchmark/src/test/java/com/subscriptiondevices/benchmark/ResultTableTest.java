package com.subscriptiondevices.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void a_ratio_target_is_met_at_or_above_its_share_of_the_baseline() {
        Row met = new Row("POST", 8, 350, "req/s")
                .against("pgbench", 1000, "tx/s")
                .target(Target.ratioAtLeast(0.35));
        Row missed = new Row("POST", 8, 349, "req/s")
                .against("pgbench", 1000, "tx/s")
                .target(Target.ratioAtLeast(0.35));

        assertThat(met.ratio()).isEqualTo(0.35);
        assertThat(met.met()).isTrue();
        assertThat(missed.met()).isFalse();
    }

    @Test
    void every_condition_of_a_target_must_hold_and_a_missing_figure_meets_none() {
        Row fastButSlowTail = new Row("GET", 8, 600, "req/s").against("constant", 1000, "req/s");
        fastButSlowTail.p99Ms = 30.0;
        fastButSlowTail.target(Target.ratioAtLeast(0.5).andP99AtMost(25));
        Row noLatencies = new Row("lag", 1, 40, "writes/s").target(Target.p99AtMost(100));
        Row noBaseline = new Row("rebuild", null, 20_000, "ev/s")
                .target(Target.ratioAtLeast(0.5).andAtLeast(15_000));

        assertThat(fastButSlowTail.met()).isFalse();
        fastButSlowTail.p99Ms = 25.0;
        assertThat(fastButSlowTail.met()).isTrue();
        assertThat(noLatencies.met()).isFalse();
        assertThat(noBaseline.ratio()).isNull();
        assertThat(noBaseline.met()).isFalse();
        assertThat(new Row("info", null, 1, "s").met()).isNull();
    }

    @Test
    void ceilings_compare_the_result_itself() {
        assertThat(new Row("start-up", null, 8.0, "s").target(Target.atMost(8)).met())
                .isTrue();
        assertThat(new Row("start-up", null, 8.01, "s").target(Target.atMost(8)).met())
                .isFalse();
        assertThat(new Row("rss", null, Double.NaN, "MB")
                        .target(Target.atMost(600))
                        .met())
                .isFalse();
    }

    @Test
    void the_table_is_markdown_with_aligned_columns_and_says_which_targets_are_missed() {
        Row baseline = new Row("Baseline: pgbench", 8, 3456.7, "tx/s");
        baseline.p50Ms = 1.234;
        baseline.p95Ms = 12.34;
        baseline.p99Ms = 123.4;
        baseline.generatorCpuPercent = 4.4;
        Row scenario =
                new Row("POST add device", 8, 120, "req/s").against(baseline).target(Target.ratioAtLeast(0.35));
        Row startup = new Row("Start-up", null, 5.214, "s").target(Target.atMost(8));

        String table = ResultTable.format(List.of(baseline, scenario, startup));
        List<String> lines = table.lines().toList();

        assertThat(lines).hasSize(5);
        assertThat(lines)
                .allSatisfy(
                        line -> assertThat(line).startsWith("|").endsWith("|").hasSameSizeAs(lines.get(0)));
        assertThat(lines.get(1)).startsWith("|:--").contains("-:|");
        assertThat(ResultTable.cells(baseline))
                .containsExactly("Baseline: pgbench", "8", "3,457 tx/s", "1.23", "12.3", "123", "", "", "", "", "4%");
        assertThat(ResultTable.cells(scenario))
                .containsExactly(
                        "POST add device",
                        "8",
                        "120 req/s",
                        "–",
                        "–",
                        "–",
                        "Baseline: pgbench: 3,457 tx/s",
                        "0.03×",
                        "≥ 0.35×",
                        "NO",
                        "–");
        assertThat(ResultTable.cells(startup)).containsSubsequence("5.21 s", "≤ 8 s", "yes");
    }

    @Test
    void the_median_of_rounds_ignores_nothing_but_missing_figures() {
        assertThat(Numbers.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Numbers.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(Numbers.median(List.of(Double.NaN, 5.0))).isEqualTo(5.0);
        assertThat(Numbers.median(List.of())).isNaN();
    }
}
