package io.iothubtriage.notify;

import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the rendered payloads of representative reports to files in {@code src/test/resources/golden}. A change
 * in wording or layout fails here first; when it is intended, regenerate and review the diff:
 *
 * <pre>mvn -o test -Dtest=GoldenPayloadTest -Dgolden.update=true</pre>
 */
class GoldenPayloadTest {
    static final Path DIR = Path.of("src", "test", "resources", "golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    List<DynamicTest> renderedPayloadsMatchTheGoldenFiles() {
        List<DynamicTest> tests = new ArrayList<>();
        Notification subset = Notification.of(ReportFixtures.networkSubset());
        golden(tests, "network-subset.report.json", () -> ReportJson.toPrettyJson(ReportFixtures.networkSubset()));
        golden(tests, "network-subset.teams.json", () -> ChatPayloads.renderPretty(subset, Destination.Kind.TEAMS));
        golden(tests, "network-subset.slack.json", () -> ChatPayloads.renderPretty(subset, Destination.Kind.SLACK));
        for (String name : List.of("platform-incident", "no-connection-errors", "insufficient-evidence",
                "huge-fleet", "change-caused")) {
            Notification n = Notification.of(ReportFixtures.all().get(name));
            golden(tests, name + ".teams.json", () -> ChatPayloads.renderPretty(n, Destination.Kind.TEAMS));
            golden(tests, name + ".slack.json", () -> ChatPayloads.renderPretty(n, Destination.Kind.SLACK));
        }
        ResolvedMessage resolved = new ResolvedMessage(ReportFixtures.HUB, ReportFixtures.resolvedAlert(),
                OptionalDouble.of(1190), OptionalDouble.of(1250), ReportFixtures.networkSubset().links().hub());
        golden(tests, "resolved.teams.json", () -> ChatPayloads.renderPretty(resolved, Destination.Kind.TEAMS));
        golden(tests, "resolved.slack.json", () -> ChatPayloads.renderPretty(resolved, Destination.Kind.SLACK));
        golden(tests, "resolved.generic.json", () -> ChatPayloads.renderPretty(resolved, Destination.Kind.GENERIC));
        return tests;
    }

    private static void golden(List<DynamicTest> tests, String file, Supplier<String> render) {
        tests.add(DynamicTest.dynamicTest(file, () -> check(file, render.get() + "\n")));
    }

    private static void check(String file, String actual) throws IOException {
        Path p = DIR.resolve(file);
        if (UPDATE) {
            Files.createDirectories(DIR);
            Files.writeString(p, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(p).as("golden file %s is missing; run with -Dgolden.update=true to create it", p).exists();
        String expected = Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertThat(actual).as("%s differs from its golden file; if the change is intended, rerun with "
                + "-Dgolden.update=true and review the diff", file).isEqualTo(expected);
    }
}
