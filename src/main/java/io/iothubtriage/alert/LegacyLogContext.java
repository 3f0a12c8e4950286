package io.iothubtriage.alert;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Legacy log search alerts (monitoringService {@code Log Analytics} / {@code Application Insights}):
 * {@code Threshold} a number, {@code Operator} with a space ({@code "Less Than"}), {@code AlertType},
 * {@code ResultCount}, {@code Dimensions}, and up to 256 KB of {@code SearchResults} whose
 * {@code _ResourceId}-style columns may name the hub.
 */
final class LegacyLogContext {
    /** Bounds on the embedded search results scanned for resource ids. */
    static final int MAX_TABLES = 10;
    static final int MAX_ROWS = 1000;

    private LegacyLogContext() {
    }

    static ContextFacts read(Field context) throws BadInputException {
        List<ResourceRef> refs = new ArrayList<>(Dimensions.resourceRefs(context.get("Dimensions"), false));
        refs.addAll(searchResultRefs(context.get("SearchResults")));

        String operator = context.get("Operator").textOrEmpty().replace(" ", "");
        OptionalDouble threshold = context.get("Threshold").number();
        Optional<MetricCondition> metric = Optional.empty();
        if (!operator.isEmpty() || threshold.isPresent()) {
            boolean countOfResults = context.get("AlertType").textOrEmpty().toLowerCase(Locale.ROOT)
                    .startsWith("number of results");
            OptionalDouble value = countOfResults ? context.get("ResultCount").number() : OptionalDouble.empty();
            metric = Optional.of(new MetricCondition("", operator, "", threshold, value));
        }
        return new ContextFacts(metric, refs, Optional.empty());
    }

    private static List<ResourceRef> searchResultRefs(Field results) throws BadInputException {
        List<ResourceRef> refs = new ArrayList<>();
        Set<String> seen = new HashSet<>(); // result rows repeat the same id; check each once
        List<Field> tables = results.get("tables").elements();
        for (Field table : tables.subList(0, Math.min(tables.size(), MAX_TABLES))) {
            List<Field> columns = table.get("columns").elements();
            List<Integer> idColumns = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String name = columns.get(i).get("name").textOrEmpty().toLowerCase(Locale.ROOT);
                if (Dimensions.RESOURCE_ID_NAMES.contains(name)) {
                    idColumns.add(i);
                }
            }
            if (idColumns.isEmpty()) {
                continue;
            }
            List<Field> rows = table.get("rows").elements();
            for (Field row : rows.subList(0, Math.min(rows.size(), MAX_ROWS))) {
                for (int i : idColumns) {
                    Field cell = new Field(row.path() + "[" + i + "]", row.node().path(i));
                    if (!cell.node().isContainerNode()) {
                        cell.text().filter(seen::add).ifPresent(id -> refs.add(new ResourceRef(cell.path(), id)));
                    }
                }
            }
        }
        return refs;
    }
}
