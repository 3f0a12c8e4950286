package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.ReportFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The package's JSON: trees are built from {@link #NODES} and written by {@link JsonWriter}, the same text an
 * {@code ObjectMapper} writes; the mapper itself (tens of milliseconds to set up, most of the cost of a payload in a
 * short CLI run) is made only when a webhook's answer has to be read.
 */
final class Json {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Made on first use: the demo and the report renderers only write. */
    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Parses a webhook's answer. */
    static JsonNode read(String body) throws IOException {
        return Reader.MAPPER.readTree(body);
    }

    /** Compact JSON, the form that is posted and measured. */
    static String compact(JsonNode node) {
        return JsonWriter.compact(node);
    }

    /** Indented the way {@code ObjectMapper.writerWithDefaultPrettyPrinter()} indents. */
    static String pretty(JsonNode node) {
        return JsonWriter.pretty(node);
    }

    /** Bytes of the compact UTF-8 form: what a chat service counts against its size limit. */
    static int bytes(JsonNode node) {
        return JsonWriter.compactUtf8Length(node);
    }

    /** A whole number as an integer (900, not 900.0), other values as decimals, NaN and infinities as null. */
    static void putNumber(ObjectNode o, String field, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            o.putNull(field);
        } else if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
            o.put(field, (long) d);
        } else {
            o.put(field, d);
        }
    }

    static void putNumber(ObjectNode o, String field, OptionalDouble d) {
        if (d.isPresent()) {
            putNumber(o, field, d.getAsDouble());
        } else {
            o.putNull(field);
        }
    }

    /** ISO-8601 UTC ("2026-11-26T10:41:00Z"), or null when absent. */
    static void putInstant(ObjectNode o, String field, Optional<Instant> t) {
        if (t.isPresent()) {
            o.put(field, ReportFormat.iso(t.get()));
        } else {
            o.putNull(field);
        }
    }

    /** A text that the records model as "empty when none": null in JSON when empty. */
    static void putText(ObjectNode o, String field, String s) {
        if (s == null || s.isEmpty()) {
            o.putNull(field);
        } else {
            o.put(field, s);
        }
    }
}
