package io.github.lrubench.rcu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RcuStatsTest {

    /** The numbers do not follow the machine's locale: a German one would print 2,5. */
    @Test
    void toStringIsTheSameInEveryLocale() {
        RcuStats s = new RcuStats(Rcu.Flavour.SCHED, 2, 5, 5, 2, 3, 2.5, 0, 3, 0, 1728, new Histogram(3), 0, "", 0, 0);
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(s.toString()).contains("meanBatch=2.5 ").doesNotContain("2,5");
        } finally {
            Locale.setDefault(saved);
        }
    }
}
