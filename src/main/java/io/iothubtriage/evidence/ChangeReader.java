package io.iothubtriage.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.TriageRequest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads exported change history ({@code --changes}), each file detected from its content:
 * <ul>
 *   <li>{@code az monitor activity-log list} output: a JSON array of Activity Log events; or the REST page
 *       {@code {"value":[…]}} (also inside an Azure REST API example file);</li>
 *   <li>{@code az graph query} output over {@code resourcechanges}: {@code {"count":…, "data":[…]}} (Azure CLI
 *       2.x with the resource-graph extension), the older plain array of rows, or the REST response
 *       {@code {"totalRecords":…, "data":[…]}}; {@code Microsoft.Resources/changes} lists ({@code {"value":[…]}}) and a
 *       single change's properties are read the same way.</li>
 * </ul>
 * Anything else (a Resource Graph result of another table, a log export, a metrics response) is refused with one
 * line naming the file. Changes of other resources than the hub, its children and its {@link RelatedResources}
 * (a private endpoint its connections name, a DPS in its resource group linked to it), and changes outside
 * [window start − {@link ChangeEvidenceSource#LEAD}, window end], are set aside; a file that held changes but none
 * for the hub in that range is a gap, so a wrong export is not mistaken for "nothing changed".
 */
public final class ChangeReader {

    private ChangeReader() {
    }

    public static Fetched<ChangeEvidence> read(List<Path> files, TriageRequest request) throws BadInputException {
        List<ChangeEvent> activity = new ArrayList<>();
        List<ChangeEvent> graph = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        Instant from = request.window().start().minus(ChangeEvidenceSource.LEAD);
        Instant to = request.window().end();
        List<List<ChangeEvent>> perFile = new ArrayList<>();
        List<ChangeEvent> all = new ArrayList<>();
        for (Path file : files) {
            List<ChangeEvent> read = readFile(InputFiles.where(file), JsonDocuments.read(file));
            perFile.add(read);
            all.addAll(read);
        }
        // The hub's own changes, in any of the files, say which other resources are related (its private endpoints).
        RelatedResources related = RelatedResources.of(request.hub(), all);
        for (int i = 0; i < files.size(); i++) {
            List<ChangeEvent> read = perFile.get(i);
            List<ChangeEvent> kept = read.stream().filter(e -> (ChangeRecords.concerns(e, request.hub())
                    || related.concerns(e)) && !e.time().isBefore(from) && !e.time().isAfter(to)).toList();
            if (!read.isEmpty() && kept.isEmpty()) {
                gaps.add(new Gap(Gap.CHANGES, files.get(i).getFileName() + " holds " + read.size() + " change"
                        + (read.size() == 1 ? "" : "s") + ", none of " + request.hub().name() + " in "
                        + Coverage.span(from, to)));
            }
            for (ChangeEvent e : kept) {
                (e.origin() == ChangeEvent.ChangeOrigin.ACTIVITY_LOG ? activity : graph).add(e);
            }
        }
        return new Fetched<>(ChangeEvidence.bounded(ChangeRecords.merge(activity, graph)), gaps);
    }

    /** The changes of one document, or a one-line refusal. */
    static List<ChangeEvent> readFile(String where, JsonNode doc) throws BadInputException {
        List<JsonNode> items;
        if (doc.isArray()) {
            items = list(doc);
        } else if (doc.isObject() && doc.path("data").isArray()) {
            items = list(doc.path("data"));
        } else if (doc.isObject() && doc.path("value").isArray()) {
            items = list(doc.path("value"));
        } else if (ChangeRecords.isResourceChange(doc)) {
            items = List.of(doc);
        } else {
            throw refuse(where, doc);
        }
        if (items.isEmpty()) {
            return List.of();
        }
        JsonNode first = items.get(0);
        try {
            if (ChangeRecords.isActivityLogEvent(first)) {
                for (int i = 0; i < items.size(); i++) {
                    if (!ChangeRecords.isActivityLogEvent(items.get(i))) {
                        throw new BadInputException(where, "item " + i + " is not an Activity Log event (no "
                                + "eventTimestamp), unlike the first");
                    }
                }
                return ChangeRecords.fromActivityLog(items);
            }
            if (ChangeRecords.isResourceChange(first)) {
                List<ChangeEvent> out = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    if (!ChangeRecords.isResourceChange(items.get(i))) {
                        throw new BadInputException(where, "row " + i + " is not a resourcechanges row (no "
                                + "properties.changeAttributes), unlike the first");
                    }
                    out.add(ChangeRecords.fromResourceChange(items.get(i)));
                }
                return out;
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where, e.getMessage());
        }
        throw refuse(where, first);
    }

    private static BadInputException refuse(String where, JsonNode sample) {
        String what = "is neither an Activity Log export (az monitor activity-log list) nor a Resource Graph "
                + "resourcechanges export (az graph query)";
        if (sample.isObject() && sample.has("type") && sample.has("id") && !sample.has("properties")) {
            what += ": its rows look like a Resource Graph query of another table; query resourcechanges";
        } else if (sample.isObject() && sample.has("tables")) {
            what += ": it looks like a Log Analytics response, which belongs to --logs";
        } else if (sample.isObject()) {
            what += ": " + (sample.isEmpty() ? "an empty object" : "fields " + fields(sample));
        } else {
            what += ": " + (sample.isArray() ? "an array of arrays" : "a " + sample.getNodeType().name().toLowerCase()
                    + " value");
        }
        return new BadInputException(where, what);
    }

    private static String fields(JsonNode o) {
        Set<String> names = new TreeSet<>();
        Iterator<String> it = o.fieldNames();
        while (it.hasNext() && names.size() < 6) {
            names.add(it.next());
        }
        return String.join(", ", names) + (o.size() > 6 ? ", …" : "");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
