package io.github.lrubench.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.race.RaceTable;
import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.JmhJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 22 #13: files whose figures contradict themselves are refused in one line naming the file
 * and the field, before any report is made of them (seen: a raw NoBracketingException, a NaN report
 * with exit 0, a verdict "0.13% [-0.23, -0.01]" that still backed "minimal"). Each case was seen
 * accepted before the checks.
 */
class CorruptInputsTest {

    private static Path resource(String r) throws Exception {
        return Path.of(CorruptInputsTest.class.getClassLoader().getResource(r).toURI());
    }

    @Test
    void aRaceRowWithMoreUsesAfterFreeThanChecksIsRefused(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("race.json"), "[{\"check\":\"NONE\",\"free\":\"IMMEDIATE\",\"windowNs\":100000,"
                + "\"trials\":10,\"dirtyPageChecks\":10,\"racedChecks\":8,\"uafDetected\":12,\"skippedTrylock\":0,\"skippedInverted\":0}]");
        assertThatThrownBy(() -> RaceTable.readJson(f)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining("uafDetected (12)").hasMessageNotContaining("\n");
    }

    @Test
    void aPassDidForkWithoutIterationsIsRefused(@TempDir Path dir) throws Exception {
        ArrayNode did = (ArrayNode) JmhJson.mapper().readTree(Files.readString(resource("fixtures/did/smoke-did.json")));
        ((ObjectNode) did.get(0).get("result").get("primaryMetric")).putArray("rawData");
        Path f = Files.writeString(dir.resolve("did.json"), did.toPrettyString());
        assertThatThrownBy(() -> PassDidObservation.parse(f, did)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining("rawData").hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @CsvSource({"medianNsPerMigratedPage, -1700, must be a positive time",
        "low, 3000, does not contain its estimate",
        "counted, 0, from 0 counted trials"})
    void aCalibrationWithImpossibleFiguresIsRefused(String field, String value, String says, @TempDir Path dir) throws Exception {
        ObjectNode cal = (ObjectNode) JmhJson.mapper().readTree(Files.readString(resource("fixtures/calibration/calibration.json")));
        ((ObjectNode) cal.get("summaries").get(0)).put(field, Double.parseDouble(value));
        if (field.equals("counted")) {
            ((ObjectNode) cal.get("summaries").get(0)).put(field, 0);
        }
        Path f = Files.writeString(dir.resolve("calibration.json"), cal.toPrettyString());
        assertThatThrownBy(() -> Calibration.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining(says).hasMessageContaining("summaries[")
                .hasMessageNotContaining("\n");
    }
}
