package io.github.lrubench.race;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.JmhJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** race.json and race.csv: round trip, the committed runs' files, and bad input. */
class RaceTableTest {

    /** Committed default runs (the project root is the tests' working directory). */
    static final List<String> COMMITTED = List.of("results/20261125T130647Z-vm", "results/20261125T132726Z-vm");

    @Test
    void raceTableRoundTrips(@TempDir Path dir) throws IOException {
        List<RaceOutcome> rows = List.of(
                new RaceOutcome(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE, 1000, 10, 5, 2, 2, 0, 0),
                new RaceOutcome(IsolationCheck.PAGE_LOCK, InodeFreePolicy.IMMEDIATE, 1000, 10, 5, 2, 0, 3, 0));
        Files.writeString(dir.resolve("race.json"), RaceTable.json(rows));
        assertThat(RaceTable.readJson(dir.resolve("race.json"))).isEqualTo(rows);
        assertThat(rows.get(0).verdict()).isEqualTo(RaceVerdict.REPRODUCED);
        assertThat(rows.get(0).verdict().text()).isEqualTo("forbidden outcome seen (race reproduced)");
        assertThat(rows.get(1).expectedSafe()).isTrue();
        assertThat(rows.get(1).verdict().text()).isEqualTo("OK: forbidden outcome not seen");
        assertThat(RaceTable.format(rows).lines()).hasSize(3);
    }

    @Test
    void verdictsCarryTheTextsOfTheTables() {
        assertThat(RaceVerdict.of(true, true).text()).isEqualTo("FAIL: forbidden outcome on a safe variant");
        assertThat(RaceVerdict.of(true, false).text()).isEqualTo("forbidden outcome seen (race reproduced)");
        assertThat(RaceVerdict.of(false, true).text()).isEqualTo("OK: forbidden outcome not seen");
        assertThat(RaceVerdict.of(false, false).text()).isEqualTo("not seen (race open, not hit)");
    }

    /**
     * The committed files carry forbiddenSeen and expectedSafe; reading derives both and must agree
     * with them, and the verdicts must be the committed race.csv's. They predate the scheduler
     * tick (no safety field): their PREEMPT_RCU was the contract-only model, read as
     * PREEMPT_RCU_CONTRACT, which keeps every committed verdict true.
     */
    @Test
    void committedRunsReadAndDeriveWhatTheySay() throws IOException {
        for (String run : COMMITTED) {
            Path json = Path.of(run, "race.json");
            List<RaceOutcome> rows = RaceTable.readJson(json);
            JsonNode raw = JmhJson.mapper().readTree(Files.readString(json));
            assertThat(rows).as(run).hasSize(9).hasSize(raw.size());
            List<String> csv = Files.readAllLines(Path.of(run, "race.csv"));
            for (int i = 0; i < rows.size(); i++) {
                RaceOutcome r = rows.get(i);
                assertThat(raw.get(i).has("safety")).as(run + " row " + i + " predates the tick model").isFalse();
                String committedFree = raw.get(i).get(SuiteParam.FREE.key()).textValue();
                assertThat(r.free()).as(run + " row " + i).isEqualTo(committedFree.equals(InodeFreePolicy.PREEMPT_RCU.name())
                        ? InodeFreePolicy.PREEMPT_RCU_CONTRACT : InodeFreePolicy.valueOf(committedFree));
                assertThat(r.expectedSafe()).as(run + " row " + i).isEqualTo(raw.get(i).get("expectedSafe").booleanValue());
                assertThat(r.forbiddenSeen()).as(run + " row " + i).isEqualTo(raw.get(i).get("forbiddenSeen").booleanValue());
                assertThat(csv.get(i + 1)).as(run + " row " + i)
                        .startsWith(r.check() + "," + committedFree + ",")
                        .endsWith(",\"" + r.verdict().text() + "\"");
            }
            assertThat(rows).as(run).filteredOn(r -> r.verdict() == RaceVerdict.REPRODUCED)
                    .extracting(RaceOutcome::free).containsExactly(InodeFreePolicy.IMMEDIATE, InodeFreePolicy.PREEMPT_RCU_CONTRACT);
            assertThat(rows).as(run).filteredOn(r -> r.verdict() == RaceVerdict.OK).hasSize(7);
        }
    }

