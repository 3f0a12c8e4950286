package io.iothubtriage.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/** The one Jackson mapper of the package and the helpers that put typed values into trees. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Compact JSON, the form that is posted and measured. */
    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serialises
        }
    }

    static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of the compact UTF-8 form: what a chat service counts against its size limit. */
    static int bytes(JsonNode node) {
        return compact(node).getBytes(StandardCharsets.UTF_8).length;
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
            o.put(field, t.get().toString());
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
