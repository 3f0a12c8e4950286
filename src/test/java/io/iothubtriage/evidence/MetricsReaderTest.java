package io.iothubtriage.evidence;

import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsReaderTest {

    private static final Path SAMPLE = Read.SAMPLES.resolve("metrics/2024-02-01_GetMetric.json");

    @TempDir
    Path dir;

    @Test
    void theSpecSampleIsForAnotherMetricAndIsRefusedNamingWhatItHolds() {
        // Storage BlobCount/BlobCapacity: parsed (its metric names are found), but nothing usable for device counts.
        BadInput.of(SAMPLE, () -> MetricsReader.read(SAMPLE))
                .contains("is a metrics response without connectedDeviceCount or totalDeviceCount (it holds "
                        + "BlobCount, BlobCapacity)");
    }

    @Test
    void theSpecSampleStructureReadsWhenItsMetricIsNamedAsOurs() throws Exception {
        // Same file with BlobCount renamed: proves the structure (example wrapper, name.value, timeseries, data).
        Path renamed = Read.write(dir, "renamed.json", Files.readString(SAMPLE)
                .replace("\"value\": \"BlobCount\"", "\"value\": \"connectedDeviceCount\""));
        DeviceCountEvidence d = MetricsReader.read(renamed);
        assertThat(d.registered()).isEmpty();
        assertThat(d.connected()).hasSize(5); // five hours; the first time series (tier Hot) of five
        assertThat(d.connected().get(0)).isEqualTo(new MetricPoint(Instant.parse("2021-04-20T09:00:00Z"),
                OptionalDouble.of(7), OptionalDouble.of(7), OptionalDouble.of(7)));
        assertThat(d.connected()).extracting(MetricPoint::time).isSorted();
    }

    @Test
    void iotHubResponseWithGapsStringsNullsAndUnorderedPoints() throws Exception {
        Path file = Read.write(dir, "metrics.json", """
                {"cost":0,"timespan":"2026-11-26T10:00:00Z/2026-11-26T10:05:00Z","interval":"PT1M",
                 "namespace":"Microsoft.Devices/IotHubs","resourceregion":"westeurope",
                 "value":[
                  {"id":"/subscriptions/s/.../metrics/connectedDeviceCount","type":"Microsoft.Insights/metrics",
                   "name":{"value":"connectedDeviceCount","localizedValue":"Connected devices"},"unit":"Count",
                   "errorCode":"Success",
                   "timeseries":[{"metadatavalues":[],"data":[
                     {"timeStamp":"2026-11-26T10:02:00Z","minimum":611,"average":640.5,"maximum":"700"},
                     {"timeStamp":"2026-11-26T10:00:00Z","minimum":1198,"average":1200,"maximum":1204},
                     {"timeStamp":"2026-11-26T10:01:00Z"},
                     {"timeStamp":"2026-11-26T10:03:00+00:00","minimum":null,"average":650}]}]},
                  {"type":"Microsoft.Insights/metrics","name":{"value":"TotalDeviceCount"},
                   "timeseries":[{"data":[{"timeStamp":"2026-11-26T10:00:00Z","average":1250}]}]}]}
                """);
        DeviceCountEvidence d = MetricsReader.read(file);
        assertThat(d.connected()).containsExactly(
                new MetricPoint(Instant.parse("2026-11-26T10:00:00Z"), OptionalDouble.of(1198), OptionalDouble.of(1200),
                        OptionalDouble.of(1204)),
                new MetricPoint(Instant.parse("2026-11-26T10:01:00Z"), OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty()),
                new MetricPoint(Instant.parse("2026-11-26T10:02:00Z"), OptionalDouble.of(611), OptionalDouble.of(640.5),
                        OptionalDouble.of(700)),
                new MetricPoint(Instant.parse("2026-11-26T10:03:00Z"), OptionalDouble.empty(), OptionalDouble.of(650),
                        OptionalDouble.empty()));
        assertThat(d.registered()).containsExactly(new MetricPoint(Instant.parse("2026-11-26T10:00:00Z"),
                OptionalDouble.empty(), OptionalDouble.of(1250), OptionalDouble.empty()));
    }

    @Test
    void onlyOneMetricGivesAnEmptyListForTheOther() throws Exception {
        Path file = Read.write(dir, "one.json", """
                {"value":[{"name":{"value":"totalDeviceCount"},"timeseries":[]}]}
                """);
        DeviceCountEvidence d = MetricsReader.read(file);
        assertThat(d.connected()).isEmpty();
        assertThat(d.registered()).isEmpty();
    }

    @Test
    void badInputNamesTheFileAndTheProblem() throws Exception {
        Path health = Read.SAMPLES.resolve("resourcehealth/2025-05-01_AvailabilityStatus_GetByResource.json");
        BadInput.of(health, () -> MetricsReader.read(health))
                .contains("is not an Azure Monitor metrics response: it is a Resource Health availability status");
        Path error = Read.write(dir, "e.json", "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"not found\"}}");
        BadInput.of(error, () -> MetricsReader.read(error))
                .endsWith("is an error response, not metrics: ResourceNotFound: not found");
        Path notNumber = Read.write(dir, "n.json", "{\"value\":[{\"name\":{\"value\":\"connectedDeviceCount\"},"
                + "\"timeseries\":[{\"data\":[{\"timeStamp\":\"2026-11-26T10:00:00Z\",\"average\":\"many\"}]}]}]}");
        BadInput.of(notNumber, () -> MetricsReader.read(notNumber))
                .contains("value[0].timeseries[0].data[0].average '\"many\"' is not a number");
        Path noTime = Read.write(dir, "t.json", "{\"value\":[{\"name\":{\"value\":\"connectedDeviceCount\"},"
                + "\"timeseries\":[{\"data\":[{\"average\":3}]}]}]}");
        BadInput.of(noTime, () -> MetricsReader.read(noTime)).contains("value[0].timeseries[0].data[0] has no timeStamp");
        Path empty = Read.write(dir, "empty.json", "");
        BadInput.of(empty, () -> MetricsReader.read(empty)).contains("is empty");
        Path nothing = Read.write(dir, "nothing.json", "{\"value\":[]}");
        BadInput.of(nothing, () -> MetricsReader.read(nothing)).contains("it holds no metric");
    }
}
