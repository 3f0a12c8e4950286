package io.iothubtriage.cli;

import io.iothubtriage.alert.BadInputException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    static final String USAGE = """
            iothub-triage: first-ten-minutes triage of Azure IoT Hub connected-device alerts

            Usage:
              iothub-triage triage --alert ALERT.json --logs FILE [--logs FILE ...] [--health FILE ...]
                                   [--metrics FILE] [--changes FILE ...] [--from TIME --to TIME]
                                   [--format text|markdown|json|teams|slack] [--out FILE] [--post URL ...]
              iothub-triage triage --hub RESOURCE_ID --logs FILE ... --from TIME --to TIME ...   (files, no alert)
              iothub-triage triage --hub RESOURCE_ID [--workspace WORKSPACE_ID] [--lookback PT1H]
                                   [--alert ALERT.json] ...                                      (live Azure)
              iothub-triage doctor --hub RESOURCE_ID [--workspace WORKSPACE_ID]
              iothub-triage demo [--scenario NAME] [--format ...] [--out-dir DIR]
              iothub-triage --help | --version

            --logs      AzureDiagnostics Connections rows: Log Analytics API JSON, Azure CLI JSON array, or the
                        portal's CSV export (detected from content; other categories are ignored)
            --health    Resource Health JSON: a current status, a list of statuses, or a list of events
            --metrics   Azure Monitor metrics REST response (connectedDeviceCount, totalDeviceCount)
            --changes   the hub's change history: az monitor activity-log list JSON or az graph query JSON
                        over resourcechanges (detected from content)
            --post URL  deliver to a Teams Workflows, Slack or generic JSON webhook (repeatable)
            --color     colour the text report (ANSI)

            Exit codes: 0 report produced, 2 bad input, 1 unexpected failure.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        int code = run(Arrays.asList(args), out, err, System.getenv());
        out.flush();
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

    /** Runs one CLI call; never calls {@code System.exit}, so tests can drive it. */
    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.isEmpty() || List.of("--help", "-h", "help").contains(args.get(0))) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? BAD_INPUT : OK;
        }
        if (args.get(0).equals("--version")) {
            out.println("iothub-triage " + version());
            return OK;
        }
        try {
            return switch (args.get(0)) {
                case "triage" -> new TriageCommand(out, err, env).run(args);
                case "demo" -> new DemoCommand(out, err).run(args);
                case "doctor" -> new DoctorCommand(out, err, env).run(args);
                default -> throw new UsageException("unknown command '" + shorten(args.get(0))
                        + "' (commands: triage, demo, doctor; see --help)");
            };
        } catch (UsageException e) {
            err.println("iothub-triage: " + e.getMessage());
            return BAD_INPUT;
        } catch (BadInputException e) {
            err.println("iothub-triage: " + oneLine(e.getMessage()));
            return BAD_INPUT;
        } catch (RuntimeException | Error e) {
            err.println("iothub-triage: unexpected failure: " + oneLine(String.valueOf(e)));
            return FAILURE;
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static String oneLine(String s) {
        String flat = s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").trim();
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
