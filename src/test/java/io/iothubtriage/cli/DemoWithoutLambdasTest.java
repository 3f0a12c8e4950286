package io.iothubtriage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default demo links no lambda and no method reference. The first one a JVM links loads and initialises the
 * {@code java.lang.invoke} machinery (about 85 classes: the metafactory, method-handle species, bootstrap), about
 * 5 ms of the demo's 90-odd: one {@code Optional.map(x -> …)} in the report's writers made the demo 5 ms slower
 * (docs/benchmarks.md, "Round 11"). Checked in a fresh JVM, where nothing else has linked one: a failure names the
 * lambda's class (e.g. {@code io.iothubtriage.diagnosis.Findings$$Lambda$1}); write that code as a plain loop or
 * {@code if}.
 */
class DemoWithoutLambdasTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultDemoLinksNoLambda() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-verbose:class", "-cp",
                classpath, Main.class.getName(), "demo", "--out-dir", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains(Main.class.getName()).contains("DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(out.lines().filter(l -> l.contains("$$Lambda$") || l.contains("java.lang.invoke.LambdaMetafactory"))
                .limit(5)).as("lambdas linked by the default demo").isEmpty();
    }
}
