package io.iothubtriage.functions.testing;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import io.iothubtriage.dispatch.RequestQueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A real Azurite queue whose visibility delays run on the test's clock instead of the wall clock: every message
 * really goes through the queue service (stored, received with its dequeue count, deleted), but the delay the
 * app asked for is kept here and compared with the injected clock, so "come back in 30 minutes" takes no real
 * time. {@link #down(Supplier)} makes sends fail like a storage account that does not answer.
 */
public final class SimQueue implements RequestQueue {
    /** One received message: its text, the dequeue count the service reports, and when the app wanted it seen. */
    public record Received(String id, String popReceipt, String text, long dequeueCount, Instant dueAt) {
    }

    private final QueueClient client;
    private final Clock clock;
    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private volatile Supplier<Boolean> down = () -> false;

    public SimQueue(QueueClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static SimQueue fresh(String prefix, Clock clock) {
        return new SimQueue(AzuriteQueues.fresh(prefix), clock);
    }

    /** While this answers true, sends fail as if the storage account were unreachable. */
    public SimQueue down(Supplier<Boolean> isDown) {
        this.down = isDown;
        return this;
    }

    @Override
    public String name() {
        return client.getQueueName();
    }

    @Override
    public void send(String message, Duration delay) {
        if (down.get()) {
            throw new QueueUnavailableException(name() + ": storage unreachable (injected)", null);
        }
        var r = client.sendMessageWithResponse(BinaryData.fromString(message), Duration.ZERO,
                RequestQueue.TIME_TO_LIVE, Duration.ofSeconds(10), Context.NONE);
        due.put(r.getValue().getMessageId(), clock.instant().plus(delay));
        delays.add(delay);
    }

    /** Every delay the app asked for, in order. */
    public List<Duration> delays() {
        return List.copyOf(delays);
    }

    /**
     * Receives every message in the queue, hidden from other receivers for a minute of real time; the caller
     * deletes or releases each.
     */
    public List<Received> receiveAll() {
        List<Received> out = new ArrayList<>();
        for (QueueMessageItem m : client.receiveMessages(32, Duration.ofSeconds(60), Duration.ofSeconds(10),
                Context.NONE)) {
            out.add(new Received(m.getMessageId(), m.getPopReceipt(), m.getBody().toString(), m.getDequeueCount(),
                    due.getOrDefault(m.getMessageId(), Instant.EPOCH)));
        }
        return out;
    }

    /** The texts of every message now in the queue, each removed. */
    public List<String> drain() {
        List<String> out = new ArrayList<>();
        for (List<Received> batch = receiveAll(); !batch.isEmpty(); batch = receiveAll()) {
            for (Received r : batch) {
                out.add(r.text());
                delete(r);
            }
        }
        return out;
    }

    public void delete(Received r) {
        client.deleteMessage(r.id(), r.popReceipt());
        due.remove(r.id());
    }

    /** Makes a received message visible again at once (its dequeue count stays counted). */
    public void release(Received r) {
        client.updateMessage(r.id(), r.popReceipt(), null, Duration.ZERO);
    }

    /** Appends a message the way the Functions host moves one to the poison queue (as it is, no delay). */
    public void hostPut(String text) {
        var r = client.sendMessageWithResponse(BinaryData.fromString(text), Duration.ZERO, RequestQueue.TIME_TO_LIVE,
                Duration.ofSeconds(10), Context.NONE);
        due.put(r.getValue().getMessageId(), Instant.EPOCH);
    }

    public int approximateCount() {
        return client.getProperties().getApproximateMessagesCount();
    }
}
