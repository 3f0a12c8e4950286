package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.ReportFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The package's JSON: payloads are built as {@link JsonObject}s and {@link JsonArray}s and written by
 * {@link JsonWriter}, the same text an {@code ObjectMapper} writes for the same tree; Jackson (tens of milliseconds
 * to set up its mapper, most of the cost of a payload in a short CLI run) is used only when a webhook's answer has
 * to be read.
 */
final class Json {

    /** Made on first use: the demo and the report renderers only write. */
    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private Json() {
    }

    static JsonObject object() {
        return new JsonObject();
    }

    static JsonArray array() {
        return new JsonArray();
    }

    /** Parses a webhook's answer. */
    static JsonNode read(String body) throws IOException {
        return Reader.MAPPER.readTree(body);
    }

    /** Compact JSON, the form that is posted and measured. */
    static String compact(JsonObject node) {
        return JsonWriter.compact(node);
    }

    /** Indented the way {@code ObjectMapper.writerWithDefaultPrettyPrinter()} indents. */
    static String pretty(JsonObject node) {
        return JsonWriter.pretty(node);
    }

    /** Bytes of the compact UTF-8 form: what a chat service counts against its size limit. */
    static int bytes(JsonObject node) {
        return JsonWriter.compactUtf8Length(node);
    }

    /** A whole number as an integer (900, not 900.0), other values as decimals, NaN and infinities as null. */
    static void putNumber(JsonObject o, String field, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            o.putNull(field);
        } else if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
            o.put(field, (long) d);
        } else {
            o.put(field, d);
        }
    }

    static void putNumber(JsonObject o, String field, OptionalDouble d) {
        if (d.isPresent()) {
            putNumber(o, field, d.getAsDouble());
        } else {
            o.putNull(field);
        }
    }

    /** ISO-8601 UTC ("2026-11-26T10:41:00Z"), or null when absent. */
    static void putInstant(JsonObject o, String field, Optional<Instant> t) {
        if (t.isPresent()) {
            o.put(field, ReportFormat.iso(t.get()));
        } else {
            o.putNull(field);
        }
    }

    /** A text that the records model as "empty when none": null in JSON when empty. */
    static void putText(JsonObject o, String field, String s) {
        if (s == null || s.isEmpty()) {
            o.putNull(field);
        } else {
            o.put(field, s);
        }
    }
}