    /** What this version writes reads back to the same rows and, written again, the same bytes. */
    @Test
    void everyCombinationRoundTripsByteForByte(@TempDir Path dir) throws IOException {
        List<RaceOutcome> rows = new java.util.ArrayList<>();
        for (IsolationCheck c : IsolationCheck.values()) {
            for (InodeFreePolicy f : InodeFreePolicy.values()) {
                rows.add(new RaceOutcome(c, f, 100_000, 50, 50, 25, InodeFreePolicy.isSafe(c, f) ? 0 : 1, 0, 0));
            }
        }
        Files.writeString(dir.resolve("a.json"), RaceTable.json(rows));
        List<RaceOutcome> back = RaceTable.readJson(dir.resolve("a.json"));
        assertThat(back).isEqualTo(rows);
        Files.writeString(dir.resolve("b.json"), RaceTable.json(back));
        assertThat(dir.resolve("b.json")).hasSameBinaryContentAs(dir.resolve("a.json"));
        Files.writeString(dir.resolve("race.csv"), RaceTable.csv(back));
        assertThat(Files.readAllLines(dir.resolve("race.csv"))).filteredOn(l -> l.contains(",PREEMPT_RCU,"))
                .allMatch(l -> l.contains("\"closed in practice (v4.15 implementation)\"") || l.contains("\"closed by contract\""));
        assertThat(RaceTable.markdown(back)).contains("| NONE | PREEMPT_RCU_CONTRACT |").contains("| open | forbidden outcome seen")
                .contains("| NONE | IMMEDIATE (hypothetical) |");
        assertThat(RaceTable.format(back)).contains("IMMEDIATE (hypothetical)");
    }

