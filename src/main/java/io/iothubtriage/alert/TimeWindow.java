package io.iothubtriage.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open UTC interval [start, end). */
public record TimeWindow(Instant start, Instant end) {

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " is not after its start " + start);
        }
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** The window of the same end moved back so that it ends where this one starts, of the given length. */
    public TimeWindow before(Duration length) {
        return new TimeWindow(start.minus(length), start);
    }
}
