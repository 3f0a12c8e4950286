package io.iothubtriage.functions;

import java.util.Objects;
import java.util.function.Supplier;

/** A value built on first use and kept, thread-safely; a failed build is retried on the next use. */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> build;
    private volatile T value;

    Lazy(Supplier<T> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(build.get(), "built value");
                    value = v;
                }
            }
        }
        return v;
    }
}
