package io.iothubtriage.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory queue that keeps what was sent, or fails every send like an unreachable storage account. */
final class RecordingQueue implements RequestQueue {
    record Sent(String message, Duration delay) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    RecordingQueue down(boolean isDown) {
        this.down = isDown;
        return this;
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public void send(String message, Duration delay) {
        if (down) {
            throw new QueueUnavailableException("test-queue: HTTP 503 ServerBusy", null);
        }
        sent.add(new Sent(message, delay));
    }

    @Override
    public String name() {
        return "test-queue";
    }
}
