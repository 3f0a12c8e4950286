package io.iothubtriage.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.JsonLimits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the JSON exports of connection logs with Jackson's streaming parser, one row at a time: the Log Analytics
 * query response, the Azure CLI's array of row objects, {@code {"records":[...]}} resource logs, and row objects
 * one after another (JSON lines). Only the first element of an array and small unknown top-level values are ever
 * held as trees, to recognise what a file is; rows never are.
 */
final class JsonLogReader implements RowCollector.Locator {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final Object UNKNOWN = new Object();
    private static final int KEY_CACHE_LIMIT = 512;
    /** Row objects whose first 64 keys keep their order get their keys matched as raw bytes. */
    private static final int POSITIONS = 64;

    private final JsonParser p;
    private final String where;
    private final RowCollector rows;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Object> keyCache = new HashMap<>();
    private final Map<String, Object> propertyKeyCache = new HashMap<>();
    private final SerializedString[] positionNames = new SerializedString[POSITIONS];
    private final Object[] positionFields = new Object[POSITIONS];
    private LogFormat format;

    private JsonLogReader(JsonParser parser, String where, RowCollector rows) {
        this.p = parser;
        this.where = where;
        this.rows = rows;
        rows.locator(this);
    }

    static RowCollector.Result read(InputFiles.Opened in, String where, RowCollector rows)
            throws BadInputException, IOException {
        try (JsonParser parser = createParser(in)) {
            JsonLogReader reader = new JsonLogReader(parser, where, rows);
            try {
                return reader.readRoot();
            } catch (JsonEOFException e) {
                throw new BadInputException(where, "truncated JSON: the file ends inside "
                        + path(parser) + " at " + at(e.getLocation()), e);
            } catch (StreamConstraintsException e) {
                throw new BadInputException(where, reader.place() + ": " + JsonLimits.inWords(e), e);
            } catch (StreamReadException e) {
                throw new BadInputException(where, "malformed JSON at " + at(e.getLocation()) + " (in " + path(parser)
                        + "): " + InputFiles.oneLine(e.getOriginalMessage()), e);
            }
        }
    }

    /** UTF-8 goes to Jackson as bytes (its fastest path); anything else as characters. */
    static JsonParser createParser(InputFiles.Opened in) throws IOException {
        return in.isUtf8() ? FACTORY.createParser(in.stream()) : FACTORY.createParser(in.reader());
    }

    /** Line and column, packed: the high 32 bits the line, the low 32 the column. */
    @Override
    public long mark() {
        JsonLocation loc = p.currentLocation();
        return ((long) loc.getLineNr() << 32) | (loc.getColumnNr() & 0xFFFF_FFFFL);
    }

    @Override
    public String describe(long mark) {
        return "line " + (int) (mark >> 32) + ", column " + (int) mark;
    }

    private String position() {
        return at(p.currentLocation());
    }

    /** Where the parser is, for a person: "row 12, field properties (line 13, column 40)". */
    private String place() {
        String pointer = path(p);
        String field = rowField(pointer);
        return "row " + (rows.rowNumber() + 1) + (field != null ? ", field " + field
                : ", at " + (pointer.length() > 60 ? pointer.substring(0, 60) + "…" : pointer)) + " (" + position() + ")";
    }

    /** The row's own field the pointer is in ("/0/properties/3/0" → properties); null for positional rows. */
    private static String rowField(String pointer) {
        String[] parts = pointer.split("/");
        for (int i = 1; i < parts.length; i++) {
            boolean afterIndex = parts[i - 1].matches("\\d+");
            if (afterIndex && !parts[i].matches("\\d+") && !List.of("rows", "columns", "tables", "records")
                    .contains(parts[i])) {
                return parts[i].replace("~1", "/").replace("~0", "~");
            }
        }
        return null;
    }

    private static String at(JsonLocation loc) {
        return loc == null ? "unknown position" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String path(JsonParser parser) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "the top level" : pointer;
    }

