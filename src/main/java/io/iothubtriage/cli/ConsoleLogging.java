package io.iothubtriage.cli;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * What the libraries may print on the console. By default nothing: the CLI says what happened in its own lines
 * ({@code post …}, the report), and java.util.logging's two-line records ("Dec 04, 2026 9:10:15 PM
 * io.iothubtriage.notify.WebhookDelivery post / INFO: …") would only repeat them. With {@code --verbose}, every
 * record at INFO and above, one line each on stderr, and the Azure SDK's own logging (AZURE_LOG_LEVEL) at info
 * (without --verbose it stays off unless the environment sets AZURE_LOG_LEVEL).
 * SLF4J is bound to its no-op logger (slf4j-nop), so MSAL and Reactor stay silent either way.
 *
 * <p>Called once, by {@link Main#main}, before any Azure class is loaded; tests drive {@link Main#run} and leave
 * the test JVM's logging alone.
 */
final class ConsoleLogging {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private ConsoleLogging() {
    }

    static void configure(boolean verbose, PrintStream err) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        if (!verbose) {
            // The Azure SDK's own console logger stays off unless AZURE_LOG_LEVEL is set: then the user asked.
            root.setLevel(Level.OFF);
            return;
        }
        System.setProperty("AZURE_LOG_LEVEL", "informational"); // read by azure-core before the environment
        root.setLevel(Level.INFO);
        Handler h = new StreamHandler(err, new OneLine()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        h.setLevel(Level.INFO);
        root.addHandler(h);
    }

    /** "21:10:15.123 INFO io.iothubtriage.notify: teams … delivered". */
    static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            String message = formatMessage(r).replaceAll("[\\r\\n]+", " ");
            String thrown = r.getThrown() == null ? "" : " (" + r.getThrown().getClass().getSimpleName() + ")";
            return TIME.format(r.getInstant()) + " " + r.getLevel().getName() + " " + r.getLoggerName() + ": "
                    + message + thrown + System.lineSeparator();
        }
    }
}
