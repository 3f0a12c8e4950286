package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    /** Every kind of node the package builds, nested, with text that needs escaping. */
    private static ObjectNode everyKind() {
        ObjectNode o = Json.object();
        o.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 non-ASCII é 😀 </script>");
        o.put("empty", "");
        o.put("int", 42);
        o.put("negative", -7);
        o.put("long", 9_007_199_254_740_991L);
        o.put("double", 0.1);
        o.put("large", 1.0e21);
        o.put("float", 2.5f);
        o.put("bigInteger", new BigInteger("123456789012345678901234567890"));
        o.put("decimal", new BigDecimal("1.50"));
        o.put("true", true);
        o.put("false", false);
        o.putNull("null");
        o.set("emptyObject", Json.object());
        o.set("emptyArray", Json.array());
        ArrayNode a = o.putArray("array");
        a.add(1).add("two").addNull().add(Json.object().put("k", "v")).add(Json.array().add(3.25));
        o.putObject("nested").putObject("deeper").put("x", 1);
        return o;
    }

    @Test
    void writesTheSameTextAsJacksonsMapper() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = everyKind();
        assertThat(Json.compact(tree)).isEqualTo(mapper.writeValueAsString(tree));
        assertThat(Json.pretty(tree)).isEqualTo(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
    }

    @Test
    void whatItWritesReadsBackAsTheSameTree() throws Exception {
        ObjectNode tree = everyKind();
        // Numbers compare by value: 1.50 reads back as a double, 2.5f as 2.5.
        assertThat(Json.read(Json.pretty(tree)).toString()).isEqualTo(Json.read(Json.compact(tree)).toString());
        assertThat(Json.read(Json.compact(tree)).path("text").asText()).isEqualTo(tree.path("text").asText());
        assertThat(Json.read(Json.compact(tree)).path("array").get(3).path("k").asText()).isEqualTo("v");
    }
}
