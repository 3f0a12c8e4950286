package io.iothubtriage.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's view of one delivery, and the identity of a destination in the ledger. */
class PostOutcomeTest {
    private static final String URL = "https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/"
            + "invoke?api-version=2016-06-01&sig=SECRET";

    private static DeliveryResult result(DeliveryOutcome outcome, OptionalInt status, boolean mayRepeat)
            throws Exception {
        return new DeliveryResult(Destination.parse(Destination.Kind.TEAMS, "TEAMS_WEBHOOK_URL", URL), outcome, 3,
                status, status.isPresent() ? "HTTP " + status.getAsInt() : "no answer within 15 s", Optional.empty(),
                Duration.ofSeconds(4), mayRepeat);
    }

    @Test
    void aRetryAfterATimedOutAttemptIsMarkedAsAPossibleRepeatEvenWhenTheLastAnswerWasA503() throws Exception {
        PostOutcome afterTimeout = PostOutcome.of(result(DeliveryOutcome.RETRYABLE, OptionalInt.of(503), true));
        PostOutcome plain503 = PostOutcome.of(result(DeliveryOutcome.RETRYABLE, OptionalInt.of(503), false));
        PostOutcome noAnswer = PostOutcome.of(result(DeliveryOutcome.RETRYABLE, OptionalInt.empty(), false));

        assertThat(afterTimeout).isEqualTo(new PostOutcome.Retryable("HTTP 503 after 3 attempts", true));
        assertThat(plain503).isEqualTo(new PostOutcome.Retryable("HTTP 503 after 3 attempts", false));
        assertThat(((PostOutcome.Retryable) noAnswer).mayHaveArrived()).isTrue();
        assertThat(PostOutcome.of(result(DeliveryOutcome.DELIVERED, OptionalInt.of(202), false)))
                .isEqualTo(new PostOutcome.Posted(202, 3));
        assertThat(PostOutcome.of(result(DeliveryOutcome.PERMANENT, OptionalInt.of(404), false)))
                .isEqualTo(new PostOutcome.Permanent("HTTP 404"));
    }

    @Test
    void aDestinationsLedgerKeyIsStableAndFreeOfTheSecret() throws Exception {
        Target t = Target.of(Destination.parse(Destination.Kind.TEAMS, "TEAMS_WEBHOOK_URL", URL));

        // ledger rows name their posts by this key: a new release must find the same one
        assertThat(t.key()).isEqualTo("teams-a6e4b659");
        assertThat(t.kind()).isEqualTo("teams");
        assertThat(t.redacted()).isEqualTo("https://prod-12.westeurope.logic.azure.com");
        assertThat(t.toString()).doesNotContain("SECRET").doesNotContain("workflows");
    }
}
