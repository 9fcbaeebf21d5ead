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
            if (!containsFigure(printed, f) && !containsFigure(printed, unsigned)) {
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

    private static boolean containsFigure(String text, String figure) {
        return Pattern.compile("(?<![\\d.])" + Pattern.quote(figure) + "(?![\\d])").matcher(text).find();
    }
}
