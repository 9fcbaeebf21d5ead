package io.github.lrubench;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.bench.SuiteParam;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers of docs/DESIGN.md, read from the sources: each package uses only the packages
 * listed for it (imports and fully qualified names alike), the model knows nothing of JMH, and no
 * class outside bench, race and report spells one of the suite's names as a string.
 */
class ArchitectureTest {
    static final Path SRC = Path.of("src/main/java/io/github/lrubench");

    /** What each package may use of this project. */
    static final Map<String, Set<String>> MAY_USE = Map.of(
            "kernel", Set.of(),
            "rcu", Set.of("kernel"),
            "mm", Set.of("kernel", "rcu"),
            "bench", Set.of("kernel", "rcu", "mm"),
            "race", Set.of("kernel", "rcu", "mm", "results"),
            "hostkernel", Set.of("results"),
            "results", Set.of(),
            // run/ stores what race, bench and hostkernel produce; report reads a run through it, never the files.
            "run", Set.of("kernel", "rcu", "mm", "bench", "race", "results", "hostkernel"),
            "report", Set.of("kernel", "rcu", "mm", "bench", "race", "results", "hostkernel", "run"),
            "cli", Set.of("kernel", "rcu", "mm", "bench", "race", "results", "hostkernel", "run", "report"));

    static final Pattern OWN = Pattern.compile("io\\.github\\.lrubench\\.([a-z]+)\\.");
    static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    static List<Path> sources(String pkg) throws IOException {
        try (Stream<Path> s = Files.list(SRC.resolve(pkg))) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() throws IOException {
        try (Stream<Path> s = Files.list(SRC)) {
            assertThat(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .as("every package has its rule").containsExactlyInAnyOrderElementsOf(MAY_USE.keySet());
        }
        List<String> violations = new ArrayList<>();
        for (var e : MAY_USE.entrySet()) {
            for (Path f : sources(e.getKey())) {
                Matcher m = OWN.matcher(Files.readString(f));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(e.getKey()) && !e.getValue().contains(used)) {
                        violations.add(f.getFileName() + " (" + e.getKey() + ") uses " + used);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theModelAndTheGenericToolingKnowNothingOfJmh() throws IOException {
        for (String pkg : List.of("kernel", "rcu", "mm", "results", "race", "hostkernel")) {
            for (Path f : sources(pkg)) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("org.openjdk.jmh");
            }
        }
    }

    @Test
    void noClassOutsideBenchRaceAndReportSpellsASuiteName() throws IOException {
        Set<String> names = new TreeSet<>();
        Arrays.stream(Suite.values()).forEach(s -> names.add(s.simpleName()));
        Arrays.stream(SuiteBenchmark.values()).forEach(b -> names.add(b.method()));
        Arrays.stream(SuiteParam.values()).forEach(p -> names.add(p.key()));
        Arrays.stream(SuiteMetric.values()).forEach(m -> names.add(m.key()));
        List<String> spelt = new ArrayList<>();
        // The model's own record fields (KernelConfig.windowNs, ...) share names with the JMH parameters that
        // set them, and its prose says "free" and "isolated": there, only camelCase keys that are not a model
        // field, and class names, count as spelling the suite's names.
        Set<String> modelFields = new TreeSet<>();
        for (Class<?> r : List.of(io.github.lrubench.mm.KernelConfig.class, io.github.lrubench.mm.FileWorkload.Config.class)) {
            Arrays.stream(r.getRecordComponents()).forEach(c -> modelFields.add(c.getName()));
        }
        for (String pkg : List.of("kernel", "rcu", "mm", "results", "hostkernel", "run", "cli")) {
            boolean model = List.of("kernel", "rcu", "mm").contains(pkg);
            for (Path f : sources(pkg)) {
                String text = Files.readString(f);
                Matcher m = STRING.matcher(text);
                while (m.find()) {
                    String literal = m.group(1);
                    if (text.substring(Math.max(0, m.start() - 7), m.start()).equals("name = ")) {
                        continue; // a picocli command's name (the "race" command), not the suite's
                    }
                    // A key as code uses it: the whole literal, or a class name anywhere (those are distinctive).
                    String bare = literal.replaceAll("[=:.]$", "");
                    boolean key = names.contains(bare) && !(model && (bare.equals(bare.toLowerCase(java.util.Locale.ROOT)) || modelFields.contains(bare)));
                    boolean cls = Arrays.stream(Suite.values()).anyMatch(s -> literal.contains(s.simpleName()));
                    if (key || cls) {
                        spelt.add(f.getFileName() + ": \"" + literal + "\"");
                    }
                }
            }
        }
        Set<String> distinct = new TreeSet<>(spelt);
        assertThat(distinct).isEmpty();
    }
}
