package io.iothubtriage.cli;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher names methods in compile commands: it keeps some methods of a big export's run out of C2 by a
 * per-method node budget C2 cannot meet ({@code -XX:CompileCommand=MaxNodeLimit,METHOD,10}), and has the demo's
 * once-called loops compiled early ({@code CompileThresholdScaling,METHOD,0.05}). A renamed class or method would leave
 * its command matching nothing, in silence, so each one must still name a class and a method; and the JDK must still
 * do what each command is there for.
 */
class LauncherCompileCommandsTest {

    private static final Pattern LIST = Pattern.compile("for method in ((?:'[^']+'\\s*\\\\?\\s*)+); do\\s*\\n"
            + "\\s*jvm_opts\\+=\\(\"-XX:CompileCommand=(\\w+),\\$method,");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    @Test
    void everyMethodKeptOutOfC2StillExists() throws Exception {
        List<String> methods = methodsNamedFor("MaxNodeLimit");
        assertThat(methods).contains("java.util.DualPivotQuicksort::*", "io.iothubtriage.evidence.CsvScanner::topUp");
        assertExist(methods);
    }

    @Test
    void everyLoopTheDemoCompilesEarlyStillExists() throws Exception {
        List<String> methods = methodsNamedFor("CompileThresholdScaling");
        assertThat(methods).contains("io.iothubtriage.evidence.BaselineRenewals::sortChunk",
                "io.iothubtriage.simulation.Generator::run");
        assertExist(methods);
    }

    private void assertExist(List<String> methods) throws ClassNotFoundException {
        for (String pattern : methods) {
            String type = pattern.substring(0, pattern.indexOf("::"));
            String method = pattern.substring(pattern.indexOf("::") + 2);
            if (type.endsWith(".*")) {
                String pkg = type.substring(0, type.length() - 2);
                assertThat(ModuleLayer.boot().findModule("java.base").orElseThrow().getPackages())
                        .as(pattern).contains(pkg);
                assertThat(method).as(pattern).isEqualTo("*");
                continue;
            }
            Class<?> c = Class.forName(type, false, getClass().getClassLoader());
            if (method.equals("*")) {
                continue;
            }
            boolean prefix = method.endsWith("*");
            String name = prefix ? method.substring(0, method.length() - 1) : method;
            assertThat(Arrays.stream(c.getDeclaredMethods()).map(Method::getName)
                    .anyMatch(m -> prefix ? m.startsWith(name) : m.equals(name)))
                    .as("%s has a method %s", type, method).isTrue();
        }
    }

    @Test
    void aMethodWithTenNodesIsCompiledByC1Instead() throws Exception {
        String hot = Hot.class.getName() + "::work";
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:CompileCommand=quiet", "-XX:CompileCommand=MaxNodeLimit," + hot + ",10",
                "-XX:+PrintCompilation", "-cp", System.getProperty("java.class.path"), Hot.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String name = Pattern.quote(Hot.class.getName() + "::work");
        // C2 (tier 4) gives up on it, and C1 compiles it without profiling (tier 1)
        assertThat(out).containsPattern("\\s4\\s+" + name + " .*COMPILE SKIPPED")
                .containsPattern("(?m)\\s1\\s+" + name + " \\(\\d+ bytes\\)$");
    }

    @Test
    void aOnceCalledLoopIsCompiledInTheMiddleOfItsCallAtFivePercentOfTheThresholds() throws Exception {
        String loop = OnceCalledLoop.class.getName() + "::sum";
        String name = Pattern.quote(loop);
        // 20,000 passes in one call: C1 alone (as the demo runs) leaves it interpreted at the usual thresholds
        assertThat(runC1Only(OnceCalledLoop.class)).doesNotContainPattern("%.*" + name);
        // and compiles the loop where it runs (an on-stack replacement, '%') at 5 % of them
        assertThat(runC1Only(OnceCalledLoop.class, "-XX:CompileCommand=CompileThresholdScaling," + loop + ",0.05"))
                .containsPattern("%\\s+(b\\s+)?1\\s+" + name + " @"); // b: compiled while the loop waited
    }

    private static String runC1Only(Class<?> main, String... options) throws Exception {
        // -BackgroundCompilation: the loop waits for a compilation it asked for, so a loaded machine cannot end the
        // loop (and the JVM) before the compiler thread starts on it
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:-BackgroundCompilation", "-XX:CompileCommand=quiet",
                "-XX:+PrintCompilation"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** The methods of the launcher's {@code for method in …} list whose compile command is {@code option}. */
    private static List<String> methodsNamedFor(String option) throws Exception {
        String launcher = Files.readString(Path.of("iothub-triage"));
        Matcher list = LIST.matcher(launcher);
        List<String> methods = new ArrayList<>();
        while (list.find()) {
            if (list.group(2).equals(option)) {
                Matcher quoted = QUOTED.matcher(list.group(1));
                while (quoted.find()) {
                    methods.add(quoted.group(1));
                }
            }
        }
        assertThat(methods).as("the launcher's list of methods for %s", option).isNotEmpty();
        return methods;
    }

    /** A loop of 20,000 passes in a method called once. */
    public static final class OnceCalledLoop {
        static long sum(int n) {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += (i * 31L) ^ (i >>> 3);
            }
            return s;
        }

        public static void main(String[] args) {
            System.out.println(sum(20_000));
        }
    }

    /** A method hot enough for C2. */
    public static final class Hot {
        private static long sum;

        static long work(long i) {
            return (i * 31) ^ (i >>> 3);
        }

        public static void main(String[] args) {
            for (int round = 0; round < 200; round++) {
                for (long i = 0; i < 20_000; i++) {
                    sum += work(i);
                }
            }
            System.out.println(sum);
        }
    }
}
