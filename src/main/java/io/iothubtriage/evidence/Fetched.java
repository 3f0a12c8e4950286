package io.iothubtriage.evidence;

import java.util.List;
import java.util.Objects;

/** What a source returned: its value, and gaps for the parts it could only partly get (e.g. a partial query result). */
public record Fetched<T>(T value, List<Gap> gaps) {
    public Fetched {
        Objects.requireNonNull(value, "value");
        gaps = List.copyOf(gaps);
    }

    public static <T> Fetched<T> of(T value) {
        return new Fetched<>(value, List.of());
    }
}
