package io.github.lrubench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** metadata.json: what a reader needs to judge whether two runs are comparable. */
public final class RunMetadata {
    private RunMetadata() {
    }

    /** Collects the host facts; the caller adds profile, jvm flags and times. */
    public static ObjectNode collect(Path repoDir) {
        ObjectNode m = JmhJson.MAPPER.createObjectNode();
        ObjectNode jdk = m.putObject("jdk");
        for (String p : List.of("java.vendor", "java.version", "java.vm.name", "java.vm.version", "java.home")) {
            jdk.put(p, System.getProperty(p));
        }
        m.put("jmhVersion", jmhVersion());
        m.put("blackholeMode", System.getProperty("jmh.blackhole.mode",
                "auto (JMH 1.37 uses compiler blackholes on JDK 17+)"));
        m.put("cpuModel", procField("/proc/cpuinfo", "model name"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memTotal", procField("/proc/meminfo", "MemTotal"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("kernel", System.getProperty("os.version"));
        String commit = exec(repoDir, "git", "rev-parse", "HEAD");
        m.put("gitCommit", commit == null ? "unknown" : commit.strip());
        String status = exec(repoDir, "git", "status", "--porcelain");
        if (status == null) {
            m.putNull("gitDirty");
        } else {
            m.put("gitDirty", !status.isBlank());
        }
        m.put("note", "a 1+1 @Group fills both cores of a 2-core machine; contended results then include OS noise");
        return m;
    }

    public static String jmhVersion() {
        try (var in = RunMetadata.class.getResourceAsStream("/jmh.properties")) {
            if (in != null) {
                var p = new java.util.Properties();
                p.load(in);
                return p.getProperty("jmh.version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    public static String now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    public static JsonNode read(Path file) {
        String text = ResultFiles.readText(file);
        try {
            JsonNode n = JmhJson.MAPPER.readTree(text);
            if (n == null || !n.isObject()) {
                throw new BadInputException(file, "not a metadata object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(file, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    static String procField(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }

    static String exec(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
