package io.iothubtriage.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The top-level declarations of one Bicep file, in source order. */
record BicepFile(
        String path,
        Optional<String> targetScope,
        Map<String, Param> params,
        Map<String, BicepValue> vars,
        List<Resource> resources,
        List<Module> modules,
        Map<String, Output> outputs) {

    record Decorator(String name, List<BicepToken> args) {}

    record Param(String name, String type, List<Decorator> decorators, Optional<BicepValue> defaultValue, int line) {
        boolean isSecure() {
            return decorators.stream().anyMatch(d -> d.name().equals("secure"));
        }
    }

    /** {@code [for <item> in <source>: ...]} or {@code [for (<item>, <index>) in <source>: ...]} around a declaration. */
    record Loop(String item, Optional<String> index, BicepValue source, int line) {}

    /**
     * {@code resource <symbol> '<type>@<apiVersion>' [existing] = [if (<condition>)] {body}}, or the same body inside
     * a loop {@code = [for ...: [if (<condition>)] {body}]}.
     */
    record Resource(String symbol, String type, String apiVersion, boolean existing, Optional<BicepValue> condition,
                    BicepValue.Obj body, int line, Optional<Loop> loop) {}

    /** {@code module <symbol> '<path>' = [if (<condition>)] {body}}, or the same inside a loop. */
    record Module(String symbol, String path, Optional<BicepValue> condition, BicepValue.Obj body, int line,
                  Optional<Loop> loop) {
        Map<String, BicepValue> params() {
            return body.at("params").filter(v -> v instanceof BicepValue.Obj)
                    .map(v -> ((BicepValue.Obj) v).entries()).orElse(Map.of());
        }
    }

    record Output(String name, String type, BicepValue value, int line) {}

    Optional<Resource> resource(String symbol) {
        return resources.stream().filter(r -> r.symbol().equals(symbol)).findFirst();
    }

    Optional<Module> module(String symbol) {
        return modules.stream().filter(m -> m.symbol().equals(symbol)).findFirst();
    }

    List<Resource> resourcesOfType(String type) {
        return resources.stream().filter(r -> r.type().equalsIgnoreCase(type)).toList();
    }
}
