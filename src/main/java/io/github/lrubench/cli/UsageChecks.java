package io.github.lrubench.cli;

import io.github.lrubench.results.DiskSpace;
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

    /** A run writes up to this much (a default run's directory is 5.5 MiB; charts and JMH logs vary). */
    static final long RUN_BYTES = 64L << 20;
    /** calibrate writes calibration.json (tens of KiB) and little else. */
    static final long CALIBRATION_BYTES = 16L << 20;

    /**
     * {@link #outDirectory(CommandLine, Path)}, and room for {@code needBytes} there, checked before
     * a measurement that would otherwise fail to write its result minutes later (issue 22 #7).
     */
    static void outDirectory(CommandLine cl, Path out, long needBytes) {
        outDirectory(cl, out);
        long usable = DiskSpace.usableBytes(out).orElseThrow(() -> new ParameterException(cl, OUT + " " + out
                + ": cannot tell the free space of its file system"));
        if (usable < needBytes) {
            throw new ParameterException(cl, OUT + " " + out + ": " + (usable >> 20) + " MiB free there, this needs up to "
                    + (needBytes >> 20) + " MiB");
        }
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
