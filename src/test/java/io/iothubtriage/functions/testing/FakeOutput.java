package io.iothubtriage.functions.testing;

import com.microsoft.azure.functions.OutputBinding;

/** An output binding that keeps what the function set (the host would write it to the queue after return). */
public final class FakeOutput<T> implements OutputBinding<T> {
    private T value;

    @Override
    public T getValue() {
        return value;
    }

    @Override
    public void setValue(T value) {
        this.value = value;
    }
}
