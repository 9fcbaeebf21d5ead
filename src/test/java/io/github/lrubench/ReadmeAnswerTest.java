package io.github.lrubench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's "The answer" quotes the committed run it names: every measured figure in it (every
 * number with a decimal point, which is how the report prints a measurement) must be printed by
 * that run's REPORT.md. Versions (v4.15, 6.18.44) are not figures. On failure: copy the figure
 * from REPORT.md, never type it.
 */
class ReadmeAnswerTest {

    private static final Pattern HEADING = Pattern.compile("^## The answer \\(run `results/([^`]+)`", Pattern.MULTILINE);
    /** A decimal figure, with its sign: -1.17, +2.11, 0.29, 1.54, 2.238e+07. */
    private static final Pattern FIGURE = Pattern.compile("(?<![\\w.])[-+−]?\\d+\\.\\d+(?:e[-+]\\d+)?(?![\\w.]*\\d)");

    static String answer(String readme) {
        Matcher h = HEADING.matcher(readme);
        assertThat(h.find()).as("README has a '## The answer (run `results/<id>`' heading").isTrue();
        int start = h.start();
        int end = readme.indexOf("\n## ", h.end());
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The figures of a text, versions left out (a figure after "v", "Linux " or "JMH "). */
    static List<String> figures(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = FIGURE.matcher(text);
        while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - 6), m.start());
            if (before.endsWith("v") || before.endsWith("Linux ") || before.endsWith("JMH ") || before.endsWith("JDK ")) {
                continue;
            }
            out.add(m.group().replace('−', '-'));
        }
        return out;
    }

    @Test
    void everyFigureOfTheAnswerIsInTheCommittedReport() throws IOException {
        String readme = ReadmeTest.readme();
        Matcher h = HEADING.matcher(readme);
        assertThat(h.find()).isTrue();
        Path report = Path.of("results", h.group(1), "REPORT.md");
        assertThat(report).as("the run README's answer names").exists();
        String printed = Files.readString(report);
        List<String> figures = figures(answer(readme));
        assertThat(figures).as("figures in README's answer").hasSizeGreaterThan(20);
        List<String> missing = new ArrayList<>();
        for (String f : figures) {
            // The report prints a positive delta with its sign, a level or share without: accept either.
            String unsigned = f.startsWith("+") ? f.substring(1) : f;
            if (!containsFigure(printed, f) && !containsFigure(printed, unsigned) && !roundedFrom(printed, f)) {
                missing.add(f);
            }
        }
        assertThat(missing).as("README figures that %s does not print", report).isEmpty();
    }

    @Test
    void figuresAreFoundAsWholeNumbersNotAsPartsOfOthers() {
        assertThat(figures("c = 4.459 ns [2.50, 6.40], +0.47 [-1.17, +2.11] on v4.15, Linux 6.18.44, 2.238e+07 bytes"))
                .containsExactly("4.459", "2.50", "6.40", "+0.47", "-1.17", "+2.11", "2.238e+07");
        assertThat(containsFigure("x 14.459 y", "4.459")).isFalse();
        assertThat(containsFigure("x 4.4591 y", "4.459")).isFalse();
        assertThat(containsFigure("[4.459, 5]", "4.459")).isTrue();
    }

    /**
     * The README rounds a figure to its interval, so it may print fewer decimals than REPORT.md: a
     * figure counts when some figure REPORT.md prints rounds (half up) to it at its own decimals.
     */
    static boolean roundedFrom(String printed, String figure) {
        if (figure.contains("e")) {
            return false;
        }
        java.math.BigDecimal want = new java.math.BigDecimal(figure);
        for (String p : figures(printed)) {
            if (p.contains("e")) {
                continue;
            }
            java.math.BigDecimal got = new java.math.BigDecimal(p);
            if (got.scale() > want.scale() && got.abs().setScale(want.scale(), java.math.RoundingMode.HALF_UP).equals(want.abs())
                    && (got.signum() < 0) == (want.signum() < 0 && want.compareTo(java.math.BigDecimal.ZERO) != 0)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aRoundedFigureCountsOnlyWhereTheReportPrintsOneThatRoundsToIt() {
        assertThat(roundedFrom("c = 2.814 ns [2.20, 3.43]", "2.8")).isTrue();
        assertThat(roundedFrom("[+1.45, +2.27]", "+1.5")).isTrue();
        assertThat(roundedFrom("[-0.54, +0.61]", "-0.5")).isTrue();
        assertThat(roundedFrom("c = 2.814 ns", "2.9")).isFalse();
        assertThat(roundedFrom("[-0.54]", "0.5")).isFalse(); // the sign must agree
        assertThat(roundedFrom("2.8", "2.8")).isFalse(); // an equal figure is containsFigure's, not a rounding
    }

    private static boolean containsFigure(String text, String figure) {
        return Pattern.compile("(?<![\\d.])" + Pattern.quote(figure) + "(?![\\d])").matcher(text).find();
    }
}
