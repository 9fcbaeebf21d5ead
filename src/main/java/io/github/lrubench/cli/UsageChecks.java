package io.github.lrubench.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Usage checks several commands share: each refuses with one line (exit 2) before any work is done. */
final class UsageChecks {
    static final String OUT = "--out";

    private UsageChecks() {
    }

    /**
     * That {@code out} is, or can become, a directory this process can write into: checked first so
     * a long run (the race's stress) never ends in an unwritable path. Creates nothing that stays.
     */
    static void outDirectory(CommandLine cl, Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(cl, OUT + " " + out + " is a file, expected a directory");
        }
        Path existing = out.toAbsolutePath().normalize();
        while (!Files.exists(existing)) {
            existing = existing.getParent(); // the root always exists
        }
        if (!Files.isDirectory(existing)) {
            throw new ParameterException(cl, OUT + " " + out + ": " + existing + " is not a directory");
        }
        // Files.isWritable says yes to root on /proc and read-only mounts; a real file creation does not.
        try {
            Files.delete(Files.createTempFile(existing, ".lru-bench-probe.", ".tmp"));
        } catch (IOException | SecurityException e) {
            String why = e instanceof FileSystemException f && f.getReason() != null ? " (" + f.getReason() + ")" : "";
            throw new ParameterException(cl, OUT + " " + out + ": cannot create a file in " + existing + why);
        }
    }

    /** A user's regex, or a usage error naming it and where it is malformed. */
    static Pattern regex(CommandLine cl, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ParameterException(cl, "bad regex '" + regex + "': " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
    }
}
