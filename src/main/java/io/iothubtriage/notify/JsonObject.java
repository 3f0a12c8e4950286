package io.iothubtriage.notify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A JSON object of the payloads and the report JSON, as it is built: fields in the order they were first put (putting
 * a field again replaces its value in place, as a {@code LinkedHashMap} does), each value a {@code String}, an
 * {@code Integer}, {@code Long} or {@code Double}, a {@code Boolean}, a {@link JsonObject}, a {@link JsonArray} or
 * null (JSON null). {@link JsonWriter} writes it.
 *
 * <p>Why not Jackson's {@code ObjectNode}: the payloads are built once per CLI run in a JVM that has just started,
 * where the node classes (about 35, each linked and initialised on first use) and their factory and map calls run
 * interpreted; two arrays and a loop over them do the same with a handful of methods. The method names are those of
 * {@code ObjectNode} for the same effect, so a payload reads as it did.
 */
public final class JsonObject {
    private String[] names = new String[8];
    private Object[] values = new Object[8];
    private int size;

    public JsonObject put(String name, String value) {
        return field(name, value);
    }

    public JsonObject put(String name, int value) {
        return field(name, value);
    }

    public JsonObject put(String name, long value) {
        return field(name, value);
    }

    public JsonObject put(String name, double value) {
        return field(name, value);
    }

    public JsonObject put(String name, boolean value) {
        return field(name, value);
    }

    public JsonObject putNull(String name) {
        return field(name, null);
    }

    /** A new empty object as the field's value; returns it. */
    public JsonObject putObject(String name) {
        JsonObject o = new JsonObject();
        field(name, o);
        return o;
    }

    /** A new empty array as the field's value; returns it. */
    public JsonArray putArray(String name) {
        JsonArray a = new JsonArray();
        field(name, a);
        return a;
    }

    /** The object or array as the field's value (null: JSON null); returns this object. */
    public JsonObject set(String name, JsonObject value) {
        return field(name, value);
    }

    public JsonObject set(String name, JsonArray value) {
        return field(name, value);
    }

    /** The field's value (null when absent or JSON null: see {@link #has}). */
    public Object get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    /** The field's value when it is an object, else null. */
    public JsonObject object(String name) {
        return get(name) instanceof JsonObject o ? o : null;
    }

    /** The field's value when it is an array, else null. */
    public JsonArray array(String name) {
        return get(name) instanceof JsonArray a ? a : null;
    }

    /** The field's value when it is a string, else {@code otherwise}. */
    public String text(String name, String otherwise) {
        return get(name) instanceof String s ? s : otherwise;
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** Removes the field; returns its value (null when absent). */
    public Object remove(String name) {
        int i = indexOf(name);
        if (i < 0) {
            return null;
        }
        Object old = values[i];
        System.arraycopy(names, i + 1, names, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        names[size] = null;
        values[size] = null;
        return old;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The field names in order. */
    public List<String> names() {
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(names[i]);
        }
        return out;
    }

    /** A copy whose objects and arrays are copies too (strings, numbers and booleans are immutable). */
    public JsonObject deepCopy() {
        JsonObject c = new JsonObject();
        c.names = names.clone();
        c.values = new Object[values.length];
        c.size = size;
        for (int i = 0; i < size; i++) {
            c.values[i] = copyOf(values[i]);
        }
        return c;
    }

    static Object copyOf(Object value) {
        if (value instanceof JsonObject o) {
            return o.deepCopy();
        }
        if (value instanceof JsonArray a) {
            return a.deepCopy();
        }
        return value;
    }

    /** The i-th field's name and value, for {@link JsonWriter}. */
    String nameAt(int i) {
        return names[i];
    }

    Object valueAt(int i) {
        return values[i];
    }

    /** Compact JSON, as {@link JsonWriter#compact} writes it: for tests and messages. */
    @Override
    public String toString() {
        return JsonWriter.compact(this);
    }

    /** Same fields in the same order with equal values. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof JsonObject o) || o.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!names[i].equals(o.names[i]) || !Objects.equals(values[i], o.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + names[i].hashCode();
            h = 31 * h + Objects.hashCode(values[i]);
        }
        return h;
    }

    private JsonObject field(String name, Object value) {
        Objects.requireNonNull(name, "name");
        int i = indexOf(name);
        if (i >= 0) {
            values[i] = value;
            return this;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, 2 * size);
            values = Arrays.copyOf(values, 2 * size);
        }
        names[size] = name;
        values[size++] = value;
        return this;
    }

    /** A scan: the objects have a few dozen fields at most, and their names are mostly the same literals. */
    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            String n = names[i];
            if (n == name || n.equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
