package io.iothubtriage.cli;

import io.iothubtriage.alert.BadInputException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code iothub-triage}: triage an IoT hub's connected-devices alert from exported files or live Azure, run the
 * bundled demo, or check access. Exit codes: 0 report produced (whatever its verdict), 2 bad input (one line on
 * stderr naming the file or option and the problem), 1 unexpected failure.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int BAD_INPUT = 2;

    /** The top-level help; {@code COMMAND --help} prints {@link Help#of}. */
    static final String USAGE = Help.TOP;
    static final String VERBOSE = "--verbose";
    private static final List<String> HELP = List.of("--help", "-h");
    private static final List<String> COMMANDS = List.of("triage", "demo", "doctor");

    private Main() {
    }

    public static void main(String[] args) {
        WatchedOutput stdout = new WatchedOutput(new java.io.FileOutputStream(java.io.FileDescriptor.out));
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        ConsoleLogging.configure(Arrays.asList(args).contains(VERBOSE));
        int code = run(Arrays.asList(args), out, err, System.getenv());
        out.flush();
        code = afterWriting(code, stdout, err);
        err.flush();
        stopHttpClientSelectors();
        System.exit(code);
    }

    /**
     * Ends the JDK HTTP clients' selector threads before exiting. Each waits for network events in native code, and
     * HotSpot waits up to 300 ms at exit for threads in native code; JDK 17's HttpClient has no close(). A selector
     * thread ends when interrupted (it checks the flag after each select), so the process exits at once instead of
     * 0.3 s after the report. Only called when the work is done: nothing is in flight any more.
     */
    static void stopHttpClientSelectors() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t != Thread.currentThread() && t.getName().startsWith("HttpClient-")
                    && t.getName().endsWith("-SelectorManager")) {
                t.interrupt();
                try {
                    t.join(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The exit code once stdout has been written: 1 with one line on stderr when a write failed (a full disk), so a
     * report cut short is never taken for a whole one.
     */
    static int afterWriting(int code, WatchedOutput stdout, PrintStream err) {
        java.util.Optional<String> problem = stdout.problem();
        if (problem.isEmpty()) {
            return code;
        }
        err.println("iothub-triage: stdout: the output could not be written (" + oneLine(problem.get())
                + "): it is incomplete");
        return code == OK ? FAILURE : code;
    }

    /** Runs one CLI call; never calls {@code System.exit}, so tests can drive it. */
    static int run(List<String> given, PrintStream out, PrintStream err, Map<String, String> env) {
        // --verbose is for Main.main (logging); the commands never see it.
        // loops, not streams or lambdas, on the way to every command: this runs first in a cold JVM
        List<String> args = new ArrayList<>();
        for (String a : given) {
            if (!a.equals(VERBOSE)) {
                args.add(a);
            }
        }
        args = List.copyOf(args);
        if (args.isEmpty() || HELP.contains(args.get(0)) || args.get(0).equals("help")) {
            if (args.size() > 1 && args.get(0).equals("help") && COMMANDS.contains(args.get(1))) {
                out.print(Help.of(args.get(1)));
                return OK;
            }
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? BAD_INPUT : OK;
        }
        if (args.get(0).equals("--version")) {
            out.println(BuildInfo.current().line());
            return OK;
        }
        if (COMMANDS.contains(args.get(0)) && asksForHelp(args.subList(1, args.size()))) {
            out.print(Help.of(args.get(0)));
            return OK;
        }
        try {
            return switch (args.get(0)) {
                case "triage" -> new TriageCommand(out, err, env).run(args);
                case "demo" -> new DemoCommand(out, err).run(args);
                case "doctor" -> new DoctorCommand(out, err, env).run(args);
                default -> throw new UsageException(args.get(0).startsWith("-")
                        ? "unknown option '" + shorten(args.get(0)) + "' (the options are --help and --version, "
                        + "or a command's, after it: triage, demo, doctor; see iothub-triage --help)"
                        : "unknown command '" + shorten(args.get(0)) + "' (commands: triage, demo, doctor; see "
                        + "iothub-triage --help)");
            };
        } catch (UsageException e) {
            err.println("iothub-triage: " + e.getMessage());
            return BAD_INPUT;
        } catch (SignInFailure e) {
            err.println("iothub-triage: " + e.getMessage());
            return FAILURE;
        } catch (BadInputException e) {
            err.println("iothub-triage: " + oneLine(e.getMessage()));
            return BAD_INPUT;
        } catch (RuntimeException | Error e) {
            err.println("iothub-triage: unexpected failure: " + oneLine(String.valueOf(e)));
            return FAILURE;
        }
    }

    private static boolean asksForHelp(List<String> args) {
        for (String a : args) {
            if (HELP.contains(a)) {
                return true;
            }
        }
        return false;
    }

    static String oneLine(String s) {
        String flat = s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").trim();
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