    @Test
    void csvHasTodaysFieldsOrderAndText(@TempDir Path dir) throws IOException {
        assertThat(RaceTable.csv(List.of(new RaceOutcome(IsolationCheck.PAGE_LOCK_V4_16, InodeFreePolicy.IMMEDIATE, 100000, 4187, 4187, 2093, 0, 21, 12, 700))))
                .isEqualTo(
                "check,free,windowNs,trials,dirtyPageChecks,racedChecks,uafDetected,skippedTrylock,skippedInverted,racedEvictions,forbiddenSeen,"
                        + "expectedSafe,safety,upperBoundPerCheck,upperBoundPerRacedCheck,upperBoundPerRacedEviction,verdict\n"
                        + "PAGE_LOCK_V4_16,IMMEDIATE,100000,4187,4187,2093,0,21,12,700,false,true,\"closed by contract\","
                        + RaceOutcome.RULE_OF_THREE / 4187 + "," + RaceOutcome.RULE_OF_THREE / 2093 + "," + RaceOutcome.RULE_OF_THREE / 700
                        + ",\"OK: forbidden outcome not seen\"\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"check\" : \"NONE\"", "\"free\" : \"IMMEDIATE\""})
    void unknownCheckOrFreeIsBadInputNamingTheFile(String field, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("race.json");
        String committed = Files.readString(Path.of(COMMITTED.get(0), "race.json"));
        assertThat(committed).contains(field);
        Files.writeString(file, committed.replaceFirst(field, field.replaceAll("\"[A-Z_]+\"$", "\"BOGUS\"")));
        assertThatThrownBy(() -> RaceTable.readJson(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("BOGUS")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void notARaceTableIsBadInput(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("race.json");
        for (String text : List.of("{}", "[1]", "[ {\"check\": \"NONE\"} ]", "[ {", "")) {
            Files.writeString(file, text);
            assertThatThrownBy(() -> RaceTable.readJson(file)).as(text)
                    .isInstanceOf(BadInputException.class).hasMessageStartingWith(file.toString());
        }
    }

    /** A race.json from before the stress counted raced checks reads with them not counted, shown as "–". */
    @Test
    void aFileWithoutRacedChecksReadsAsNotCounted(@TempDir Path dir) throws IOException {
        Path json = Files.writeString(dir.resolve("race.json"), "[{\"check\":\"PAGE_LOCK\",\"free\":\"RCU_SCHED\","
                + "\"windowNs\":100000,\"trials\":4000,\"dirtyPageChecks\":4000,\"uafDetected\":0,\"skippedTrylock\":3,"
                + "\"skippedInverted\":0,\"safety\":\"CLOSED_BY_CONTRACT\"}]");
        RaceOutcome r = RaceTable.readJson(json).get(0);
        assertThat(r.racedCounted()).isFalse();
        assertThat(r.upperBoundPerRacedCheck()).isNaN();
        assertThat(r.upperBoundPerCheck()).isCloseTo(3.0 / 4000, org.assertj.core.data.Percentage.withPercentage(0.2));
        assertThat(r.evictionsCounted()).isFalse();
        assertThat(RaceTable.markdown(List.of(r))).contains("| 4000 | – | – | 0 |").contains("| – | – |"); // no raced counts: no bound
    }

    /** The bounds are written for readers and derived again on reading; a negative count is refused. */
    @Test
    void boundsAreWrittenAndNegativeCountsRefused(@TempDir Path dir) throws IOException {
        RaceOutcome r = new RaceOutcome(IsolationCheck.NONE, InodeFreePolicy.RCU_SCHED, 0, 100_000_000, 100_000_000,
                2_000_000, 0, 0, 0);
        Files.writeString(dir.resolve("race.json"), RaceTable.json(List.of(r)));
        JsonNode raw = JmhJson.mapper().readTree(Files.readString(dir.resolve("race.json"))).get(0);
        assertThat(raw.get("racedChecks").longValue()).isEqualTo(2_000_000);
        assertThat(raw.get("upperBoundPerCheck").doubleValue()).isEqualTo(RaceOutcome.RULE_OF_THREE / 1e8);
        assertThat(raw.get("upperBoundPerRacedCheck").doubleValue()).isEqualTo(RaceOutcome.RULE_OF_THREE / 2e6);
        assertThat(RaceTable.readJson(dir.resolve("race.json"))).containsExactly(r);
        Files.writeString(dir.resolve("race.csv"), RaceTable.csv(List.of(r)));
        assertThat(Files.readAllLines(dir.resolve("race.csv")).get(1)).contains(",100000000,2000000,0,0,0,,false,true,"); // evictions not counted
        Path bad = Files.writeString(dir.resolve("bad.json"), Files.readString(dir.resolve("race.json"))
                .replace("\"racedChecks\" : 2000000", "\"racedChecks\" : -5"));
        assertThat(Files.readString(bad)).contains("-5");
        assertThatThrownBy(() -> RaceTable.readJson(bad)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("lacks a non-negative integer racedChecks");
    }

    /** Issue 12 #14: a row with an unknown value or without its counts is refused, never shown as zeros. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"check\":\"NONE\",\"free\":\"IMMEDIATE\"}",
        "{\"check\":\"NONE\",\"free\":\"IMMEDIATE\",\"windowNs\":\"fast\",\"trials\":1,\"dirtyPageChecks\":1,"
            + "\"uafDetected\":0,\"skippedTrylock\":0,\"skippedInverted\":0}",
        "{\"check\":\"NONE\",\"free\":\"IMMEDIATE\",\"mystery\":1}"})
    void aRowWithoutItsCountsOrWithAnUnknownValueIsRefused(String row, @TempDir Path dir) throws IOException {
        Path json = Files.writeString(dir.resolve("race.json"), "[" + row + "]");
        assertThatThrownBy(() -> RaceTable.readJson(json)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("race.json").hasMessageContaining("not a race table: row 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** An upper bound is printed rounded up, without e-notation: 2.996 / 403 = 0.743% is "< 0.75%", never "< 0.74%". */
    @Test
    void boundsAreRoundedUp() {
        assertThat(RaceTable.bound(RaceOutcome.RULE_OF_THREE / 403)).isEqualTo("< 0.75%");
        assertThat(RaceTable.bound(RaceOutcome.RULE_OF_THREE / 1194217)).isEqualTo("< 2.6 per million");
        assertThat(RaceTable.bound(0.0995)).isEqualTo("< 10%");
        assertThat(RaceTable.bound(Double.NaN)).isEqualTo("–");
    }

    /**
     * The per-check bound divided by the sensitivity the open rows show (the smallest share of raced
     * checks that caught the outcome), the per-eviction bound over distinct evictions: 3/(n·q), 3/E.
     */
    @Test
    void boundsAreAdjustedForSensitivityAndCountedPerEviction() {
        RaceOutcome open = new RaceOutcome(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE, 100000, 237, 237, 189, 93, 0, 0, 60);
        RaceOutcome open2 = new RaceOutcome(IsolationCheck.NONE, InodeFreePolicy.PREEMPT_RCU_CONTRACT, 100000, 1513, 1513, 1485, 1130, 0, 0, 400);
        RaceOutcome safe = new RaceOutcome(IsolationCheck.PAGE_LOCK, InodeFreePolicy.PREEMPT_RCU, 100000, 3700, 3700, 3698, 0, 1, 0, 1000);
        double q = RaceTable.sensitivity(List.of(open, open2, safe));
        assertThat(q).isEqualTo(93.0 / 189); // the smaller of 0.49 and 0.76
        assertThat(safe.upperBoundPerRacedCheck(q)).isCloseTo(RaceOutcome.RULE_OF_THREE / (3698 * q), within(1e-15));
        assertThat(safe.upperBoundPerRacedEviction()).isCloseTo(RaceOutcome.RULE_OF_THREE / 1000, within(1e-15));
        // 2.996 / (3698 · 0.492) = 0.1647% -> "< 0.17%"; 2.996 / 1000 -> "< 0.3%"
        assertThat(RaceTable.markdown(List.of(open, open2, safe))).contains("| 3700 | 3698 | 1000 | 0 | 1 | 0 | < 0.17% | < 0.3% |");
        assertThat(RaceTable.sensitivity(List.of(safe))).isNaN(); // no open row saw it: unadjusted
        // a rate per trial is at most 1: one eviction bounds nothing, and says so as 100%, not 300%
        RaceOutcome one = new RaceOutcome(IsolationCheck.PAGE_LOCK, InodeFreePolicy.RCU_SCHED, 100000, 14, 14, 14, 0, 0, 0, 1);
        assertThat(one.upperBoundPerRacedEviction()).isEqualTo(1.0);
        assertThat(one.upperBoundPerRacedCheck(0.1)).isEqualTo(1.0);
        assertThat(RaceTable.bound(one.upperBoundPerRacedEviction())).isEqualTo("< 100%");
    }

    /** A table read from a file without raced counts writes them as null (JSON) and empty (CSV), and reads back. */
    @Test
    void notCountedRoundTrips(@TempDir Path dir) throws IOException {
        RaceOutcome r = new RaceOutcome(IsolationCheck.PAGE_LOCK, InodeFreePolicy.RCU_SCHED, 100000, 4000, 4000,
                RaceOutcome.NOT_COUNTED, 0, 3, 0);
        Files.writeString(dir.resolve("race.json"), RaceTable.json(List.of(r)));
        assertThat(RaceTable.readJson(dir.resolve("race.json"))).containsExactly(r);
        Files.writeString(dir.resolve("race.csv"), RaceTable.csv(List.of(r)));
        assertThat(Files.readAllLines(dir.resolve("race.csv")).get(1)).contains(",4000,4000,,0,3,0,");
    }
}
