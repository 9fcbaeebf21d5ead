package io.github.lrubench.results;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Fixture paths; adding real suite output after the merge means adding a constant here. */
public final class Fixtures {
    public static final Path FOREIGN_JSON = of("fixtures/foreign/samples.json");
    public static final Path FOREIGN_CSV_DE = of("fixtures/foreign/samples-de.csv");
    public static final Path SUITE_COMPACTION_JSON = of("fixtures/suite-standin/suite-compaction.json");
    public static final Path SUITE_REST_JSON = of("fixtures/suite-standin/suite-rest.json");
    public static final Path SUITE_CSV_DE = of("fixtures/suite-standin/suite-de.csv");
    /** Real output of this project's suite (FloorBenchmark, IsolationCheckBenchmark, InodeFreeBenchmark). */
    public static final Path REAL_SUITE_JSON = of("fixtures/suite/suite.json");
    /** The same classes, run with the host JVM under -Duser.language=de -Duser.country=DE. */
    public static final Path REAL_SUITE_CSV_DE = of("fixtures/suite/suite-de.csv");
    /** results.json of the committed default run (every class of the suite). */
    public static final Path REAL_DEFAULT_RUN_JSON = of("fixtures/suite/default-run.json");

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
