package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.ReportFormat;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The package's JSON: trees are built from {@link #NODES} and written straight to a streaming generator, the same
 * text an {@code ObjectMapper} writes; the mapper itself (tens of milliseconds to set up, most of the cost of a
 * payload in a short CLI run) is made only when a webhook's answer has to be read.
 */
final class Json {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory FACTORY = new JsonFactory();

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
        return write(node, false);
    }

    /** Indented the way {@code ObjectMapper.writerWithDefaultPrettyPrinter()} indents. */
    static String pretty(JsonNode node) {
        return write(node, true);
    }

    private static String write(JsonNode node, boolean pretty) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    write(g, element);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case FLOAT -> g.writeNumber(node.floatValue());
                    case DOUBLE -> g.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
                }
            }
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case BINARY, POJO -> throw new IllegalArgumentException("no " + node.getNodeType() + " node is written");
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
