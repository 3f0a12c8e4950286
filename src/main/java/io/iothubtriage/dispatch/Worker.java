package io.iothubtriage.dispatch;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.config.SettingsException;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The queue worker's entry: read the message once, build what the worker needs on first use, and make sure a
 * request ends in one of the ways {@link AlertProcessor} names. Broken worker settings (an unresolved Key Vault
 * reference in a webhook setting, a malformed timeout) hold the request in the queue with a clear
 * {@code stage=misconfigured} line until they are fixed; a failure this code did not foresee re-drives it.
 * Only a queue that cannot be written makes the invocation fail (the host redelivers, then the poison queue).
 */
public final class Worker {
    private final Supplier<AlertProcessor> processor;
    private final Supplier<Redrive> redrive;
    private final Clock clock;

    public Worker(Supplier<AlertProcessor> processor, Supplier<Redrive> redrive, Clock clock) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.redrive = Objects.requireNonNull(redrive, "redrive");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Outcome handle(String text, long dequeueCount, StageLog log) {
        QueueMessage message;
        try {
            message = QueueMessage.decode(text, clock.instant());
        } catch (BadInputException e) {
            log.stage("rejected").with("dequeueCount", dequeueCount).with("reason", e.getMessage()).error();
            return redrive.get().toFailurePath(text, "the queued message could not be read: " + e.getMessage(), log);
        }
        AlertProcessor p;
        try {
            p = processor.get();
        } catch (SettingsException e) {
            log.stage("misconfigured").with("function", "triage-worker").with("settings", String.join(",",
                    e.settingNames())).with("reason", e.getMessage())
                    .with("effect", "alerts stay queued until the settings are fixed").error();
            return redrive.get().hold(message, "settings " + String.join(",", e.settingNames()) + " are invalid",
                    log);
        } catch (LedgerException e) {
            return redrive.get().later(message, "ledger: " + e.getMessage(), List.of(), log);
        }
        try {
            return p.process(message, dequeueCount, log);
        } catch (RequestQueue.QueueUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            log.stage("unexpected").with("alertId", message.alertId()).with("reason", e.toString()).error();
            return redrive.get().later(message, "unexpected " + e.getClass().getSimpleName(), List.of(), log);
        }
    }
}
