package io.iothubtriage.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Repeat suppression: when a hub fires again with the same verdict within the window after its last full card,
 * the new alert gets a one-line "still ongoing, fired N times" update instead of another full card. The window
 * runs from the firedDateTime of the alert that got the full card, so it does not slide: a hub that keeps flapping
 * gets a fresh full card once per window.
 */
public final class Flapping {
    private Flapping() {
    }

    /** The plan for one alert and the hub state after it. */
    public record Outcome(HubEntry hub, HubEntry.Decision decision, boolean changed) {
    }

    /**
     * Decides full card or repeat update for a fired alert. A decision the hub already holds for this alert is
     * returned unchanged, so a redelivered message neither counts twice nor loses its full card.
     *
     * @param window zero turns suppression off
     */
    public static Outcome decide(HubEntry hub, AlertKey key, String verdict, Instant firedAt, Duration window) {
        Optional<HubEntry.Decision> earlier = hub.decisionFor(key);
        if (earlier.isPresent()) {
            return new Outcome(hub, earlier.get(), false);
        }
        boolean sameVerdict = hub.lastVerdict().filter(verdict::equals).isPresent();
        boolean withinWindow = hub.lastFullCardAt()
                .map(last -> Duration.between(last, firedAt).abs().compareTo(window) < 0)
                .orElse(false);
        if (!window.isZero() && sameVerdict && withinWindow) {
            int count = hub.firedCount() + 1;
            HubEntry.Decision d = new HubEntry.Decision(key.shortId(), Plan.REPEAT_UPDATE, count);
            return new Outcome(hub.record(d, hub.lastVerdict(), hub.lastFullCardAt(), count), d, true);
        }
        HubEntry.Decision d = new HubEntry.Decision(key.shortId(), Plan.FULL_CARD, 1);
        return new Outcome(hub.record(d, Optional.of(verdict), Optional.of(firedAt), 1), d, true);
    }
}
