package io.github.lrubench.results;

import java.nio.file.Path;

/**
 * An input file that is missing, empty, truncated or not JMH output. The message is one line that
 * names the file and what is wrong; the command line turns it into exit code 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(Path file, String what) {
        super(file + ": " + oneLine(what));
    }

    public BadInputException(String message) {
        super(oneLine(message));
    }

    private static String oneLine(String s) {
        return s == null ? "malformed" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
