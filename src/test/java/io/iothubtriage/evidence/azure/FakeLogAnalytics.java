package io.iothubtriage.evidence.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.testing.ExportWriter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * A Log Analytics workspace holding one hub's Connections rows, answering the rows path's plain queries
 * (connections-rows.kql, connections-counts.kql, connections-dimensions.kql) from them in the query API's wire
 * format: it reads the query's typed parameter header and does what the query says (filter and project; summarise
 * by period, code and error-ness; latest dimension values per device). Every row lands {@code ingestionDelay} after
 * its time. A request a test stubbed gets the stub's answer; queries it does not know are left unanswered (404).
 */
final class FakeLogAnalytics implements ResponseDefinitionTransformerV2 {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATETIME = Pattern.compile("let (\\w+) = datetime\\(([^)]+)\\);");
    private static final Pattern COUNT = Pattern.compile("let (\\w+) = (\\d+);");

    private final String resourceId;
    private final List<ConnectionLogRow> rows;
    private final Duration ingestionDelay;

    /** @param hub the hub the rows are of: {@code _ResourceId} names it, lower-cased as Log Analytics writes it */
    FakeLogAnalytics(io.iothubtriage.alert.HubId hub, List<ConnectionLogRow> rows, Duration ingestionDelay) {
        this.resourceId = hub.resourceId().toLowerCase(java.util.Locale.ROOT);
        this.rows = List.copyOf(rows);
        this.ingestionDelay = ingestionDelay;
    }

    @Override
    public String getName() {
        return "fake-log-analytics";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        if (event.getWasMatched()) {
            return event.getResponseDefinition(); // a test's own stub (a failure, a summary) wins
        }
        String query;
        try {
            JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
            query = body.path("query").asText("");
        } catch (IOException | RuntimeException e) {
            return event.getResponseDefinition();
        }
        Map<String, Instant> times = new HashMap<>();
        Matcher m = DATETIME.matcher(query);
        while (m.find()) {
            times.put(m.group(1), Instant.parse(m.group(2)));
        }
        Map<String, Long> counts = new HashMap<>();
        m = COUNT.matcher(query);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        String answer;
        if (query.contains("| take rowLimit")) {
            answer = rows(times.get("rowsStart"), times.get("rowsEnd"), counts.get("rowLimit"));
        } else if (query.contains("by period, code, isError")) {
            answer = counts(times);
        } else if (query.contains("(sdkVersionTime, sdkVersion) = arg_max")) {
            answer = dimensions(times);
        } else {
            return event.getResponseDefinition();
        }
        return ResponseDefinition.copyOf(aResponse().withStatus(200).withHeader("Content-Type",
                "application/json; charset=utf-8").withBody(answer).build());
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    /** connections-rows.kql: the rows of [rowsStart, rowsEnd), the projected columns, at most rowLimit. */
    private String rows(Instant from, Instant to, long limit) {
        LogsResponse response = LogsResponse.rows();
        long n = 0;
        for (ConnectionLogRow r : rows) {
            if (within(r.time(), from, to) && n++ < limit) {
                response.row("TimeGenerated", r.time().toString(), "Category", "Connections",
                        "OperationName", r.operationName(), "Level", r.level(), "ResultType", r.resultType(),
                        "ResultDescription", r.resultDescription(), "properties_s", ExportWriter.propertiesJson(r),
                        "_ResourceId", resourceId);
            }
        }
        return response.json();
    }

    /** connections-counts.kql. */
    private String counts(Map<String, Instant> t) {
        record Key(String period, String code, boolean isError) {
        }
        final class Group {
            long rows;
            long onConnect;
            final Set<String> devices = new HashSet<>();
            Instant newest;
            String description = "";
        }
        Map<Key, Group> groups = new LinkedHashMap<>();
        for (ConnectionLogRow r : rows) {
            Instant time = r.time();
            if (!within(time, t.get("baselineStart"), t.get("rowsEnd"))) {
                continue;
            }
            String period = !time.isBefore(t.get("windowEnd")) ? "after" : !time.isBefore(t.get("windowStart"))
                    ? "window" : time.isBefore(t.get("baselineEnd")) ? "baseline" : "";
            if (period.isEmpty()) {
                continue;
            }
            Group g = groups.computeIfAbsent(new Key(period, r.resultType(), r.isError()), k -> new Group());
            g.rows++;
            g.onConnect += r.isConnect() ? 1 : 0;
            g.devices.add(r.deviceId());
            g.newest = g.newest == null || time.isAfter(g.newest) ? time : g.newest;
            g.description = LiveCounts.smaller(g.description, r.resultDescription());
        }
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("period", "string");
        columns.put("code", "string");
        columns.put("isError", "bool");
        for (String c : new String[] {"rows", "allRows", "devices", "onConnect"}) {
            columns.put(c, "long");
        }
        columns.put("newestAnyRow", "datetime");
        columns.put("newest", "datetime");
        columns.put("newestIngested", "datetime");
        columns.put("description", "string");
        LogsResponse response = LogsResponse.table(columns);
        groups.forEach((k, g) -> response.row("period", k.period(), "code", k.code(), "isError", k.isError(),
                "rows", g.rows, "allRows", g.rows, "devices", g.devices.size(), "onConnect", g.onConnect,
                "newestAnyRow", g.newest.toString(), "newest", g.newest.toString(),
                "newestIngested", g.newest.plus(ingestionDelay).toString(), "description", g.description));
        return response.json();
    }

    /** connections-dimensions.kql. */
    private String dimensions(Map<String, Instant> t) {
        Set<String> fetched = new HashSet<>();
        for (ConnectionLogRow r : rows) {
            if (within(r.time(), t.get("rowsStart"), t.get("rowsEnd"))) {
                fetched.add(r.deviceId());
            }
        }
        String[] names = {"maskedIpAddress", "protocol", "authType", "sdkVersion"};
        Map<String, Instant[]> when = new TreeMap<>();
        Map<String, String[]> what = new HashMap<>();
        for (ConnectionLogRow r : rows) {
            if (!within(r.time(), t.get("baselineStart"), t.get("baselineEnd")) || !fetched.contains(r.deviceId())) {
                continue;
            }
            String[] values = {r.maskedIpAddress(), r.protocol(), r.authType(), r.sdkVersion()};
            Instant[] times = when.computeIfAbsent(r.deviceId(), k -> new Instant[4]);
            String[] latest = what.computeIfAbsent(r.deviceId(), k -> new String[] {"", "", "", ""});
            for (int i = 0; i < 4; i++) {
                if (!values[i].isEmpty() && (times[i] == null || r.time().isAfter(times[i]))) {
                    times[i] = r.time();
                    latest[i] = values[i];
                }
            }
        }
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("deviceId", "string");
        for (String n : names) {
            columns.put(n + "Time", "datetime");
            columns.put(n, "string");
        }
        LogsResponse response = LogsResponse.table(columns);
        when.forEach((device, times) -> {
            String[] values = what.get(device);
            List<Object> pairs = new ArrayList<>(List.of("deviceId", device));
            for (int i = 0; i < 4; i++) {
                pairs.add(names[i] + "Time");
                pairs.add(times[i] == null ? null : times[i].toString());
                pairs.add(names[i]);
                pairs.add(values[i]);
            }
            response.row(pairs.toArray());
        });
        return response.json();
    }
}