    private RowCollector.Result readRoot() throws IOException, BadInputException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_ARRAY) {
            readArrayOfRows();
        } else if (t == JsonToken.START_OBJECT) {
            readRootObject();
        } else {
            throw new BadInputException(where, "is a single JSON " + kind(t) + ", not connection logs");
        }
        return new RowCollector.Result(format, warnings);
    }

    // ---- root array: az monitor log-analytics query output ----

    private void readArrayOfRows() throws IOException, BadInputException {
        format = LogFormat.CLI_JSON_ARRAY;
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            expectEnd("the JSON array");
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new BadInputException(where, "is a JSON array of " + kind(t) + " values, not of row objects");
        }
        // The first element decides whether this is an array of rows at all.
        JsonNode first = MAPPER.readTree(p);
        if (!looksLikeRow(first)) {
            ArrayNode sketch = JsonNodeFactory.instance.arrayNode().add(first);
            throw new BadInputException(where, "is not connection logs: it is " + JsonShape.describe(sketch)
                    + "; rows need TimeGenerated, OperationName and properties_s or DeviceId");
        }
        rowFromTree(first);
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            readRowObject();
        }
        if (t != JsonToken.END_ARRAY) {
            throw new BadInputException(where, "element " + (rows.rowNumber() + 1) + " of the JSON array is "
                    + aKind(t) + ", not a row object (at "
                    + position() + ")");
        }
        expectEnd("the JSON array");
    }

    private static boolean looksLikeRow(JsonNode o) {
        boolean time = false;
        boolean op = false;
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            LogField f = LogField.forName(it.next());
            time |= f == LogField.TIME;
            op |= f == LogField.OPERATION;
        }
        return time && op;
    }

    // ---- root object: Log Analytics response, records, REST example wrapper, error, or a first row ----

    private void readRootObject() throws IOException, BadInputException {
        ObjectNode sketch = JsonNodeFactory.instance.objectNode();
        boolean handled = readResponseObject(sketch);
        if (handled) {
            expectEnd("the JSON object");
            return;
        }
        if (rows.has(LogField.TIME) || rows.has(LogField.OPERATION)) {
            // A row object at the top level: resource-log records (or rows) one JSON object after another.
            format = LogFormat.RESOURCE_LOG_LINES;
            rows.finish();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                readRowObject();
            }
            if (t != null) {
                throw new BadInputException(where, "holds JSON objects one after another, then " + aKind(t)
                        + " at " + position() + ": expected one object per record");
            }
            return;
        }
        throw new BadInputException(where, "is not connection logs: it is " + JsonShape.describe(sketch));
    }

    /**
     * Reads an object (the parser is on its START_OBJECT) that may be a query response, a records wrapper, a REST
     * example wrapper or a first row. Row fields go into the assembler; everything else into {@code sketch}.
     *
     * @return true when it held tables or records (rows were read from them)
     */
    private boolean readResponseObject(ObjectNode sketch) throws IOException, BadInputException {
        boolean handled = false;
        JsonNode error = null;
        rows.reset();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "tables" -> {
                    readTables(t);
                    handled = true;
                }
                case "records" -> {
                    readRecords(t);
                    handled = true;
                }
                case "responses" -> handled |= readRestExample(t, sketch);
                case "error" -> {
                    error = MAPPER.readTree(p);
                    sketch.set("error", error);
                }
                default -> {
                    Object f = fieldFor(name);
                    if (f instanceof LogField field) {
                        if (field == LogField.PROPERTIES && t == JsonToken.START_OBJECT) {
                            JsonNode props = MAPPER.readTree(p);
                            sketch.set(name, props);
                            propertiesFromTree(props);
                        } else {
                            setValue(field, name, t);
                            if (t.isScalarValue()) {
                                sketch.put(name, p.getText());
                            }
                        }
                    } else {
                        sketchValue(sketch, name, t);
                    }
                }
            }
        }
        if (error != null && error.isObject()) {
            if (handled) {
                warnings.add("the query result is partial: " + JsonShape.errorText(error));
            } else {
                throw new BadInputException(where, "is an error response, not query results: "
                        + JsonShape.errorText(error));
            }
        }
        return handled;
    }

    /** {@code "responses": {"200": {"body": {...}}}} of an Azure REST API example file. */
    private boolean readRestExample(JsonToken t, ObjectNode sketch) throws IOException, BadInputException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return false;
        }
        boolean handled = false;
        String status;
        while ((status = p.nextFieldName()) != null) {
            JsonToken s = p.nextToken();
            if (!status.startsWith("2") || s != JsonToken.START_OBJECT || handled) {
                p.skipChildren();
                continue;
            }
            String key;
            while ((key = p.nextFieldName()) != null) {
                JsonToken b = p.nextToken();
                if (key.equals("body") && b == JsonToken.START_OBJECT && !handled) {
                    ObjectNode bodySketch = JsonNodeFactory.instance.objectNode();
                    handled = readResponseObject(bodySketch);
                    if (!handled) {
                        throw new BadInputException(where, "is a REST API example whose response is not connection"
                                + " logs: it is " + JsonShape.describe(bodySketch));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        sketch.putObject("responses");
        return handled;
    }

    /** Keeps a small picture of an unknown top-level value for {@link JsonShape}: scalars, and first elements. */
    private void sketchValue(ObjectNode sketch, String name, JsonToken t) throws IOException {
        if (t.isScalarValue()) {
            sketch.put(name, p.getText());
        } else if (t == JsonToken.START_OBJECT) {
            if (name.equals("data") || name.equals("properties")) {
                sketch.set(name, (JsonNode) MAPPER.readTree(p));
            } else {
                p.skipChildren();
                sketch.putObject(name);
            }
        } else if (t == JsonToken.START_ARRAY) {
            ArrayNode array = sketch.putArray(name);
            JsonToken e = p.nextToken();
            if (e != JsonToken.END_ARRAY) {
                array.add((JsonNode) MAPPER.readTree(p));
                while (p.currentToken() != JsonToken.END_ARRAY) {
                    if (p.nextToken().isStructStart()) {
                        p.skipChildren();
                    }
                }
            }
        }
    }

    // ---- Log Analytics tables ----

    private void readTables(JsonToken t) throws IOException, BadInputException {
        format = LogFormat.LOG_ANALYTICS_RESPONSE;
        if (t != JsonToken.START_ARRAY) {
            throw new BadInputException(where, "is a Log Analytics response whose \"tables\" is not an array");
        }
        boolean used = false;
        int tableCount = 0;
        String firstRefusal = null;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            tableCount++;
            String tableName = "#" + tableCount;
            List<String> columns = null;
            LogField[] fields = null;
            JsonNode bufferedRows = null;
            String key;
            while ((key = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                switch (key) {
                    case "name" -> tableName = p.getValueAsString(tableName);
                    case "columns" -> {
                        columns = readColumnNames(v);
                        fields = LogColumns.fieldsOf(columns);
                    }
                    case "rows" -> {
                        if (used || v != JsonToken.START_ARRAY) {
                            p.skipChildren();
                        } else if (fields == null) {
                            // Rows before columns (never seen from the service): keep them until the columns come.
                            bufferedRows = MAPPER.readTree(p);
                        } else if (LogColumns.missingColumns(fields).isEmpty()) {
                            readTableRows(fields, columns);
                            used = true;
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (!used && bufferedRows != null && fields != null && LogColumns.missingColumns(fields).isEmpty()) {
                readBufferedRows(bufferedRows, fields, columns);
                used = true;
            }
            if (!used && firstRefusal == null) {
                firstRefusal = columns == null
                        ? "table " + tableName + " has no columns"
                        : "table " + tableName + " lacks the columns connection logs need: missing "
                        + String.join(", ", LogColumns.missingColumns(fields)) + " (it has " + LogColumns.listed(columns) + ")";
            }
        }
        if (t != JsonToken.END_ARRAY) {
            throw new BadInputException(where, "is a Log Analytics response whose \"tables\" holds "
                    + aKind(t) + " where a table object belongs (" + position() + ")");
        }
        if (!used) {
            throw new BadInputException(where, tableCount == 0
                    ? "is a Log Analytics response without any table"
                    : "is a Log Analytics response but not connection logs: " + firstRefusal);
        }
    }

    private List<String> readColumnNames(JsonToken t) throws IOException, BadInputException {
        if (t != JsonToken.START_ARRAY) {
            throw new BadInputException(where, "is a Log Analytics response whose \"columns\" is not an array");
        }
        List<String> names = new ArrayList<>();
        JsonNode columns = MAPPER.readTree(p);
        for (JsonNode c : columns) {
            names.add(c.isTextual() ? c.asText() : c.path("name").asText(c.path("ColumnName").asText("")));
        }
        return names;
    }

    private void readTableRows(LogField[] fields, List<String> columns) throws IOException, BadInputException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            rows.reset();
            int c = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new JsonEOFException(p, null, "end of input inside a row");
                }
                LogField f = c < fields.length ? fields[c] : null;
                if (f == null) {
                    if (t.isStructStart()) {
                        p.skipChildren();
                    }
                } else {
                    setValue(f, columns.get(c), t);
                }
                c++;
            }
            rows.finish();
        }
        if (t != JsonToken.END_ARRAY) {
            throw new BadInputException(where, "row " + (rows.rowNumber() + 1) + " of the Log Analytics table is "
                    + aKind(t) + ", not an array (at "
                    + position() + ")");
        }
    }

    private void readBufferedRows(JsonNode buffered, LogField[] fields, List<String> columns)
            throws BadInputException {
        for (JsonNode row : buffered) {
            rows.reset();
            for (int c = 0; c < row.size() && c < fields.length; c++) {
                if (fields[c] != null) {
                    setFromTree(fields[c], columns.get(c), row.get(c));
                }
            }
            rows.finish();
        }
    }

    // ---- records and row objects ----

    private void readRecords(JsonToken t) throws IOException, BadInputException {
        format = LogFormat.RESOURCE_LOG_RECORDS;
        if (t != JsonToken.START_ARRAY) {
            throw new BadInputException(where, "is a resource-log file whose \"records\" is not an array");
        }
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            readRowObject();
        }
        if (t != JsonToken.END_ARRAY) {
            throw new BadInputException(where, "record " + (rows.rowNumber() + 1) + " is "
                    + aKind(t) + ", not an object (at "
                    + position() + ")");
        }
    }

    /** One row object; the parser is on its START_OBJECT. The hot path of the object formats. */
    private void readRowObject() throws IOException, BadInputException {
        rows.reset();
        int position = 0;
        while (true) {
            // Rows repeat their keys in the same order: expecting the previous row's key at each position lets
            // Jackson match it as raw bytes, without decoding, hashing and looking the name up.
            Object f;
            String name;
            SerializedString expected = position < POSITIONS ? positionNames[position] : null;
            if (expected != null && p.nextFieldName(expected)) {
                f = positionFields[position];
                name = expected.getValue();
            } else {
                JsonToken k = expected != null ? p.currentToken() : p.nextToken();
                if (k != JsonToken.FIELD_NAME) {
                    break; // END_OBJECT
                }
                name = p.currentName();
                f = fieldFor(name);
                if (position < POSITIONS) {
                    positionNames[position] = new SerializedString(name);
                    positionFields[position] = f;
                }
            }
            position++;
            JsonToken t = p.nextToken();
            if (f == UNKNOWN) {
                if (t.isStructStart()) {
                    p.skipChildren();
                }
                continue;
            }
            LogField field = (LogField) f;
            if (field == LogField.PROPERTIES && t == JsonToken.START_OBJECT) {
                readPropertiesObject();
            } else {
                setValue(field, name, t);
            }
        }
        rows.finish();
    }

    private void rowFromTree(JsonNode o) throws BadInputException {
        rows.reset();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            LogField f = LogField.forName(e.getKey());
            if (f == LogField.PROPERTIES && e.getValue().isObject()) {
                propertiesFromTree(e.getValue());
            } else if (f != null) {
                setFromTree(f, e.getKey(), e.getValue());
            }
        }
        rows.finish();
    }

    private void setValue(LogField field, String name, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                // Handed over as characters from Jackson's buffer: the assembler decides what becomes a String.
                rows.set(field, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                if (field == LogField.TIME) {
                    rows.timeName(name);
                }
            }
            case START_OBJECT, START_ARRAY -> rows.set(field, MAPPER.readTree(p).toString());
            default -> {
                // null: absent
            }
        }
    }

    private void setFromTree(LogField field, String name, JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return;
        }
        rows.set(field, v.isValueNode() ? v.asText() : v.toString());
        if (field == LogField.TIME) {
            rows.timeName(name);
        }
    }

    /** {@code properties} as a JSON object (a {@code dynamic} column, or a record whose properties are not text). */
    private void readPropertiesObject() throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            Object f = propertyFieldFor(name);
            if (f == UNKNOWN) {
                if (t.isStructStart()) {
                    p.skipChildren();
                }
                continue;
            }
            LogField field = (LogField) f;
            if (t.isStructStart()) {
                String json = MAPPER.readTree(p).toString();
                rows.setProperty(field, field == LogField.AUTH_TYPE ? PropertiesScanner.reduceAuthType(json) : json);
            } else if (t != JsonToken.VALUE_NULL) {
                String text = p.getText();
                rows.setProperty(field, field == LogField.AUTH_TYPE ? PropertiesScanner.reduceAuthType(text) : text);
            }
        }
    }

    private void propertiesFromTree(JsonNode props) {
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Object f = propertyFieldFor(e.getKey());
            JsonNode v = e.getValue();
            if (f == UNKNOWN || v.isNull()) {
                continue;
            }
            LogField field = (LogField) f;
            String text = v.isValueNode() ? v.asText() : v.toString();
            rows.setProperty(field, field == LogField.AUTH_TYPE ? PropertiesScanner.reduceAuthType(text) : text);
        }
    }

    // ---- helpers ----

    private Object fieldFor(String name) {
        Object f = keyCache.get(name);
        if (f == null) {
            LogField field = LogField.forName(name);
            f = field == null ? UNKNOWN : field;
            if (keyCache.size() < KEY_CACHE_LIMIT) {
                keyCache.put(name, f);
            }
        }
        return f;
    }

    private Object propertyFieldFor(String name) {
        Object f = propertyKeyCache.get(name);
        if (f == null) {
            LogField field = LogField.forName(name);
            boolean isProperty = field != null && field.ordinal() >= LogField.DEVICE_ID.ordinal();
            f = isProperty ? field : UNKNOWN;
            if (propertyKeyCache.size() < KEY_CACHE_LIMIT) {
                propertyKeyCache.put(name, f);
            }
        }
        return f;
    }

    /** "a string", "an object", "null", ... for messages. */
    private static String aKind(JsonToken t) {
        String k = kind(t);
        return k.startsWith("nothing") || k.equals("null") ? k : (k.matches("[aeiou].*") ? "an " : "a ") + k;
    }

    /** "string", "object", ... for messages. */
    private static String kind(JsonToken t) {
        if (t == null) {
            return "nothing (end of file)";
        }
        return switch (t) {
            case START_OBJECT, END_OBJECT -> "object";
            case START_ARRAY, END_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    private void expectEnd(String what) throws IOException, BadInputException {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw new BadInputException(where, "has more content after " + what + " ("
                    + kind(t) + " at " + position() + ")");
        }
    }
}
