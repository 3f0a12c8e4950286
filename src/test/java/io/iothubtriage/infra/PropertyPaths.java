package io.iothubtriage.infra;

import io.iothubtriage.infra.BicepFile.Resource;
import io.iothubtriage.infra.BicepValue.Arr;
import io.iothubtriage.infra.BicepValue.Expr;
import io.iothubtriage.infra.BicepValue.Obj;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The property paths a resource body writes, e.g. {@code properties.criteria.allOf[].metricName}, with the literal
 * string values written at each path (for enum checks). Object and array literals inside expressions (the branches
 * of a ternary, the arguments of union(...)) count at the path of the expression. Bicep's own keys (scope, parent,
 * dependsOn) are not resource properties; dictionaries (tags, and paths the fact table names) are not descended.
 */
final class PropertyPaths {
    static final Set<String> BICEP_KEYS = Set.of("scope", "parent", "dependsOn");

    private PropertyPaths() {}

    /** Path to the literal strings written there (empty set when only computed values are written). */
    static Map<String, Set<String>> of(Resource r, Set<String> dictionaries) {
        Map<String, Set<String>> out = new TreeMap<>();
        r.body().entries().forEach((key, value) -> {
            if (!BICEP_KEYS.contains(key)) {
                walk(key, value, dictionaries, out);
            }
        });
        return out;
    }

    private static void walk(String path, BicepValue value, Set<String> dictionaries, Map<String, Set<String>> out) {
        Set<String> literals = out.computeIfAbsent(path, p -> new TreeSet<>());
        if (dictionaries.contains(path)) {
            return;
        }
        if (value instanceof Obj o) {
            o.entries().forEach((k, v) -> walk(path + "." + k, v, dictionaries, out));
        } else if (value instanceof Arr a) {
            a.items().forEach(item -> walk(path + "[]", item, dictionaries, out));
        } else if (value instanceof Expr e) {
            for (Object atom : e.atoms()) {
                if (atom instanceof BicepValue nested && (nested instanceof Obj || nested instanceof Arr)) {
                    if (nested instanceof Obj o) {
                        o.entries().forEach((k, v) -> walk(path + "." + k, v, dictionaries, out));
                    } else {
                        ((Arr) nested).items().forEach(item -> walk(path + "[]", item, dictionaries, out));
                    }
                }
            }
        } else {
            value.literalText().ifPresent(literals::add);
        }
    }
}
