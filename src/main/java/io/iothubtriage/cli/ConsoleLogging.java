package io.iothubtriage.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * What the libraries may print on the console. By default nothing: the CLI says what happened in its own lines
 * ({@code post …}, the report), and java.util.logging's two-line records ("Dec 04, 2026 9:10:15 PM
 * io.iothubtriage.notify.WebhookDelivery post / INFO: …") would only repeat them. With {@code --verbose}, every
 * record at INFO and above, one line each on stderr, and the Azure SDK's own logging (AZURE_LOG_LEVEL) at info
 * (without --verbose it stays off unless the environment sets AZURE_LOG_LEVEL). The Azure SDK, MSAL and Reactor
 * log through SLF4J, bound to slf4j-simple for the Functions app, whose host keeps stderr as its log (its
 * simplelogger.properties: warnings and errors); on the console those records would only repeat, as Java class
 * names and exception text, what the CLI says in its own line (no credential, a source that failed), so the CLI
 * turns them off, and to INFO with {@code --verbose}. A level given with
 * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} is kept.
 *
 * <p>{@link #configure} only names this class as java.util.logging's configuration class: the configuration is
 * applied when something first logs, so a run that never logs (the demo) never loads the logging machinery.
 * Called once, by {@link Main#main}; tests drive {@link Main#run} and leave the test JVM's logging alone.
 */
public final class ConsoleLogging {

    static final String VERBOSE_PROPERTY = "iothub-triage.verbose";
    /** slf4j-simple's level for every logger without its own (read once, when its first logger is made). */
    static final String SLF4J_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    static void configure(boolean verbose) {
        System.setProperty(VERBOSE_PROPERTY, Boolean.toString(verbose));
        if (System.getProperty(SLF4J_LEVEL_PROPERTY) == null) {
            System.setProperty(SLF4J_LEVEL_PROPERTY, verbose ? "info" : "off");
        }
        System.setProperty("java.util.logging.config.class", ConsoleLogging.class.getName());
        if (verbose) {
            System.setProperty("AZURE_LOG_LEVEL", "informational"); // azure-core reads it before the environment
        }
    }

    /** Called by java.util.logging's LogManager, once, as its configuration (the config.class contract). */
    public ConsoleLogging() {
        boolean verbose = Boolean.getBoolean(VERBOSE_PROPERTY);
        String config = verbose
                ? "handlers=" + OneLineHandler.class.getName() + "\n.level=INFO\n"
                : "handlers=\n.level=OFF\n";
        try {
            LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(
                    config.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records on stderr, one line each: "21:10:15.123 INFO io.iothubtriage.notify: teams … delivered". */
    public static final class OneLineHandler extends StreamHandler {
        public OneLineHandler() {
            super(System.err, new OneLine());
            setLevel(Level.INFO);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
        }

        @Override
        public synchronized void close() {
            flush(); // never close System.err
        }
    }

    static final class OneLine extends Formatter {
        // here, not in ConsoleLogging: every run loads ConsoleLogging, and building a formatter costs a cold JVM
        // milliseconds (DateTimeFormatterBuilder's set-up) that a run without --verbose never needs
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .withZone(ZoneOffset.UTC);

        @Override
        public String format(LogRecord r) {
            String message = formatMessage(r).replaceAll("[\\r\\n]+", " ");
            String thrown = r.getThrown() == null ? "" : " (" + r.getThrown().getClass().getSimpleName() + ")";
            return TIME.format(r.getInstant()) + " " + r.getLevel().getName() + " " + r.getLoggerName() + ": "
                    + message + thrown + System.lineSeparator();
        }
    }
}
