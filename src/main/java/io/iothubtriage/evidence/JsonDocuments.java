package io.iothubtriage.evidence;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.JsonLimits;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Small JSON documents (Resource Health and metrics responses) read whole as trees, with the same file checks and
 * one-line errors as the log readers, and lenient value access: numbers may come as strings, times with or without
 * fractions and zones.
 */
final class JsonDocuments {

    private JsonDocuments() {
    }

    /**
     * Reads a file as one JSON document. An Azure REST API example file ({@code {"parameters", "responses":
     * {"200": {"body": ...}}}}) is unwrapped to its response body.
     */
    static JsonNode read(Path file) throws BadInputException {
        String where = InputFiles.where(file);
        try (InputFiles.Opened opened = InputFiles.open(file);
             JsonParser p = JsonLogReader.createParser(opened)) {
            char first = opened.firstChar();
            if (first != '{' && first != '[') {
                throw new BadInputException(where, "is not JSON (it starts with " + RowAssembler.quote(
                        String.valueOf(first)) + "; a CSV export belongs to --logs)");
            }
            JsonNode node;
            try {
                node = JsonLogReader.MAPPER.readTree(p);
                JsonToken after = p.nextToken();
                if (after != null) {
                    throw new BadInputException(where, "has more content after the JSON document (at line "
                            + p.currentLocation().getLineNr() + ")");
                }
            } catch (JsonEOFException e) {
                throw new BadInputException(where, "truncated JSON: the file ends at line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
            } catch (StreamConstraintsException e) {
                throw new BadInputException(where, "at line " + p.currentLocation().getLineNr() + ", column "
                        + p.currentLocation().getColumnNr() + ": " + JsonLimits.inWords(e), e);
            } catch (StreamReadException e) {
                throw new BadInputException(where, "malformed JSON at line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ": " + InputFiles.oneLine(e.getOriginalMessage()), e);
            }
            JsonNode body = node.path("responses").path("200").path("body");
            return body.isMissingNode() ? node : body;
        } catch (IOException e) {
            throw new BadInputException(where, InputFiles.cannotRead(e), e);
        }
    }

    /** Text of a field, "" when absent or null; numbers and booleans as their text. */
    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? "" : v.asText();
    }

    /** A time field: empty when absent or null, a BadInputException naming the path when not a timestamp. */
    static Optional<Instant> time(JsonNode o, String field, String where, String path)
            throws BadInputException {
        String t = text(o, field);
        if (t.isBlank()) {
            return Optional.empty();
        }
        Instant parsed = Timestamps.parse(t);
        if (parsed == null) {
            throw new BadInputException(where, path + "." + field + " " + RowAssembler.quote(t)
                    + " is not a timestamp");
        }
        return Optional.of(parsed);
    }

    /** A number that may come as a number or a string; empty when absent or null. */
    static OptionalDouble number(JsonNode o, String field, String where, String path) throws BadInputException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return OptionalDouble.empty();
        }
        if (v.isNumber()) {
            return OptionalDouble.of(v.asDouble());
        }
        if (v.isTextual()) {
            String s = v.asText().strip();
            if (s.isEmpty()) {
                return OptionalDouble.empty();
            }
            try {
                return OptionalDouble.of(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                // fall through to the error
            }
        }
        throw new BadInputException(where, path + "." + field + " " + RowAssembler.quote(v.toString())
                + " is not a number");
    }
}
