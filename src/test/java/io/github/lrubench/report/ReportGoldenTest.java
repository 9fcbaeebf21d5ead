package io.github.lrubench.report;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The printing of the whole report against a golden file, from {@link SyntheticRun}, under the ROOT
 * and the German default locale (decimal commas if any figure escaped {@link FigureFormat}), as JMH's
 * ResultFormatTest does. A change to the report's text or figures fails here: look at the diff, and when
 * it is meant, write the golden file anew with {@code ./mvnw test -Dtest=ReportGoldenTest -Dgolden.update=true}
 * and commit it with the change.
 */
class ReportGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/report-synthetic.md");
    private final Locale before = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "de-DE"})
    void theReportOfTheSyntheticRunIsTheGoldenFile(String locale) throws IOException {
        Locale.setDefault(Locale.forLanguageTag(locale));
        String md = Report.build(SyntheticRun.inputs()).toString();
        if (Boolean.getBoolean("golden.update") && locale.isEmpty()) {
            Files.writeString(GOLDEN, md);
        }
        assertThat(md).isEqualTo(Files.readString(GOLDEN));
    }
}
