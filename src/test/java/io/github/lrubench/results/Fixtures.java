package io.github.lrubench.results;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Fixture paths: real JMH output, never edited (fixtures/README.md says how each was made). */
public final class Fixtures {
    /** JMH's own samples: another project's names, @AuxCounters, a @Group, @Param, SampleTime. */
    public static final Path FOREIGN_JSON = of("fixtures/foreign/samples.json");
    public static final Path FOREIGN_CSV_DE = of("fixtures/foreign/samples-de.csv");
    /** This suite's CompactionPassBenchmark, every value it declares, 2 forks, tiny settings. */
    public static final Path SUITE_COMPACTION_JSON = of("fixtures/suite/suite-compaction.json");
    /** Every other class of this suite, every value they declare (windowNs 0 alone), 2 forks, tiny settings. */
    public static final Path SUITE_REST_JSON = of("fixtures/suite/suite-rest.json");
    /** PairedCheckBenchmark from the jar, 3 forks (fixtures/README.md). */
    public static final Path SUITE_PAIRED_JSON = of("fixtures/suite/suite-paired.json");
    /** Five classes of this suite, run with the host JVM under -Duser.language=de -Duser.country=DE. */
    public static final Path SUITE_CSV_DE = of("fixtures/suite/suite-de.csv");
    /** results.json of the committed default run 20261206T145340Z-vm, the newest (4 forks x 3 iterations; a copy, unchanged). */
    public static final Path REAL_DEFAULT_RUN_JSON = of("fixtures/suite/default-run.json");
    /** results.json of the committed default run 20261128T090140Z-vm (4 forks x 3 iterations; a copy, unchanged). */
    public static final Path REAL_DEFAULT_RUN_20261128_JSON = of("fixtures/suite/default-run-20261128.json");
    /** Every fixture written by this project's suite. */
    public static final List<Path> SUITE = List.of(SUITE_COMPACTION_JSON, SUITE_REST_JSON, SUITE_PAIRED_JSON, SUITE_CSV_DE, REAL_DEFAULT_RUN_JSON,
            REAL_DEFAULT_RUN_20261128_JSON);

    private Fixtures() {
    }

    static Path of(String res) {
        try {
            return Path.of(Fixtures.class.getClassLoader().getResource(res).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + res, e);
        }
    }
}
