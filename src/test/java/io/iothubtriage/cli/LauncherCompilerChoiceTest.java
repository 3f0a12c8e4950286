package io.iothubtriage.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code iothub-triage} launcher starts short runs with the C1 compiler only and keeps C2 for big exports (JSON
 * from 256 MB of {@code --logs} files, a gzip file counting 16 times its size; CSV from 640 MB), except for the
 * methods that run once per chunk of the file or once per device after the rows. Run against a copy of the launcher with a
 * stand-in jar and a stand-in {@code java} that prints the options it was given; the exports are sparse files.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherCompilerChoiceTest {

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;
    private LauncherCopy launcher;

    @BeforeEach
    void copyLauncher() throws IOException {
        launcher = new LauncherCopy(dir, "#!/bin/sh\necho \"$@\"\n");
    }

    private static final byte[] JSON = "[{\"TimeGenerated\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LA_RESPONSE = "{\"tables\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CSV = "TimeGenerated [UTC],OperationName".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GZIP = {0x1f, (byte) 0x8b, 8, 0};

    @Test
    void smallExportsStartWithC1Only() throws Exception {
        Path logs = sparse("small.json", 200 * MB, JSON);
        assertThat(run("triage", "--logs", logs.toString())).contains(C1_ONLY);
        assertThat(run("triage", "--logs=" + logs)).contains(C1_ONLY);
        assertThat(run("demo")).contains(C1_ONLY);
    }

    @Test
    void jsonExportsOf256MbOrMoreKeepC2() throws Exception {
        Path big = sparse("big.json", 256 * MB, JSON);
        assertThat(run("triage", "--logs", big.toString(), "--format", "json")).doesNotContain(C1_ONLY)
                .contains("-XX:+UseSerialGC").contains("--logs " + big);
        assertThat(run("triage", "--logs=" + big)).doesNotContain(C1_ONLY);
        // a Log Analytics response, with a byte-order mark, or pretty-printed after a line break, is JSON too
        assertThat(run("triage", "--logs", sparse("response.json", 256 * MB, LA_RESPONSE).toString()))
                .doesNotContain(C1_ONLY);
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '['};
        assertThat(run("triage", "--logs", sparse("bom.json", 256 * MB, bom).toString())).doesNotContain(C1_ONLY);
        assertThat(run("triage", "--logs", sparse("pretty.json", 256 * MB, "\n[".getBytes(StandardCharsets.US_ASCII))
                .toString())).doesNotContain(C1_ONLY);
        assertThat(run("triage", "--logs", sparse("smaller.json", 255 * MB, JSON).toString())).contains(C1_ONLY);
    }

    @Test
    void csvExportsKeepC1OnlyUpTo640Mb() throws Exception {
        // the byte scanner's C1 code is cheap enough that C2 pays for its compile time only from about 640 MB
        assertThat(run("triage", "--logs", sparse("mid.csv", 600 * MB, CSV).toString())).contains(C1_ONLY);
        assertThat(run("triage", "--logs", sparse("unlabelled", 600 * MB, new byte[0]).toString())).contains(C1_ONLY);
        Path big = sparse("big.csv", 640 * MB, CSV);
        assertThat(run("triage", "--logs", big.toString())).doesNotContain(C1_ONLY);
        assertThat(run("triage", "--logs=" + big)).doesNotContain(C1_ONLY);
    }

    @Test
    void theDemoKeepsTheUsualCompileThresholds() throws Exception {
        // only the JDK's UTF-8 encoder is compiled early for the demo, by a per-method command; no global scaling
        assertThat(run("demo")).contains(C1_ONLY).doesNotContain("-XX:CompileThresholdScaling")
                .contains("-XX:CompileCommand=CompileThresholdScaling,java.lang.String::encodeUTF8_UTF16,0.01");
        assertThat(run("demo", "--help")).doesNotContain("-XX:CompileThresholdScaling");
        Path logs = sparse("small.json", 10 * MB, JSON);
        assertThat(run("triage", "--logs", logs.toString())).doesNotContain("CompileThresholdScaling");
    }

    @Test
    void theDemoCompilesWithOneC1ThreadUnlessTheCompilersAreChosen() throws Exception {
        String oneThread = "-XX:CICompilerCount=1";
        assertThat(run("demo")).contains(C1_ONLY).contains(oneThread);
        Path logs = sparse("small.json", 10 * MB, JSON);
        assertThat(run("triage", "--logs", logs.toString())).doesNotContain("CICompilerCount");
        // with C2 back the JVM refuses a single compiler thread, so a choice of compilers in the environment wins
        assertThat(run(List.of("IOTHUB_TRIAGE_JAVA_OPTS=-XX:TieredStopAtLevel=4"), "demo")).doesNotContain(oneThread);
        assertThat(run(List.of("IOTHUB_TRIAGE_JAVA_OPTS=-XX:CICompilerCount=3"), "demo"))
                .doesNotContain(oneThread).contains("-XX:CICompilerCount=3");
    }

    @Test
    void bigExportsKeepTheColdMethodsOutOfC2() throws Exception {
        String sort = "-XX:CompileCommand=MaxNodeLimit,java.util.DualPivotQuicksort::*,10";
        String reading = "-XX:CompileCommand=MaxNodeLimit,java.io.*::*,10";
        Path big = sparse("big.csv", 700 * MB, CSV);
        assertThat(run("triage", "--logs", big.toString())).doesNotContain(C1_ONLY)
                .contains("-XX:CompileCommand=quiet").contains(sort).contains(reading)
                .contains("-XX:CompileCommand=MaxNodeLimit,io.iothubtriage.evidence.BaselineRenewals$Scratch::*,10");
        // C1-only runs compile nothing with C2: no list
        Path small = sparse("small.csv", 10 * MB, CSV);
        assertThat(run("triage", "--logs", small.toString())).contains(C1_ONLY).doesNotContain("MaxNodeLimit");
        assertThat(run("demo")).doesNotContain("MaxNodeLimit");
        assertThat(run(List.of("IOTHUB_TRIAGE_CDS=off"), "triage", "--hub", "x")).doesNotContain("MaxNodeLimit");
    }

    @Test
    void bigCsvExportsCompileWithoutLoopUnrolling() throws Exception {
        String noUnrolling = "-XX:LoopUnrollLimit=0 -XX:-PartialPeelLoop";
        Path csv = sparse("big.csv", 700 * MB, CSV);
        assertThat(run("triage", "--logs", csv.toString())).doesNotContain(C1_ONLY).contains(noUnrolling);
        // JSON, even a little of it beside the CSV (Jackson's loops gain from unrolling), and gzip, which counts as
        // JSON: C2 as it is
        assertThat(run("triage", "--logs", sparse("big.json", 300 * MB, JSON).toString()))
                .doesNotContain(C1_ONLY).doesNotContain("LoopUnrollLimit");
        assertThat(run("triage", "--logs", csv.toString(), "--logs", sparse("small.json", MB, JSON).toString()))
                .doesNotContain(C1_ONLY).doesNotContain("LoopUnrollLimit");
        assertThat(run("triage", "--logs", sparse("big.csv.gz", 50 * MB, GZIP).toString()))
                .doesNotContain(C1_ONLY).doesNotContain("LoopUnrollLimit");
        // C1-only runs: nothing to say to C2
        assertThat(run("triage", "--logs", sparse("small.csv", 10 * MB, CSV).toString()))
                .contains(C1_ONLY).doesNotContain("LoopUnrollLimit");
        assertThat(run("demo")).doesNotContain("LoopUnrollLimit");
        // the environment's options come after the launcher's and win
        String line = run(List.of("IOTHUB_TRIAGE_JAVA_OPTS=-XX:LoopUnrollLimit=60"), "triage", "--logs", csv.toString());
        assertThat(line.indexOf("-XX:LoopUnrollLimit=60")).isGreaterThan(line.indexOf("-XX:LoopUnrollLimit=0"))
                .isPositive();
    }

    @Test
    void theDemoHasItsOnceCalledLoopsCompiledEarly() throws Exception {
        String sortChunk = "-XX:CompileCommand=CompileThresholdScaling,"
                + "io.iothubtriage.evidence.BaselineRenewals::sortChunk,0.05";
        assertThat(run("demo")).contains(C1_ONLY).contains(sortChunk)
                .contains("-XX:CompileCommand=CompileThresholdScaling,io.iothubtriage.simulation.Generator::run,0.05");
        // a triage is not the demo: its loops run as often as its export makes them
        assertThat(run("triage", "--logs", sparse("small.csv", 10 * MB, CSV).toString())).contains(C1_ONLY)
                .doesNotContain("CompileThresholdScaling");
    }

    @Test
    void aCompileCommandFromTheEnvironmentReplacesTheList() throws Exception {
        Path big = sparse("big.csv", 700 * MB, CSV);
        String own = "-XX:CompileCommand=exclude,java.util.DualPivotQuicksort::sort";
        String line = run(List.of("IOTHUB_TRIAGE_JAVA_OPTS=" + own), "triage", "--logs", big.toString());
        assertThat(line).contains(own).doesNotContain("MaxNodeLimit");
        // other options from the environment leave it in place
        assertThat(run(List.of("IOTHUB_TRIAGE_JAVA_OPTS=-Xmx256m"), "triage", "--logs", big.toString()))
                .contains("MaxNodeLimit");
    }

    @Test
    void theFilesAddUpAndGzipCountsSixteenTimes() throws Exception {
        Path a = sparse("a.json", 130 * MB, JSON);
        Path b = sparse("b.json", 130 * MB, JSON);
        Path c = sparse("c.csv", 130 * MB, CSV);
        assertThat(run("triage", "--logs", a.toString())).contains(C1_ONLY);
        assertThat(run("triage", "--logs", a.toString(), "--logs", b.toString())).doesNotContain(C1_ONLY);
        // each format to its own threshold, and all of them to the CSV one
        assertThat(run("triage", "--logs", a.toString(), "--logs", c.toString())).contains(C1_ONLY);
        Path d = sparse("d.csv", 520 * MB, CSV);
        assertThat(run("triage", "--logs", c.toString(), "--logs=" + d)).doesNotContain(C1_ONLY);
        assertThat(run("triage", "--logs", a.toString(), "--logs", d.toString())).doesNotContain(C1_ONLY);

        Path gz = sparse("export.csv.gz", 17 * MB, GZIP);
        Path notGz = sparse("export.json", 17 * MB, JSON);
        assertThat(run("triage", "--logs", gz.toString())).doesNotContain(C1_ONLY);
        assertThat(run("triage", "--logs", notGz.toString())).contains(C1_ONLY);
    }

    @Test
    void optionsFromTheEnvironmentComeLastAndWin() throws Exception {
        Path big = sparse("big.json", 300 * MB, JSON);
        String line = run(List.of("IOTHUB_TRIAGE_JAVA_OPTS=" + C1_ONLY), "triage", "--logs", big.toString());
        assertThat(line).contains(C1_ONLY);
        assertThat(line.indexOf(C1_ONLY)).isLessThan(line.indexOf(" -cp "));
    }

    /** A file of {@code size} bytes that starts with {@code start} and holds nothing else (sparse: no disk used). */
    private Path sparse(String name, long size, byte[] start) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(start);
            f.setLength(size);
        }
        return file;
    }

    private String run(String... args) throws Exception {
        return run(List.of(), args);
    }

    private String run(List<String> env, String... args) throws Exception {
        return launcher.run(env, 0, args);
    }
}
