package io.iothubtriage.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A JSON array of the payloads and the report JSON: values as in {@link JsonObject} (a {@code String}, an
 * {@code Integer}, {@code Long} or {@code Double}, a {@code Boolean}, an object, an array, or null), in order. The
 * method names are those of Jackson's {@code ArrayNode} for the same effect.
 */
public final class JsonArray {
    private final List<Object> values = new ArrayList<>();

    public JsonArray add(String value) {
        values.add(value);
        return this;
    }

    public JsonArray add(int value) {
        values.add(value);
        return this;
    }

    public JsonArray add(long value) {
        values.add(value);
        return this;
    }

    public JsonArray add(double value) {
        values.add(value);
        return this;
    }

    public JsonArray add(boolean value) {
        values.add(value);
        return this;
    }

    public JsonArray add(JsonObject value) {
        values.add(value);
        return this;
    }

    public JsonArray add(JsonArray value) {
        values.add(value);
        return this;
    }

    public JsonArray addNull() {
        values.add(null);
        return this;
    }

    /** A new empty object at the end; returns it. */
    public JsonObject addObject() {
        JsonObject o = new JsonObject();
        values.add(o);
        return o;
    }

    public JsonArray addAll(Collection<? extends JsonObject> objects) {
        values.addAll(objects);
        return this;
    }

    /** Puts the object at {@code index}, moving the values from there on one place up. */
    public JsonArray insert(int index, JsonObject value) {
        values.add(index, value);
        return this;
    }

    public Object get(int index) {
        return values.get(index);
    }

    /** The value at {@code index} when it is an object, else null. */
    public JsonObject object(int index) {
        return values.get(index) instanceof JsonObject o ? o : null;
    }

    public Object remove(int index) {
        return values.remove(index);
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** A copy whose objects and arrays are copies too. */
    public JsonArray deepCopy() {
        JsonArray c = new JsonArray();
        for (Object v : values) {
            c.values.add(JsonObject.copyOf(v));
        }
        return c;
    }

    /** Compact JSON, as {@link JsonWriter#compact} writes it: for tests and messages. */
    @Override
    public String toString() {
        return JsonWriter.compact(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonArray a && a.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
