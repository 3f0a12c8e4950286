package io.iothubtriage.evidence.azure;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.CauseFamily;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionQueriesTest {

    static final HubId HUB = HubId.parse(
            "/subscriptions/6f2c1a3e-0b4d-4c5e-9f80-1a2b3c4d5e6f/resourceGroups/iot-prod/providers/Microsoft.Devices/IotHubs/contoso-hub");
    static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2026-01-15T10:10:00Z"), Instant.parse("2026-01-15T10:45:00Z"));
    static final TriageRequest REQUEST = new TriageRequest(HUB, WINDOW, WINDOW.before(Duration.ofHours(24)), Optional.empty());

    @Test
    void aWindowTooLongForTheLiveSourceIsNamedInWordsNotIsoText() {
        for (long days : new long[]{8, 10, 29}) {
            TimeWindow window = new TimeWindow(WINDOW.end().minus(Duration.ofDays(days)), WINDOW.end());
            TriageRequest request = new TriageRequest(HUB, window, window.before(Duration.ofHours(24)), Optional.empty());
            assertThatThrownBy(() -> ConnectionQueries.summary(request))
                    .hasMessage("analysis window of " + days + " days is longer than the 7 days the live log source "
                            + "accepts");
        }
        TriageRequest longBaseline = new TriageRequest(HUB, WINDOW, WINDOW.before(Duration.ofHours(24 * 40 + 6)),
                Optional.empty());
        assertThatThrownBy(() -> ConnectionQueries.summary(longBaseline))
                .hasMessage("baseline window of 40 days 6 hours is longer than the 31 days the live log source accepts");
    }

    @Test
    void summaryQueryStartsWithTheTypedParameterHeader() {
        String query = ConnectionQueries.summary(REQUEST);
        assertThat(query).contains("""
                // <parameters>
                let hubResourceId = "/subscriptions/6f2c1a3e-0b4d-4c5e-9f80-1a2b3c4d5e6f/resourceGroups/iot-prod/providers/Microsoft.Devices/IotHubs/contoso-hub";
                let windowStart = datetime(2026-01-15T10:10:00Z);
                let windowEnd = datetime(2026-01-15T10:45:00Z);
                let baselineStart = datetime(2026-01-14T10:10:00Z);
                let baselineEnd = datetime(2026-01-15T10:10:00Z);
                // </parameters>
                """);
        assertThat(query).doesNotContain("example-hub").doesNotContain("2026-01-14T10:10:00Z)\nlet windowStart");
        assertThat(query).contains("union totalsSection, noiseSection, codeSection");
    }

    @Test
    void everyQueryFileDeclaresExactlyTheParametersTheCodeSupplies() {
        assertThat(KqlTemplate.load("connections-summary.kql").parameterNames())
                .containsExactly("hubResourceId", "windowStart", "windowEnd", "baselineStart", "baselineEnd");
        assertThat(KqlTemplate.load("connections-timeline.kql").parameterNames())
                .containsExactly("hubResourceId", "windowStart", "windowEnd");
        assertThat(KqlTemplate.load("connections-doctor.kql").parameterNames())
                .containsExactly("hubResourceId", "checkStart", "checkEnd");
        assertThat(ConnectionQueries.timeline(REQUEST)).contains("let windowEnd = datetime(2026-01-15T10:45:00Z);");
        assertThat(ConnectionQueries.doctor(HUB, Instant.parse("2026-01-15T10:45:00Z")))
                .contains("let checkStart = datetime(2026-01-14T10:45:00Z);");
        assertThat(KqlTemplate.load("connections-rows.kql").parameterNames())
                .containsExactly("hubResourceId", "rowsStart", "rowsEnd", "rowLimit");
        assertThat(KqlTemplate.load("connections-counts.kql").parameterNames()).containsExactly("hubResourceId",
                "baselineStart", "baselineEnd", "windowStart", "windowEnd", "rowsEnd");
        assertThat(KqlTemplate.load("connections-dimensions.kql").parameterNames()).containsExactly("hubResourceId",
                "baselineStart", "baselineEnd", "rowsStart", "rowsEnd");
    }

    @Test
    void theRowQueryReadsTheWindowAndTheEdgeSpanAfterItButNeverPastNow() {
        Duration edge = Duration.ofMinutes(2);
        TimeWindow later = ConnectionQueries.rowsRange(REQUEST, edge, Instant.parse("2026-01-15T11:30:00Z"));
        assertThat(later).isEqualTo(new TimeWindow(WINDOW.start(), Instant.parse("2026-01-15T10:47:00Z")));
        TimeWindow soon = ConnectionQueries.rowsRange(REQUEST, edge, Instant.parse("2026-01-15T10:46:10Z"));
        assertThat(soon.end()).isEqualTo(Instant.parse("2026-01-15T10:46:10Z"));
        TimeWindow early = ConnectionQueries.rowsRange(REQUEST, edge, Instant.parse("2026-01-15T10:40:00Z"));
        assertThat(early).isEqualTo(WINDOW);

        String rows = ConnectionQueries.rows(REQUEST, later, 100_001);
        assertThat(rows).contains("let rowsStart = datetime(2026-01-15T10:10:00Z);")
                .contains("let rowsEnd = datetime(2026-01-15T10:47:00Z);").contains("let rowLimit = 100001;")
                .contains("| project TimeGenerated, Category, OperationName, Level, ResultType, ResultDescription, "
                        + "properties_s");
        assertThat(ConnectionQueries.counts(REQUEST, later)).contains("let baselineStart = datetime(2026-01-14T10:10:00Z);")
                .contains("let rowsEnd = datetime(2026-01-15T10:47:00Z);");
        assertThat(ConnectionQueries.countsRange(REQUEST, later))
                .isEqualTo(new TimeWindow(REQUEST.baseline().start(), later.end()));
    }

    @Test
    void aParameterCannotBeForgottenOrInvented() {
        KqlTemplate template = KqlTemplate.load("connections-timeline.kql");
        assertThatThrownBy(() -> template.render(java.util.Map.of("hubResourceId", KqlLiteral.string("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not match");
    }

    @Test
    void aHubIdThatWouldInjectKqlIsRefusedBeforeAnyQueryIsBuilt() {
        // HubId's canonical constructor does not validate: the query builder checks again.
        HubId hostile = new HubId("6f2c1a3e-0b4d-4c5e-9f80-1a2b3c4d5e6f", "rg\" | union AzureActivity | where \"\" == \"",
                "contoso-hub");
        TriageRequest request = new TriageRequest(hostile, WINDOW, WINDOW.before(Duration.ofHours(1)), Optional.empty());
        assertThatThrownBy(() -> ConnectionQueries.summary(request)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid IoT hub resource id");
        assertThatThrownBy(() -> ConnectionQueries.timeline(request)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionQueries.doctor(hostile, Instant.now())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionQueries.rows(request, WINDOW, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionQueries.counts(request, WINDOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionQueries.dimensions(request, WINDOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHubIdEntersTheQueryOnlyAsOneStringLiteral() {
        String query = ConnectionQueries.summary(REQUEST);
        int at = query.indexOf("let hubResourceId = ") + "let hubResourceId = ".length();
        String[] lexed = KqlLiteralTest.lex(query.substring(at, query.indexOf('\n', at)));
        assertThat(lexed[0]).isEqualTo(HUB.resourceId());
        assertThat(lexed[1]).isEqualTo(";");
    }

    @Test
    void windowsTooLongForBoundedResultsAreRefused() {
        TimeWindow week = new TimeWindow(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-08T00:00:01Z"));
        TriageRequest tooLong = new TriageRequest(HUB, week, week.before(Duration.ofHours(1)), Optional.empty());
        assertThatThrownBy(() -> ConnectionQueries.summary(tooLong)).hasMessageContaining("7 days");
    }

    @Test
    void summaryRangeIsTheBaselineAndTheWindowAsTheAggregatorReadsThem() {
        // Renewals are judged on the window's rows alone, as the aggregator judges them: nothing before the baseline.
        TriageRequest shortBaseline = new TriageRequest(HUB, WINDOW, WINDOW.before(Duration.ofMinutes(5)), Optional.empty());
        assertThat(ConnectionQueries.summaryRange(shortBaseline).start()).isEqualTo(Instant.parse("2026-01-15T10:05:00Z"));
        assertThat(ConnectionQueries.summaryRange(REQUEST).start()).isEqualTo(Instant.parse("2026-01-14T10:10:00Z"));
        assertThat(ConnectionQueries.summary(REQUEST)).contains("let recent = materialize(lifted(windowStart, windowEnd));");
    }

    /**
     * The KQL's familyOf must give every code the family CauseFamily.of gives it. Reads the case(...) branches
     * from the .kql file and evaluates them for every six-digit code starting with 1–5, plus odd lengths.
     */
    @Test
    void kqlFamilyMappingAgreesWithCauseFamilyForEveryCode() throws IOException {
        List<Branch> branches = familyBranches();
        assertThat(branches).hasSizeGreaterThanOrEqualTo(9);
        List<String> codes = new ArrayList<>(List.of("", "40410", "4041040", "abcdef", "401"));
        for (int n = 100000; n < 600000; n++) {
            codes.add(Integer.toString(n));
        }
        for (String code : codes) {
            String kql = branches.stream().filter(b -> b.test().test(code)).findFirst().map(Branch::family)
                    .orElse("OTHER");
            assertThat(kql).as("family of '%s'", code).isEqualTo(CauseFamily.of(code).name());
        }
    }

    record Branch(Predicate<String> test, String family) {
    }

    private static List<Branch> familyBranches() throws IOException {
        String text;
        try (InputStream in = KqlTemplate.class.getResourceAsStream("connections-summary.kql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String body = text.substring(text.indexOf("let familyOf"), text.indexOf("};", text.indexOf("let familyOf")));
        List<Branch> branches = new ArrayList<>();
        Pattern branch = Pattern.compile("^\\s*(?:case\\()?(.+),\\s*\"([A-Z_]+)\",?\\s*$");
        for (String line : body.split("\n")) {
            Matcher m = branch.matcher(line);
            if (!m.matches()) {
                continue;
            }
            branches.add(new Branch(condition(m.group(1).trim()), m.group(2)));
        }
        return branches;
    }

    private static Predicate<String> condition(String text) {
        Predicate<String> result = null;
        for (String part : text.split("\\s+or\\s+")) {
            Predicate<String> p = atom(part.trim());
            result = result == null ? p : result.or(p);
        }
        return result;
    }

    private static Predicate<String> atom(String text) {
        Matcher m;
        if ((m = Pattern.compile("strlen\\(code\\) != (\\d+)").matcher(text)).matches()) {
            int len = Integer.parseInt(m.group(1));
            return c -> c.length() != len;
        }
        if ((m = Pattern.compile("code == \"(\\d+)\"").matcher(text)).matches()) {
            String v = m.group(1);
            return c -> c.equals(v);
        }
        if ((m = Pattern.compile("code in \\((.+)\\)").matcher(text)).matches()) {
            List<String> values = List.of(m.group(1).replace("\"", "").split(",\\s*"));
            return values::contains;
        }
        if ((m = Pattern.compile("code startswith \"(\\d+)\"").matcher(text)).matches()) {
            String v = m.group(1);
            return c -> c.startsWith(v);
        }
        throw new AssertionError("familyOf branch the test cannot read: " + text);
    }
}
