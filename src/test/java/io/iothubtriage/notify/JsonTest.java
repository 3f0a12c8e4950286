package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    /** Every kind of value the package builds, nested, with text that needs escaping. */
    private static JsonObject everyKind() {
        JsonObject o = Json.object();
        o.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 non-ASCII é 😀 </script>");
        o.put("empty", "");
        o.put("int", 42);
        o.put("negative", -7);
        o.put("long", 9_007_199_254_740_991L);
        o.put("double", 0.1);
        o.put("large", 1.0e21);
        o.put("true", true);
        o.put("false", false);
        o.putNull("null");
        o.set("emptyObject", Json.object());
        o.set("emptyArray", Json.array());
        JsonArray a = o.putArray("array");
        a.add(1).add("two").addNull().add(Json.object().put("k", "v")).add(Json.array().add(3.25));
        o.putObject("nested").putObject("deeper").put("x", 1);
        return o;
    }

    @Test
    void writesTheSameTextAsJacksonsMapper() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonObject tree = everyKind();
        JsonNode jackson = JsonWriterTest.jackson(tree);
        assertThat(Json.compact(tree)).isEqualTo(mapper.writeValueAsString(jackson));
        assertThat(Json.pretty(tree)).isEqualTo(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(jackson));
    }

    @Test
    void whatItWritesReadsBackAsTheSameTree() throws Exception {
        JsonObject tree = everyKind();
        assertThat(Json.read(Json.pretty(tree)).toString()).isEqualTo(Json.read(Json.compact(tree)).toString());
        assertThat(Json.read(Json.compact(tree)).path("text").asText()).isEqualTo(tree.get("text"));
        assertThat(Json.read(Json.compact(tree)).path("array").get(3).path("k").asText()).isEqualTo("v");
    }

    @Test
    void aFieldPutAgainKeepsItsPlaceAndARemovedOneGoes() {
        JsonObject o = Json.object().put("a", 1).put("b", "x").put("c", true);
        o.put("a", "again");
        o.putNull("b");
        assertThat(Json.compact(o)).isEqualTo("{\"a\":\"again\",\"b\":null,\"c\":true}");
        assertThat(o.remove("a")).isEqualTo("again");
        assertThat(o.remove("missing")).isNull();
        o.put("a", 2);
        assertThat(Json.compact(o)).isEqualTo("{\"b\":null,\"c\":true,\"a\":2}");
        assertThat(o.has("b")).isTrue();
        assertThat(o.get("b")).isNull();
        assertThat(o.names()).containsExactly("b", "c", "a");
        // a null String is JSON null, as Jackson's put(String, String) makes it
        assertThat(Json.compact(Json.object().put("s", (String) null))).isEqualTo("{\"s\":null}");
    }

    @Test
    void aDeepCopyIsIndependentOfItsOriginal() {
        JsonObject original = everyKind();
        JsonObject copy = original.deepCopy();
        assertThat(copy).isEqualTo(original);
        copy.array("array").insert(0, Json.object().put("first", true));
        copy.object("nested").object("deeper").put("x", 2);
        assertThat(Json.compact(original)).isEqualTo(Json.compact(everyKind()));
        assertThat(copy).isNotEqualTo(original);
    }

    @Test
    void numbersWholeAsIntegersAndAbsentValuesAsNull() {
        JsonObject o = Json.object();
        Json.putNumber(o, "whole", 900.0);
        Json.putNumber(o, "decimal", 12.5);
        Json.putNumber(o, "nan", Double.NaN);
        Json.putNumber(o, "absent", OptionalDouble.empty());
        Json.putInstant(o, "at", Optional.of(Instant.parse("2026-11-26T10:41:00Z")));
        Json.putInstant(o, "never", Optional.empty());
        Json.putText(o, "blank", "");
        assertThat(Json.compact(o)).isEqualTo("{\"whole\":900,\"decimal\":12.5,\"nan\":null,\"absent\":null,"
                + "\"at\":\"2026-11-26T10:41:00Z\",\"never\":null,\"blank\":null}");
    }
}
