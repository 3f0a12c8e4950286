package io.iothubtriage.alert.bench;

import io.iothubtriage.alert.AlertParser;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.WindowPolicy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parse cost of a typical connected-devices alert and of a 256 KB legacy log alert (the common schema's maximum).
 * Not a test: run with
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.iothubtriage.alert.bench.AlertParserBench}
 * after {@code mvn -o test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class AlertParserBench {

    public static void main(String[] args) throws IOException, BadInputException {
        byte[] typical = Files.readAllBytes(Path.of("src/test/resources/alerts/iothub-connected-devices-fired.json"));
        byte[] large = largeLegacyLogAlert();
        byte[] rejected = Files.readAllBytes(Path.of("src/test/resources/samples/alerts/common-schema-metric-static-resolved.full.json"));

        report("connected-devices alert (" + typical.length + " B)", typical, 200_000);
        report("legacy log alert (" + large.length / 1024 + " KB)", large, 2_000);
        report("VM alert, rejected (" + rejected.length + " B)", rejected, 200_000);
    }

    private static void report(String what, byte[] body, int iterations) {
        WindowPolicy policy = WindowPolicy.defaults();
        for (int i = 0; i < iterations / 4; i++) {
            run(body, policy);
        }
        long start = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < iterations; i++) {
            sink += run(body, policy);
        }
        double micros = (System.nanoTime() - start) / 1000.0 / iterations;
        System.out.printf("%-40s %9.1f µs/parse  (%d runs, checksum %d): %s%n", what, micros, iterations, sink % 7,
                outcome(body, policy));
    }

    private static String outcome(byte[] body, WindowPolicy policy) {
        try {
            return "hub " + AlertParser.parse(body, policy).hub().name();
        } catch (BadInputException e) {
            return "rejected";
        }
    }

    private static int run(byte[] body, WindowPolicy policy) {
        try {
            return AlertParser.parse(body, policy).hub().name().length();
        } catch (BadInputException e) {
            return e.getMessage().length();
        }
    }

    private static byte[] largeLegacyLogAlert() throws IOException {
        String ctx = Files.readString(Path.of("src/test/resources/samples/alerts/log-search-v1-loganalytics.alertContext.json"));
        StringBuilder rows = new StringBuilder();
        while (rows.length() < 250 * 1024) {
            rows.append("[\"/SUBSCRIPTIONS/0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D/RESOURCEGROUPS/IOT-PROD-RG/PROVIDERS/")
                    .append("MICROSOFT.DEVICES/IOTHUBS/CONTOSO-HUB\",\"33445566b\",\"2018-02-02T15:16:53.932Z\"],");
        }
        rows.setLength(rows.length() - 1);
        String context = ctx.replace("\"name\": \"$table\"", "\"name\": \"_ResourceId\"")
                .replaceFirst("\"rows\": \\[[^\\]]*\\[[^\\]]*\\][^\\]]*\\[[^\\]]*\\][^\\]]*\\]", "\"rows\": [" + rows + "]");
        String body = "{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{"
                + "\"alertId\":\"/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/providers/Microsoft.AlertsManagement/alerts/1\","
                + "\"monitorCondition\":\"Fired\",\"monitoringService\":\"Log Analytics\",\"signalType\":\"Log\","
                + "\"alertTargetIDs\":[\"/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourcegroups/ops-rg/providers/microsoft.operationalinsights/workspaces/ops\"],"
                + "\"firedDateTime\":\"2026-01-15T10:41:00Z\"},"
                + context.substring(context.indexOf('{') + 1, context.lastIndexOf('}')) + "}}";
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
