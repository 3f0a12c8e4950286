package io.iothubtriage.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Repeat suppression: when a hub fires again with the same verdict, the same alert rule and no higher severity
 * within the window after its last full card that was actually posted, the new alert gets a one-line "still
 * ongoing, fired N times" update instead of another full card. The window runs from the firedDateTime of the
 * alert whose card was posted, so it does not slide: a hub that keeps flapping gets a fresh full card once per
 * window. A card that was decided but never arrived (a webhook refused it) suppresses nothing.
 */
public final class Flapping {
    private Flapping() {
    }

    /** One firing as suppression compares it. */
    public record Firing(String verdict, Instant firedAt, String rule, String severity) {
        public Firing {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(firedAt, "firedAt");
            rule = rule == null ? "" : rule;
            severity = severity == null ? "" : severity;
        }
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
    public static Outcome decide(HubEntry hub, AlertKey key, Firing firing, Duration window) {
        Optional<HubEntry.Decision> earlier = hub.decisionFor(key);
        if (earlier.isPresent()) {
            return new Outcome(hub, earlier.get(), false);
        }
        boolean sameVerdict = hub.lastVerdict().filter(firing.verdict()::equals).isPresent();
        boolean withinWindow = hub.lastFullCardAt()
                .map(last -> Duration.between(last, firing.firedAt()).abs().compareTo(window) < 0)
                .orElse(false);
        boolean sameRule = hub.lastRule().equalsIgnoreCase(firing.rule());
        boolean notHigher = rank(firing.severity()) >= rank(hub.lastSeverity());
        if (!window.isZero() && sameVerdict && withinWindow && sameRule && notHigher) {
            int count = hub.firedCount() + 1;
            HubEntry.Decision d = new HubEntry.Decision(key.shortId(), Plan.REPEAT_UPDATE, count);
            return new Outcome(hub.record(d, count), d, true);
        }
        HubEntry.Decision d = new HubEntry.Decision(key.shortId(), Plan.FULL_CARD, 1);
        return new Outcome(hub.record(d, hub.firedCount()), d, true);
    }

    /** The hub after a full card of {@code firing} was posted; unchanged when a newer card already counts. */
    public static HubEntry cardPosted(HubEntry hub, Firing firing) {
        if (hub.lastFullCardAt().filter(t -> t.isAfter(firing.firedAt())).isPresent()) {
            return hub;
        }
        return hub.cardPosted(firing);
    }

    /**
     * Sev0 is the most severe; a severity that cannot be read ranks as the most severe, so it is never suppressed
     * under a known one.
     */
    static int rank(String severity) {
        String s = severity.trim().toLowerCase(Locale.ROOT);
        if (s.matches("sev[0-4]")) {
            return s.charAt(3) - '0';
        }
        return -1;
    }
}
