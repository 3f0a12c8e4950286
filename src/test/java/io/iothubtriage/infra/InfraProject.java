package io.iothubtriage.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The deployment as text: every .bicep file under infra/ (parsed), azure.yaml, infra/main.parameters.json,
 * the hook scripts and pom.xml's functionAppName. Files can be swapped in memory to prove a check fails.
 */
final class InfraProject {
    static final String MAIN = "infra/main.bicep";
    static final String WIRING = "infra/wiring/main.bicep";
    static final String PARAMETERS = "infra/main.parameters.json";
    static final String AZURE_YAML = "azure.yaml";
    static final String HOST_JSON = "host.json";
    static final String DEPLOY_DOC = "docs/deploy.md";
    static final String HEALTH_QUERIES = "infra/app/health-alerts.json";

    private final Map<String, String> sources;
    private final Map<String, BicepFile> bicep = new LinkedHashMap<>();

    private InfraProject(Map<String, String> sources) {
        this.sources = Map.copyOf(sources);
        sources.keySet().stream().filter(p -> p.endsWith(".bicep")).sorted()
                .forEach(p -> bicep.put(p, BicepParser.parse(p, sources.get(p))));
    }

    /** Reads the deployment files under a repository root. */
    static InfraProject load(Path root) {
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root.resolve("infra"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.contains("/node_modules/")) {
                    continue;
                }
                if (rel.endsWith(".bicep") || rel.endsWith(".json") || rel.endsWith(".sh") || rel.endsWith(".ps1")) {
                    sources.put(rel, Files.readString(p));
                }
            }
            try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
                for (Path doc : docs.filter(d -> d.toString().endsWith(".md")).toList()) {
                    sources.put("docs/" + doc.getFileName(), Files.readString(doc));
                }
            }
            for (String top : List.of(AZURE_YAML, "pom.xml", HOST_JSON)) {
                if (Files.exists(root.resolve(top))) {
                    sources.put(top, Files.readString(root.resolve(top)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new InfraProject(sources);
    }

    /** A copy with one file's text replaced (or added). */
    InfraProject with(String path, String text) {
        Map<String, String> changed = new LinkedHashMap<>(sources);
        changed.put(path, text);
        return new InfraProject(changed);
    }

    /** A copy with {@code from} replaced by {@code to} in one file; fails if {@code from} isn't there. */
    InfraProject replacing(String path, String from, String to) {
        String text = source(path);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(path + " does not contain: " + from);
        }
        return with(path, text.replace(from, to));
    }

    String source(String path) {
        String text = sources.get(path);
        if (text == null) {
            throw new IllegalArgumentException("no file " + path);
        }
        return text;
    }

    Optional<String> optionalSource(String path) {
        return Optional.ofNullable(sources.get(path));
    }

    Map<String, String> sources() {
        return sources;
    }

    Map<String, BicepFile> bicepFiles() {
        return bicep;
    }

    BicepFile file(String path) {
        BicepFile f = bicep.get(path);
        if (f == null) {
            throw new IllegalArgumentException("no Bicep file " + path);
        }
        return f;
    }

    Map<String, String> azureYaml() {
        return SimpleYaml.flatten(AZURE_YAML, source(AZURE_YAML));
    }

    JsonNode mainParameters() {
        return json(PARAMETERS).path("parameters");
    }

    JsonNode json(String path) {
        try {
            return new ObjectMapper().readTree(source(path));
        } catch (IOException e) {
            throw new IllegalStateException(path + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The hook scripts under infra/scripts, by path. */
    Map<String, String> hookScripts() {
        Map<String, String> out = new java.util.TreeMap<>();
        sources.forEach((path, text) -> {
            if (path.startsWith("infra/scripts/") && (path.endsWith(".sh") || path.endsWith(".ps1"))) {
                out.put(path, text);
            }
        });
        return out;
    }

    Optional<String> pomFunctionAppName() {
        return optionalSource("pom.xml").flatMap(pom -> {
            int start = pom.indexOf("<functionAppName>");
            int end = pom.indexOf("</functionAppName>");
            return start < 0 || end < start ? Optional.empty()
                    : Optional.of(pom.substring(start + "<functionAppName>".length(), end).strip());
        });
    }

    /** Path of a module file relative to the repository root, or empty for registry references. */
    Optional<String> resolveModule(String fromFile, String modulePath) {
        if (modulePath.startsWith("br:") || modulePath.startsWith("br/") || modulePath.startsWith("ts:")
                || modulePath.startsWith("ts/")) {
            return Optional.empty();
        }
        Path base = Path.of(fromFile).getParent();
        String resolved = base.resolve(modulePath).normalize().toString().replace('\\', '/');
        return Optional.of(resolved);
    }

    /** Every place a file is used as a module: (calling file, module declaration). */
    List<Map.Entry<BicepFile, BicepFile.Module>> callersOf(String path) {
        List<Map.Entry<BicepFile, BicepFile.Module>> out = new ArrayList<>();
        for (BicepFile f : bicep.values()) {
            for (BicepFile.Module m : f.modules()) {
                if (resolveModule(f.path(), m.path()).filter(path::equals).isPresent()) {
                    out.add(Map.entry(f, m));
                }
            }
        }
        return out;
    }

    /**
     * The literal a value comes down to: a string/number/bool literal, or an identifier that names a var with a
     * literal value, or a param with a literal default, or a module param whose every caller passes such a value.
     */
    Optional<String> literalOf(BicepFile file, BicepValue value) {
        return literalOf(file, value, 0);
    }

    private Optional<String> literalOf(BicepFile file, BicepValue value, int depth) {
        if (depth > 10) {
            return Optional.empty();
        }
        Optional<String> direct = value.literalText();
        if (direct.isPresent()) {
            return direct;
        }
        if (!(value instanceof BicepValue.Expr e) || e.singleIdentifier().isEmpty()) {
            return Optional.empty();
        }
        String id = e.singleIdentifier().get();
        if (file.vars().containsKey(id)) {
            return literalOf(file, file.vars().get(id), depth + 1);
        }
        BicepFile.Param param = file.params().get(id);
        if (param == null) {
            return Optional.empty();
        }
        if (param.defaultValue().isPresent()) {
            // A module param with a default may still be overridden by a caller; only trust it when none passes it.
            boolean overridden = callersOf(file.path()).stream().anyMatch(c -> c.getValue().params().containsKey(id));
            if (!overridden) {
                return literalOf(file, param.defaultValue().get(), depth + 1);
            }
        }
        List<Map.Entry<BicepFile, BicepFile.Module>> callers = callersOf(file.path());
        if (callers.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> agreed = Optional.empty();
        for (Map.Entry<BicepFile, BicepFile.Module> caller : callers) {
            BicepValue passed = caller.getValue().params().get(id);
            Optional<String> v;
            if (passed != null) {
                v = literalOf(caller.getKey(), passed, depth + 1);
            } else if (param.defaultValue().isPresent()) {
                v = literalOf(file, param.defaultValue().get(), depth + 1);
            } else {
                return Optional.empty();
            }
            if (v.isEmpty() || agreed.isPresent() && !agreed.get().equals(v.get())) {
                return Optional.empty();
            }
            agreed = v;
        }
        return agreed;
    }
}
