package io.github.lrubench.results;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens a JMH result file of either format; the content, not the name, decides which. */
public final class ResultFiles {
    private ResultFiles() {
    }

    public static List<BenchmarkResult> read(Path file) {
        // Read once and parse that text: a pipe (plot <(cat f.json)) cannot be read a second time.
        String text = readText(file);
        String head = text.stripLeading();
        return head.startsWith("[") || head.startsWith("{") ? JmhJson.parse(file, text) : JmhCsv.parse(file, text);
    }

    public static List<BenchmarkResult> readAll(List<Path> files) {
        List<BenchmarkResult> all = new ArrayList<>();
        files.forEach(f -> all.addAll(read(f)));
        return all;
    }

    /** Why a link that exists leads nowhere: Files.exists says only false, resolving it says why (ELOOP or a missing target). */
    private static String brokenLink(Path link) {
        try {
            link.toRealPath();
            return "no such file";
        } catch (NoSuchFileException e) {
            return "symbolic link to a file that does not exist";
        } catch (FileSystemException e) {
            return e.getReason() != null && e.getReason().contains("symbolic links") ? "symbolic link loop"
                    : "cannot resolve symbolic link" + (e.getReason() == null ? "" : ": " + e.getReason());
        } catch (IOException e) {
            return "cannot resolve symbolic link: " + JmhJson.describe(e);
        }
    }

    /** The file's text, or a BadInputException naming the file and the problem. */
    public static String readText(Path file) {
        if (!Files.exists(file)) {
            throw new BadInputException(file, Files.isSymbolicLink(file) ? brokenLink(file) : "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file, "is a directory, expected a JMH JSON or CSV file");
        }
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            if (s.startsWith("\uFEFF")) {
                s = s.substring(1);
            }
            if (s.isBlank()) {
                throw new BadInputException(file, "empty file");
            }
            return s;
        } catch (MalformedInputException e) {
            throw new BadInputException(file, "not a text file (invalid UTF-8)");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + JmhJson.describe(e));
        }
    }
}
