package io.iothubtriage.dispatch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One structured log line per stage, as {@code key=value} pairs, through the invocation's logger (which the
 * Functions host sends to Application Insights as traces with the invocation id). Example:
 *
 * <pre>stage=triaged function=triage-worker invocationId=… alertId=… hub=… verdict=DEVICE_NETWORK_OR_KEEPALIVE
 * connectionLogsMs=812 resourceHealthMs=230 metricsMs=190 triageMs=845</pre>
 *
 * A KQL query over {@code traces} can then parse {@code verdict}, the per-source durations and the delivery outcome
 * with {@code parse_kv}. Values with spaces or quotes are quoted; no value is ever a secret (destinations are logged
 * redacted).
 */
public final class StageLog {
    private final Logger logger;
    private final String function;
    private final String invocationId;

    public StageLog(Logger logger, String function, String invocationId) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.function = function == null ? "" : function;
        this.invocationId = invocationId == null ? "" : invocationId;
    }

    /** Per source of a triage run, how long it took; a source that did not answer also logs how it ended. */
    static Map<String, Duration> durations(io.iothubtriage.diagnosis.TriageRun run) {
        Map<String, Duration> out = new LinkedHashMap<>();
        run.sources().forEach(s -> out.put(s.source(), s.elapsed()));
        return out;
    }

    public String invocationId() {
        return invocationId;
    }

    public Line stage(String stage) {
        return new Line(stage);
    }

    /** One line being built; {@link #info()}, {@link #warn()} or {@link #error()} writes it. */
    public final class Line {
        private final Map<String, String> fields = new LinkedHashMap<>();

        private Line(String stage) {
            fields.put("stage", stage);
            fields.put("function", function);
            fields.put("invocationId", invocationId);
        }

        public Line with(String key, Object value) {
            if (value != null) {
                fields.put(key, value.toString());
            }
            return this;
        }

        public Line millis(String key, Duration d) {
            if (d != null) {
                fields.put(key + "Ms", Long.toString(d.toMillis()));
            }
            return this;
        }

        /** Per-source durations as {@code <source>Ms}. */
        public Line durations(Map<String, Duration> perSource) {
            perSource.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> millis(e.getKey(), e.getValue()));
            return this;
        }

        /** How each source of a triage ended, as {@code <source>=OK|FAILED|TIMED_OUT|…}. */
        public Line outcomes(io.iothubtriage.diagnosis.TriageRun run) {
            run.sources().forEach(s -> fields.put(s.source(), s.outcome().name()));
            return this;
        }

        public void info() {
            logger.log(Level.INFO, text());
        }

        public void warn() {
            logger.log(Level.WARNING, text());
        }

        public void error() {
            logger.log(Level.SEVERE, text());
        }

        public String text() {
            StringBuilder sb = new StringBuilder();
            fields.forEach((k, v) -> {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(k).append('=').append(quoted(v));
            });
            return sb.toString();
        }
    }

    static String quoted(String v) {
        String oneLine = v.replace('\n', ' ').replace('\r', ' ');
        if (!oneLine.isEmpty() && oneLine.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\t')) {
            return oneLine;
        }
        return '"' + oneLine.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
