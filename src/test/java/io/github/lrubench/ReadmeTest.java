package io.github.lrubench;

import io.github.lrubench.bench.SuiteDocs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's tables of the suite and its profiles are what the code defines; on failure, paste the expected table. */
class ReadmeTest {
    static String readme() throws IOException {
        return Files.readString(Path.of("README.md")).replace("\r\n", "\n");
    }

    @Test
    void profileTableIsTheProfilesDefinition() throws IOException {
        assertThat(readme()).as("README's profile table").contains(SuiteDocs.profileTable());
    }

    @Test
    void suiteTableIsTheSuitesDefinition() throws IOException {
        assertThat(readme()).as("README's suite table").contains(SuiteDocs.suiteTable());
    }

    @Test
    void theReadmeStandsOnItsOwn() throws IOException {
        String text = readme();
        assertThat(text).doesNotContain("../");
        // The design map the README cites is the repository's own.
        assertThat(text.split("DESIGN\\.md", -1)).as("DESIGN.md cited").hasSizeGreaterThan(1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\S*)DESIGN\\.md").matcher(text);
        while (m.find()) {
            assertThat(m.group(1)).as("where README cites DESIGN.md").endsWith("docs/");
        }
        assertThat(Path.of("docs/DESIGN.md")).exists();
    }
}
