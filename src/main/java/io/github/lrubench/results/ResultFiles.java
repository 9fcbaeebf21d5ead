package io.github.lrubench.results;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Opens a JMH result file of either format; the content, not the name, decides which. */
public final class ResultFiles {
    private ResultFiles() {
    }

    /**
     * The parameter that tells apart the files {@link #readAll} was given, when their rows repeat
     * one another's benchmarks and parameters: each file is then a series of its own.
     */
    public static final String INPUT = "input";

    /** The results of one file; a file that repeats a benchmark, mode and parameters is refused (which row would count?). */
    public static List<BenchmarkResult> read(Path file) {
        // Read once and parse that text: a pipe (plot <(cat f.json)) cannot be read a second time.
        String text = readText(file);
        String head = text.stripLeading();
        List<BenchmarkResult> results = head.startsWith("[") || head.startsWith("{") ? JmhJson.parse(file, text) : JmhCsv.parse(file, text);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            Integer first = seen.putIfAbsent(results.get(i).key(), i);
            if (first != null) {
                throw new BadInputException(file, "result " + i + " repeats result " + first + " (" + results.get(i).key()
                        + "); give each run its own file");
            }
        }
        return results;
    }

    /**
     * The results of every file, all read before any is used. With several files whose rows share a
     * benchmark, mode and parameters, every row gets the parameter {@link #INPUT}: its file's label
     * (see {@link #labels}), so each file is a series of its own instead of one row hiding another.
     */
    public static List<BenchmarkResult> readAll(List<Path> files) {
        List<List<BenchmarkResult>> each = files.stream().map(ResultFiles::read).toList();
        Set<String> keys = new HashSet<>();
        boolean shared = false;
        for (List<BenchmarkResult> rs : each) {
            Set<String> mine = new HashSet<>();
            rs.forEach(r -> mine.add(r.key()));
            for (String k : mine) {
                shared |= !keys.add(k);
            }
        }
        List<BenchmarkResult> all = new ArrayList<>();
        List<String> labels = labels(files);
        for (int f = 0; f < each.size(); f++) {
            for (BenchmarkResult r : each.get(f)) {
                all.add(shared ? r.withFirstParam(INPUT, labels.get(f)) : r);
            }
        }
        return all;
    }

    /**
     * What names each file in a chart: its file name; where two are equal (results.json of two runs)
     * its directory's name; where those are equal too, the path as given; a file given twice gets its place.
     */
    static List<String> labels(List<Path> files) {
        List<Function<Path, String>> ways = List.of(
                p -> String.valueOf(p.getFileName()),
                p -> String.valueOf(p.toAbsolutePath().normalize().getParent() == null ? p : p.toAbsolutePath().normalize().getParent().getFileName()),
                Path::toString);
        for (Function<Path, String> way : ways) {
            List<String> l = files.stream().map(way).toList();
            if (new HashSet<>(l).size() == l.size()) {
                return l;
            }
        }
        List<String> l = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            l.add(files.get(i) + " (" + (i + 1) + ")");
        }
        return l;
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

    /** The most a result file may hold: JMH's output of thousands of results is a few MiB. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    /**
     * At most {@code cap} bytes of the file: a larger regular file is refused before it is read, and a
     * stream (a pipe, /dev/zero) is refused at its first NUL byte, which no JMH text holds, or once past the cap.
     */
    static byte[] readBytes(Path file, long cap) {
        String over = "larger than " + Format.bytes(cap) + ", the most a result file may hold";
        try {
            if (Files.isRegularFile(file) && Files.size(file) > cap) {
                throw new BadInputException(file, over);
            }
            try (InputStream in = Files.newInputStream(file)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == 0) {
                            throw new BadInputException(file, "not a text file (NUL byte at offset " + (total + i) + ")");
                        }
                    }
                    total += n;
                    if (total > cap) {
                        throw new BadInputException(file, over);
                    }
                    out.write(buf, 0, n);
                }
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + JmhJson.describe(e));
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
        byte[] bytes = readBytes(file, MAX_BYTES);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (s.startsWith("\uFEFF")) {
                s = s.substring(1);
            }
            if (s.isBlank()) {
                throw new BadInputException(file, "empty file");
            }
            return s;
        } catch (CharacterCodingException e) {
            throw new BadInputException(file, "not a text file (invalid UTF-8)");
        }
    }
}
