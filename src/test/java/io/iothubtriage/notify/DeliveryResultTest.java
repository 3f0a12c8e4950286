package io.iothubtriage.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The one delivery result as the app's ledger reads it, and the identity of a destination in the ledger. */
class DeliveryResultTest {
    private static final String URL = "https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/"
            + "invoke?api-version=2016-06-01&sig=SECRET";

    private static Destination teams() throws Exception {
        return Destination.parse(Destination.Kind.TEAMS, "TEAMS_WEBHOOK_URL", URL);
    }

    private static DeliveryResult result(DeliveryOutcome outcome, OptionalInt status, boolean mayRepeat)
            throws Exception {
        return new DeliveryResult(teams(), outcome, 3, status,
                status.isPresent() ? "HTTP " + status.getAsInt() : "no answer within 15 s", Optional.empty(),
                Duration.ofSeconds(4), mayRepeat);
    }

    @Test
    void aRetryAfterATimedOutAttemptMayHaveArrivedEvenWhenTheLastAnswerWasA503() throws Exception {
        DeliveryResult afterTimeout = result(DeliveryOutcome.RETRYABLE, OptionalInt.of(503), true);
        DeliveryResult plain503 = result(DeliveryOutcome.RETRYABLE, OptionalInt.of(503), false);
        DeliveryResult noAnswer = result(DeliveryOutcome.RETRYABLE, OptionalInt.empty(), false);

        assertThat(afterTimeout.mayHaveArrived()).isTrue();
        assertThat(plain503.mayHaveArrived()).isFalse();
        assertThat(noAnswer.mayHaveArrived()).isTrue();
        assertThat(plain503.word()).isEqualTo("retry-later");
        assertThat(plain503.brief()).isEqualTo("HTTP 503 after 3 attempts");
        assertThat(DeliveryResult.retryable(teams(), "HTTP 429", 1, OptionalInt.of(429)).brief())
                .isEqualTo("HTTP 429 after 1 attempt");

        DeliveryResult delivered = result(DeliveryOutcome.DELIVERED, OptionalInt.of(202), false);
        assertThat(delivered.word()).isEqualTo("posted");
        assertThat(delivered.brief()).isEqualTo("HTTP 202");
        assertThat(delivered.mayHaveArrived()).as("it arrived; nothing to mark").isFalse();

        DeliveryResult refused = result(DeliveryOutcome.PERMANENT, OptionalInt.of(404), false);
        assertThat(refused.word()).isEqualTo("failed");
        assertThat(refused.brief()).isEqualTo("HTTP 404");
    }

    @Test
    void aDestinationsLedgerKeyIsStableAndItShowsAsTheCliShowsIt() throws Exception {
        Destination d = teams();

        // ledger rows name their posts by this key: a new release must find the same one
        assertThat(d.ledgerKey()).isEqualTo("teams-a6e4b659");
        assertThat(d.display()).matches("teams prod-12\\.westeurope\\.logic\\.azure\\.com #[0-9a-f]{6}");
        assertThat(d.toString()).isEqualTo(d.display());
        assertThat(d.ledgerKey() + " " + d.display()).doesNotContain("SECRET").doesNotContain("workflows")
                .doesNotContain("abc");
        assertThat(DeliveryResult.permanent(d, "the destination is no longer configured").toString())
                .startsWith(d.display() + ": not delivered, permanent").doesNotContain("SECRET");
    }
}
