package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JsonWriter} writes exactly what Jackson's mapper writes for the same tree, compact and indented: each tree
 * is built as {@link JsonObject}s and {@link JsonArray}s and copied node for node into Jackson's nodes (a string
 * into a {@code TextNode}, an Integer into an {@code IntNode}, and so on), and both writers' texts must be equal.
 */
class JsonWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static void assertSameAsJackson(Object tree) throws Exception {
        JsonNode jackson = jackson(tree);
        String compact = MAPPER.writeValueAsString(jackson);
        assertThat(JsonWriter.compact(tree)).isEqualTo(compact);
        assertThat(JsonWriter.pretty(tree)).isEqualTo(MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(jackson));
        assertThat(JsonWriter.compactUtf8Length(tree)).isEqualTo(compact.getBytes(StandardCharsets.UTF_8).length);
    }

    /** The same tree as Jackson's nodes, built value by value (not by reading the text under test). */
    static JsonNode jackson(Object value) {
        if (value instanceof JsonObject o) {
            ObjectNode n = NODES.objectNode();
            for (int i = 0; i < o.size(); i++) {
                n.set(o.nameAt(i), jackson(o.valueAt(i)));
            }
            return n;
        }
        if (value instanceof JsonArray a) {
            ArrayNode n = NODES.arrayNode();
            for (int i = 0; i < a.size(); i++) {
                n.add(jackson(a.get(i)));
            }
            return n;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i.intValue());
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l.longValue());
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d.doubleValue());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value == null) {
            return NODES.nullNode();
        }
        throw new AssertionError("not a JSON value: " + value.getClass());
    }

    @Test
    void escapesEveryAsciiCharacterAsJacksonDoes() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        JsonObject tree = Json.object().put("ascii", all.toString());
        assertSameAsJackson(tree);
        assertThat(JsonWriter.compact(tree)).contains("\\u0000", "\\u001F", "\\b", "\\t", "\\n", "\\f", "\\r",
                "\\\"", "\\\\", "/", "\u007F");
    }

    @Test
    void fieldNamesAreEscapedLikeValues() throws Exception {
        assertSameAsJackson(Json.object().put("a \"quoted\"\nname\\\u0007", 1).put("", ""));
    }

    @Test
    void leavesNonAsciiSurrogatesAndScriptEndTagsAsTheyAre() throws Exception {
        JsonObject tree = Json.object()
                .put("text", "é − ✓ 😀 \u2028 \u2029 </script> <!-- &amp;")
                .put("lone high", "a\uD83Db")
                .put("lone low", "a\uDE00b")
                .put("pair at the end", "x\uD83D\uDE00");
        assertSameAsJackson(tree);
        assertThat(JsonWriter.compact(tree)).contains("😀", "</script>");
    }

    @Test
    void numbersOfEveryKindAndTheNonFiniteOnesQuoted() throws Exception {
        JsonObject tree = Json.object()
                .put("zero", 0).put("min int", Integer.MIN_VALUE).put("max long", Long.MAX_VALUE)
                .put("tenth", 0.1).put("huge", 1.0e21).put("tiny", 4.9e-324).put("negative zero", -0.0)
                .put("nan", Double.NaN).put("infinity", Double.NEGATIVE_INFINITY).put("long", 9_007_199_254_740_993L);
        assertSameAsJackson(tree);
        assertThat(JsonWriter.compact(tree)).contains("\"nan\":\"NaN\"", "\"infinity\":\"-Infinity\"",
                "\"tenth\":0.1", "\"huge\":1.0E21", "\"negative zero\":-0.0", "\"long\":9007199254740993");
    }

    @Test
    void emptyAndNestedContainersAreIndentedAsTheDefaultPrettyPrinterDoes() throws Exception {
        JsonObject tree = Json.object();
        tree.set("empty object", Json.object());
        tree.set("empty array", Json.array());
        tree.putArray("objects in an array").add(Json.object().put("a", 1)).add(Json.object())
                .add(Json.array().add(Json.array()).add(Json.object().set("deep", Json.array().add(1).add(true))));
        tree.putObject("o").putObject("p").putObject("q").putNull("r");
        assertSameAsJackson(tree);
        assertSameAsJackson(Json.object());
        assertSameAsJackson(Json.array());
        assertThat(JsonWriter.pretty(Json.array().add(1).add("b"))).isEqualTo("[ 1, \"b\" ]");
    }

    @Test
    void randomTreesOfRandomTextMatchJackson() throws Exception {
        Random random = new Random(20261205);
        for (int i = 0; i < 200; i++) {
            assertSameAsJackson(randomObject(random, 0));
        }
    }

    private static JsonObject randomObject(Random random, int depth) {
        JsonObject o = Json.object();
        int fields = random.nextInt(5);
        for (int f = 0; f < fields; f++) {
            String name = randomText(random);
            switch (depth > 3 ? random.nextInt(6) : random.nextInt(8)) {
                case 0 -> o.put(name, randomText(random));
                case 1 -> o.put(name, random.nextLong());
                case 2 -> o.put(name, random.nextInt());
                case 3 -> o.put(name, random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                case 4 -> o.put(name, random.nextBoolean());
                case 5 -> o.putNull(name);
                case 6 -> o.set(name, randomObject(random, depth + 1));
                default -> {
                    JsonArray a = o.putArray(name);
                    int n = random.nextInt(4);
                    for (int k = 0; k < n; k++) {
                        if (random.nextBoolean()) {
                            a.add(randomObject(random, depth + 1));
                        } else {
                            a.add(randomText(random));
                        }
                    }
                }
            }
        }
        return o;
    }

    /** Mostly ASCII, with control characters, quotes, backslashes, BMP, surrogate pairs and lone surrogates. */
    private static String randomText(Random random) {
        int n = random.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                s.append((char) random.nextInt(0x80));
            } else if (kind < 7) {
                s.append("\"\\/\n".charAt(random.nextInt(4)));
            } else if (kind < 8) {
                s.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
            } else if (kind < 9) {
                s.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
            } else {
                s.append((char) (0xD800 + random.nextInt(0x800)));
            }
        }
        return s.toString();
    }
}
