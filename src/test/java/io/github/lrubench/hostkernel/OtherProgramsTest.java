package io.github.lrubench.hostkernel;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's note on how busy the machine was while the trials ran. */
class OtherProgramsTest {

    static Optional<String> note(long busy0, long busy1, long total0, long total1, long self0, long self1, long steal1) {
        return Calibrator.otherPrograms(Optional.of(new ProcFs.CpuTicks(busy0, 0, total0)), OptionalLong.of(self0),
                Optional.of(new ProcFs.CpuTicks(busy1, steal1, total1)), OptionalLong.of(self1), 2);
    }

    @Test
    void othersAreTheBusyTimeThisProcessDidNotUse() {
        // 1000 ticks over 2 CPUs; 700 busy of which this process 300: others 400 = 40%.
        assertThat(note(0, 700, 0, 1000, 0, 300, 20)).hasValueSatisfying(n -> assertThat(n)
                .startsWith("other programs used 40% of the 2 CPUs during the trials (hypervisor steal 2%)").contains("rerun when it is idle"));
        // Quiet: 5%, no advice.
        assertThat(note(0, 350, 0, 1000, 0, 300, 0)).hasValue("other programs used 5% of the 2 CPUs during the trials (hypervisor steal 0%)");
    }

    @Test
    void nothingWithoutTheFiles() {
        assertThat(Calibrator.otherPrograms(Optional.empty(), OptionalLong.of(1), Optional.empty(), OptionalLong.of(2), 2)).isEmpty();
        assertThat(Calibrator.otherPrograms(Optional.of(new ProcFs.CpuTicks(1, 0, 10)), OptionalLong.empty(),
                Optional.of(new ProcFs.CpuTicks(2, 0, 20)), OptionalLong.empty(), 2)).isEmpty();
    }
}
