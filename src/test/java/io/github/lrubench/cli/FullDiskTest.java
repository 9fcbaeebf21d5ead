package io.github.lrubench.cli;

import io.github.lrubench.SmallTmpfs;
import io.github.lrubench.bench.Profile;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.results.DiskSpace;
import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.run.RunMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A full disk is named as such (issue 22 #11), on a real full file system: a small tmpfs mounted
 * for the test (root only; skipped with the reason elsewhere) and unmounted after it.
 */
class FullDiskTest {
    /** Small enough to fill in a moment; room for metadata.json and a few parts. */
    static final String SIZE = "512k";

    @TempDir Path tmp;
    SmallTmpfs fs;
    Path mnt;

    @BeforeEach
    void mount() throws Exception {
        fs = SmallTmpfs.mount(tmp, SIZE);
        mnt = fs.dir();
    }

    @AfterEach
    void unmount() throws Exception {
        if (fs != null) {
            fs.close();
        }
    }

    /** Fills the file system with a ballast file, then gives back {@code keepBytes} of it. */
    private Path fill(long keepBytes) throws IOException {
        Path ballast = mnt.resolve("ballast");
        byte[] block = new byte[4096];
        try (OutputStream o = Files.newOutputStream(ballast)) {
            while (true) {
                o.write(block);
            }
        } catch (IOException full) {
            assertThat(DiskSpace.isNoSpace(full)).as("what a full tmpfs throws: %s", full.getMessage()).isTrue();
        }
        try (FileChannel ch = FileChannel.open(ballast, StandardOpenOption.WRITE)) {
            ch.truncate(Math.max(0, Files.size(ballast) - keepBytes));
        }
        return ballast;
    }

    /**
     * JMH writes its JSON through a PrintStream, which swallows ENOSPC: the part is cut short. The
     * run must say "no space left", be marked failed, keep the part finished before, and leave no
     * temporary behind.
     */
    @Test
    void aBenchThatFillsTheDiskSaysSoAndIsMarkedFailed() throws Exception {
        RunDirectory run = RunDirectory.at(mnt.resolve("run"));
        BenchResumeTest.FakeExecutor real = new BenchResumeTest.FakeExecutor(-1);
        List<Suite> ran = new ArrayList<>();
        BenchmarkExecutor jmhLike = new BenchmarkExecutor() {
            @Override
            public void run(Suite s, Profile p, Path jsonOut, Path logOut) throws Exception {
                if (ran.isEmpty()) {
                    real.run(s, p, jsonOut, logOut);
                } else {
                    try (PrintStream ps = new PrintStream(Files.newOutputStream(jsonOut))) { // as JMH: errors swallowed
                        ps.print("[ {\"benchmark\" : \"" + s.className() + ".m\", \"pad\" : \"" + "x".repeat(1 << 20) + "\" } ]");
                    }
                }
                ran.add(s);
            }

            @Override
            public void runFork(io.github.lrubench.bench.PassDid.Fork f, Profile p, Path jsonOut, Path logOut) {
                throw new AssertionError("no fork runs before the second class");
            }
        };
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertThatThrownBy(() -> new BenchRunner(jmhLike, Optional.empty(), Optional.empty(), List.of(), quiet)
                .run(run, Profile.SMOKE, List.of(Suite.values()), tmp))
                .isInstanceOf(DiskSpace.NoSpaceException.class)
                .hasMessageStartingWith("no space left on " + run.path().resolve(RunDirectory.PARTS).toAbsolutePath());
        assertThat(ran).hasSize(2);
        assertThat(run.hasPart(ran.get(0))).as("the class finished before stays").isTrue();
        assertThat(run.readMetadata()).get().extracting(RunMetadata::status).isEqualTo(RunMetadata.Status.FAILED);
        try (var s = Files.list(run.path().resolve(RunDirectory.PARTS))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** race.csv and race.json land together or not at all; the command says "no space left" and exits 2. */
    @Test
    void theRacePairIsAllOrNothingOnAFullDisk() throws Exception {
        Path out = Files.createDirectory(mnt.resolve("out"));
        fill(4096); // one page: race.csv fits, race.json does not
        List<java.time.Duration> calls = new ArrayList<>();
        Cli.Run r = Cli.run(Cli.withRecordingRace(calls), Cli.RACE, "--seconds", "0.01", "--out", out.toString());
        assertThat(r.err().strip()).as(r.err()).startsWith(Cli.RACE + ": no space left on " + out.toAbsolutePath()).doesNotContain("\n");
        assertThat(r.code()).isEqualTo(LruBench.BAD_INPUT);
        assertThat(out.resolve(RunDirectory.RACE_CSV)).doesNotExist();
        assertThat(out.resolve(RunDirectory.RACE_JSON)).doesNotExist();
        try (var s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** A pair already written stays as it was when its replacement does not fit. */
    @Test
    void aRaceTableThatDoesNotFitLeavesTheOldPair() throws Exception {
        RunDirectory run = RunDirectory.at(Files.createDirectory(mnt.resolve("run")));
        RaceOutcome old = new RaceOutcome(io.github.lrubench.mm.IsolationCheck.NONE, io.github.lrubench.mm.InodeFreePolicy.IMMEDIATE,
                0, 10, 5, 2, 1, 0, 0);
        run.writeRace(List.of(old));
        String csv = Files.readString(run.path().resolve(RunDirectory.RACE_CSV));
        String json = Files.readString(run.path().resolve(RunDirectory.RACE_JSON));
        fill(4096);
        List<RaceOutcome> many = new ArrayList<>();
        while (io.github.lrubench.race.RaceTable.json(many).length() <= 4096) {
            many.add(old);
        }
        assertThat(io.github.lrubench.race.RaceTable.csv(many).length()).as("the CSV alone would fit").isLessThan(4096);
        assertThatThrownBy(() -> run.writeRace(many)).isInstanceOf(DiskSpace.NoSpaceException.class);
        assertThat(run.path().resolve(RunDirectory.RACE_CSV)).content().isEqualTo(csv);
        assertThat(run.path().resolve(RunDirectory.RACE_JSON)).content().isEqualTo(json);
    }

    /** Issue 22 #7: an --out without room for a run is refused before anything is measured, in one line, exit 2. */
    @Test
    void anOutWithoutRoomForARunIsRefusedUpFront() throws Exception {
        Cli.Run r = Cli.run("bench", "--out", mnt.toString(), "--no-calibrate");
        assertThat(r.code()).as(r.err()).isEqualTo(LruBench.BAD_INPUT);
        assertThat(r.err().strip()).startsWith("bench: --out " + mnt + ": 0 MiB free there, this needs up to " + (UsageChecks.RUN_BYTES >> 20)
                + " MiB").doesNotContain("\n");
        try (var s = Files.list(mnt)) {
            assertThat(s).as("no run directory made").isEmpty();
        }
    }
}
