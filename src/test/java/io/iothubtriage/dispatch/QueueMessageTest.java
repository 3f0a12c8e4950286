package io.iothubtriage.dispatch;

import io.iothubtriage.alert.BadInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueueMessageTest {
    private static final String QUEUED_BEFORE_THE_FIELD = "{\"version\":1,\"requestId\":\"r-1\","
            + "\"receivedAt\":\"2026-11-19T10:42:00Z\",\"alertId\":\"a-1\",\"condition\":\"Fired\",\"hub\":\"\","
            + "\"rule\":\"rule\",\"severity\":\"Sev2\",\"kind\":\"alert\",\"attempt\":3,\"reason\":\"held\","
            + "\"alert\":{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{}}}";

    @Test
    void aMessageQueuedBeforeTheHandOverTimeExistedIsReadAndStampedWhenTheFailurePathTakesIt()
            throws BadInputException {
        Instant now = Instant.parse("2026-11-26T10:42:00Z");
        QueueMessage old = QueueMessage.decode(QUEUED_BEFORE_THE_FIELD, now);
        assertThat(old.failingSince()).isEmpty();

        QueueMessage handed = old.failed("settings broken for 7 days", List.of(), now);
        assertThat(handed.failingSince()).contains(now);
        QueueMessage again = QueueMessage.decode(handed.encode(), now.plusSeconds(3600))
                .failed("still failing", List.of("teams-1"), now.plusSeconds(3600));
        assertThat(again.failingSince()).as("the first hand-over counts").contains(now);
        assertThat(again.receivedAt()).isEqualTo(Instant.parse("2026-11-19T10:42:00Z"));
        assertThat(again.done()).containsExactly("teams-1");
    }
}
