package io.iothubtriage.functions.testing;

import com.microsoft.azure.functions.ExecutionContext;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** An invocation context whose logger keeps every line, for assertions on the stage log. */
public final class FakeContext implements ExecutionContext {
    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public FakeContext(String functionName) {
        this.functionName = functionName;
        this.logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    public List<String> lines() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    /** The lines of one stage, e.g. {@code "triaged"}. */
    public List<String> stage(String stage) {
        return lines().stream().filter(l -> l.startsWith("stage=" + stage + " ")).toList();
    }

    public String all() {
        return String.join("\n", lines());
    }
}
