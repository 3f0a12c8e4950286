package io.iothubtriage.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every resource's type@apiVersion, every property path it writes and every literal value it writes where the type
 * has a list of allowed values are in the pinned fact table (src/test/resources/infra/resource-types.json, written
 * from the public type definitions), so an API-version bump, a misspelt property or a wrong enum value fails here.
 */
class ResourceTypeFactsTest {
    private static InfraProject infra;
    private static JsonNode facts;

    @BeforeAll
    static void load() throws IOException {
        infra = InfraProject.load(Path.of("").toAbsolutePath());
        try (InputStream in = ResourceTypeFactsTest.class.getResourceAsStream("/infra/resource-types.json")) {
            facts = new ObjectMapper().readTree(in).path("types");
        }
    }

    static List<String> violations(InfraProject p, JsonNode facts) {
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (BicepFile f : p.bicepFiles().values()) {
            for (BicepFile.Resource r : f.resources()) {
                String key = r.type() + "@" + r.apiVersion();
                JsonNode fact = facts.path(key);
                String where = f.path() + ":" + r.line() + ": " + r.symbol() + " ";
                if (fact.isMissingNode()) {
                    out.add(where + key + " is not in the fact table; check the type definition, then add it");
                    continue;
                }
                Set<String> known = new HashSet<>();
                fact.path("properties").forEach(n -> known.add(n.asText()));
                Set<String> dictionaries = r.type().equals("Microsoft.Web/sites/config") ? Set.of("tags", "properties") : Set.of("tags");
                for (Map.Entry<String, Set<String>> path : PropertyPaths.of(r, dictionaries).entrySet()) {
                    if (r.existing() && !path.getKey().equals("name")) {
                        continue;
                    }
                    used.add(key + " " + path.getKey());
                    if (!known.contains(path.getKey())) {
                        out.add(where + key + " has no property " + path.getKey());
                        continue;
                    }
                    JsonNode allowed = fact.path("enums").path(path.getKey());
                    if (allowed.isMissingNode()) {
                        continue;
                    }
                    Set<String> values = new HashSet<>();
                    allowed.forEach(n -> values.add(n.asText()));
                    for (String literal : path.getValue()) {
                        if (!values.contains(literal)) {
                            out.add(where + key + " " + path.getKey() + " = '" + literal + "' is not one of " + values);
                        }
                    }
                }
            }
        }
        facts.fields().forEachRemaining(type -> type.getValue().path("properties").forEach(prop -> {
            if (!used.contains(type.getKey() + " " + prop.asText())) {
                out.add("resource-types.json: " + type.getKey() + " " + prop.asText() + " is not used by any template (stale fact)");
            }
        }));
        return out;
    }

    private static void reports(InfraProject mutated, String expected) {
        assertThat(violations(mutated, facts)).anySatisfy(v -> assertThat(v).contains(expected));
    }

    @Test
    void everyResourceTypeAndPropertyIsAPinnedFact() {
        assertThat(violations(infra, facts)).isEmpty();
        assertThat(facts.size()).isEqualTo(23);
        facts.forEach(f -> assertThat(f.path("source").asText()).startsWith("Azure/bicep-types-az@"));
    }

    @Test
    void anApiVersionBumpFails() {
        InfraProject bumped = infra.replacing("infra/app/hub-alerts.bicep", "scheduledQueryRules@2023-12-01", "scheduledQueryRules@2024-01-01-preview");
        reports(bumped, "Microsoft.Insights/scheduledQueryRules@2024-01-01-preview is not in the fact table");
    }

    @Test
    void aMisspeltPropertyFails() {
        InfraProject typo = infra.replacing("infra/app/hub-alerts.bicep", "skipQueryValidation: true", "skipQueryValidaton: true");
        reports(typo, "has no property properties.skipQueryValidaton");
    }

    @Test
    void aWrongEnumValueFails() {
        InfraProject wrong = infra.replacing("infra/app/hub-alerts.bicep", "operator: 'LessThan'", "operator: 'Below'");
        reports(wrong, "properties.criteria.allOf[].operator = 'Below' is not one of");
    }

    @Test
    void aPropertyInsideATernaryBranchCounts() {
        InfraProject wrong = infra.replacing("infra/app/health-alerts.bicep", "        phoneNumber: opsAlertSmsNumber", "        phone: opsAlertSmsNumber");
        reports(wrong, "has no property properties.smsReceivers[].phone");
    }
}
