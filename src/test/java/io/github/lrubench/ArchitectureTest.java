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
 * class outside bench, race and report, and no test outside the generic results tests, spells one
 * of the suite's names as a string.
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
        return sources(SRC, pkg);
    }

    /** The .java files of one package under a source root ("" for the root package itself). */
    static List<Path> sources(Path root, String pkg) throws IOException {
        try (Stream<Path> s = Files.list(pkg.isEmpty() ? root : root.resolve(pkg))) {
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
        for (String pkg : List.of("kernel", "rcu", "mm", "results", "race", "hostkernel", "run")) {
            for (Path f : sources(pkg)) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("org.openjdk.jmh");
            }
        }
    }

    /** The test sources: their strings spell none of the suite's names either, but for the packages below. */
    static final Path TEST_SRC = Path.of("src/test/java/io/github/lrubench");
    /** The generic results tests run the generic tooling on foreign files and on this suite's as plain JMH output. */
    static final Set<String> TESTS_THAT_MAY_SPELL = Set.of("results");
    /** This file names the project's packages (one is "race") and quotes the rule's own examples. */
    static final String THIS_FILE = ArchitectureTest.class.getSimpleName() + ".java";
    static final List<String> MODEL = List.of("kernel", "rcu", "mm");

    @Test
    void noClassOutsideBenchRaceAndReportSpellsASuiteName() throws IOException {
        List<String> spelt = new ArrayList<>();
        for (String pkg : List.of("kernel", "rcu", "mm", "results", "hostkernel", "run", "cli")) {
            spelt.addAll(spelt(sources(pkg), MODEL.contains(pkg)));
        }
        assertThat(new TreeSet<>(spelt)).isEmpty();
    }

    /**
     * The tests take the suite's names from the enums too (SuiteParam.FREE.key(),
     * InodeFreePolicy.RCU_SCHED.name(), ...), so a renamed benchmark, parameter, counter or value
     * breaks them at compile time instead of leaving them to test a name the suite no longer emits.
     */
    @Test
    void noTestOutsideTheGenericResultsTestsSpellsASuiteName() throws IOException {
        List<String> packages = new ArrayList<>(List.of(""));
        try (Stream<Path> s = Files.list(TEST_SRC)) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(packages::add);
        }
        List<String> spelt = new ArrayList<>();
        for (String pkg : packages) {
            if (TESTS_THAT_MAY_SPELL.contains(pkg)) {
                continue;
            }
            List<Path> files = sources(TEST_SRC, pkg).stream().filter(f -> !f.getFileName().toString().equals(THIS_FILE)).toList();
            spelt.addAll(spelt(files, MODEL.contains(pkg)));
        }
        assertThat(new TreeSet<>(spelt)).isEmpty();
    }

    /**
     * The suite's names as code would spell them: class names, benchmark methods and groups,
     * {@code @Param} keys, counter keys, and the constants of the enum parameters (NONE,
     * RCU_SCHED, ...).
     */
    static Set<String> suiteNames() {
        Set<String> names = new TreeSet<>();
        Arrays.stream(Suite.values()).forEach(s -> names.add(s.simpleName()));
        Arrays.stream(SuiteBenchmark.values()).forEach(b -> names.add(b.method()));
        Arrays.stream(SuiteParam.values()).forEach(p -> names.add(p.key()));
        Arrays.stream(SuiteMetric.values()).forEach(m -> names.add(m.key()));
        for (Suite s : Suite.values()) {
            List<Class<?>> classes = new ArrayList<>(List.of(s.type()));
            classes.addAll(List.of(s.type().getClasses()));
            classes.stream().flatMap(k -> Arrays.stream(k.getFields()))
                    .filter(f -> f.isAnnotationPresent(org.openjdk.jmh.annotations.Param.class) && f.getType().isEnum())
                    .flatMap(f -> Arrays.stream(f.getType().getEnumConstants())).forEach(c -> names.add(((Enum<?>) c).name()));
        }
        return names;
    }

    /** The string literals of these files that spell one of the suite's names, as "File.java: \"literal\"". */
    static List<String> spelt(List<Path> files, boolean model) throws IOException {
        Set<String> names = suiteNames();
        // The model's own record fields (KernelConfig.windowNs, ...) share names with the JMH parameters that
        // set them, and its prose says "free" and "isolated": there, only camelCase keys that are not a model
        // field, upper-case constants, and class names count as spelling the suite's names.
        Set<String> modelFields = new TreeSet<>();
        for (Class<?> r : List.of(io.github.lrubench.mm.KernelConfig.class, io.github.lrubench.mm.FileWorkload.Config.class)) {
            Arrays.stream(r.getRecordComponents()).forEach(c -> modelFields.add(c.getName()));
        }
        List<String> spelt = new ArrayList<>();
        for (Path f : files) {
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
        return spelt;
    }
}
