package io.iothubtriage.dispatch;

import io.iothubtriage.functions.testing.FakeContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StageLogTest {
    @Test
    void writesOneKeyValueLineWithQuotedValuesAndPerSourceDurations() {
        FakeContext ctx = new FakeContext("triage-worker");
        StageLog log = new StageLog(ctx.getLogger(), "triage-worker", ctx.getInvocationId());
        log.stage("triaged").with("hub", "/subscriptions/x/IotHubs/h").with("reason", "timed out after 10 s")
                .with("quote", "say \"hi\"\nnext").with("absent", null)
                .durations(Map.of("metrics", Duration.ofMillis(190), "connectionLogs", Duration.ofMillis(812)))
                .millis("triage", Duration.ofMillis(845)).info();

        assertThat(ctx.lines()).containsExactly("stage=triaged function=triage-worker invocationId="
                + ctx.getInvocationId() + " hub=/subscriptions/x/IotHubs/h reason=\"timed out after 10 s\""
                + " quote=\"say \\\"hi\\\" next\" connectionLogsMs=812 metricsMs=190 triageMs=845");
    }
}
