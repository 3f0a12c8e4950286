package io.iothubtriage.notify;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.MetricCondition;
import io.iothubtriage.alert.MonitorCondition;
import io.iothubtriage.diagnosis.TriageReport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The short message posted when a connected-devices alert resolves: how long it lasted and how many devices are
 * connected now. Rendered for Teams, Slack and the generic webhook by {@link #teams()}, {@link #slack()} and
 * {@link #json()}.
 *
 * @param hub          the hub the alert is about
 * @param alert        the alert, with condition Resolved
 * @param connectedNow connected devices now; when empty, the alert's observed value of connectedDeviceCount
 * @param registered   registered devices, when known
 * @param hubLink      the hub's portal blade, empty when none
 * @param possibleRepeat an earlier post of it may have arrived
 */
public record ResolvedMessage(HubId hub, AlertIdentity alert, OptionalDouble connectedNow, OptionalDouble registered,
                              String hubLink, boolean possibleRepeat) implements Notification {

    public ResolvedMessage {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(alert, "alert");
        if (alert.condition() != MonitorCondition.RESOLVED) {
            throw new IllegalArgumentException("a resolved message needs an alert whose condition is Resolved, got "
                    + alert.condition().wire());
        }
        connectedNow = connectedNow == null ? OptionalDouble.empty() : connectedNow;
        registered = registered == null ? OptionalDouble.empty() : registered;
        hubLink = hubLink == null ? "" : hubLink;
    }

    /** Unmarked. */
    public ResolvedMessage(HubId hub, AlertIdentity alert, OptionalDouble connectedNow, OptionalDouble registered,
                           String hubLink) {
        this(hub, alert, connectedNow, registered, hubLink, false);
    }

    public static ResolvedMessage of(HubId hub, AlertIdentity alert) {
        return new ResolvedMessage(hub, alert, OptionalDouble.empty(), OptionalDouble.empty(), "");
    }

    /**
     * From a report made about a resolved alert: its device count and hub link.
     *
     * @throws IllegalArgumentException when the report has no alert or the alert is not resolved
     */
    public static ResolvedMessage from(TriageReport report) {
        AlertIdentity alert = report.alert().orElseThrow(
                () -> new IllegalArgumentException("the report has no alert to call resolved"));
        OptionalDouble now = report.deviceCount().map(TriageReport.DeviceCount::now).orElse(OptionalDouble.empty());
        OptionalDouble registered = report.deviceCount().map(TriageReport.DeviceCount::registered)
                .orElse(OptionalDouble.empty());
        return new ResolvedMessage(report.hub().id(), alert, now, registered, report.links().hub());
    }

    @Override
    public String hubName() {
        return hub.name();
    }

    @Override
    public Optional<String> idempotencyKey() {
        return Optional.of(Notification.key("resolved", alert.alertId(), alert.condition().wire()));
    }

    @Override
    public ResolvedMessage possibleRepeat(boolean mark) {
        return new ResolvedMessage(hub, alert, connectedNow, registered, hubLink, mark);
    }

    /** From firing to resolving, when the alert says when it resolved. */
    public Optional<Duration> duration() {
        return alert.resolvedAt().map(end -> Duration.between(alert.firedAt(), end));
    }

    /** Connected devices now: given, or the alert's own observed connectedDeviceCount. */
    public OptionalDouble devicesNow() {
        if (connectedNow.isPresent()) {
            return connectedNow;
        }
        return alert.metric()
                .filter(m -> m.name().equalsIgnoreCase("connectedDeviceCount"))
                .map(MetricCondition::value)
                .orElse(OptionalDouble.empty());
    }

    /** "[Sev2] contoso-hub: connected-devices alert resolved after 42 min; 1,190 devices connected now." */
    public String summary() {
        String sev = alert.severity().isEmpty() ? "" : "[" + alert.severity() + "] ";
        return sev + hub.name() + ": " + alertName() + " resolved " + lasted() + "; " + connectedText() + ".";
    }

    private String alertName() {
        return alert.metric().map(m -> m.name().equalsIgnoreCase("connectedDeviceCount")).orElse(false)
                ? "connected-devices alert" : "alert" + (alert.rule().isEmpty() ? "" : " " + alert.rule());
    }

    private String lasted() {
        return duration().map(d -> "after " + Texts.duration(d)).orElse("(duration unknown)");
    }

    private String connectedText() {
        OptionalDouble now = devicesNow();
        if (now.isEmpty()) {
            return "devices connected now: unknown";
        }
        String s = Texts.count(now.getAsDouble()) + " devices connected now";
        if (registered.isPresent()) {
            s += " of " + Texts.count(registered.getAsDouble()) + " registered";
        }
        return s;
    }

    private String timesText() {
        return duration().map(d -> Texts.duration(d) + " (" + Texts.span(alert.firedAt(), alert.resolvedAt().get())
                + ")").orElse("unknown: fired " + Texts.dateTime(alert.firedAt()) + " UTC, no resolve time given");
    }

    private String contextLine() {
        List<String> parts = new ArrayList<>();
        if (!alert.severity().isEmpty()) {
            parts.add(alert.severity());
        }
        if (!alert.rule().isEmpty()) {
            parts.add(alert.rule());
        }
        parts.add("resolved " + alert.resolvedAt().map(t -> Texts.dateTime(t) + " UTC").orElse("(time unknown)"));
        return String.join(" · ", parts);
    }

    /** The Teams Workflows body: one small Adaptive Card 1.4 in the "good" colour. */
    public JsonObject teams() {
        JsonObject card = AdaptiveCards.card(summary());
        JsonArray body = AdaptiveCards.body(card);
        JsonArray head = Json.array();
        head.add(AdaptiveCards.subtle(Texts.truncate(contextLine(), 300)).put("weight", "Bolder"));
        head.add(AdaptiveCards.text(hub.name() + ": alert resolved").put("size", "Large").put("weight", "Bolder")
                .put("spacing", "Small"));
        head.add(AdaptiveCards.text(Texts.truncate(capitalise(alertName()) + " resolved " + lasted() + ".", 300))
                .put("spacing", "Small"));
        body.add(AdaptiveCards.container(CardColour.GOOD.teamsStyle(), head));
        JsonObject facts = AdaptiveCards.factSet();
        AdaptiveCards.fact(facts, "Lasted", timesText());
        AdaptiveCards.fact(facts, "Connected now", connectedNowFact());
        alert.metric().ifPresent(m -> AdaptiveCards.fact(facts, "Alert rule", Texts.truncate(ReportFacts.rule(m), 300)));
        body.add(facts.put("spacing", "Medium"));
        List<JsonObject> buttons = new ArrayList<>();
        TeamsCard.addButton(buttons, "Open the hub", hubLink);
        body.addAll(AdaptiveCards.buttonRows(buttons));
        return AdaptiveCards.message(card);
    }

    /** The Slack body: the summary as text, a header, one section with the facts, and the hub button. */
    public JsonObject slack() {
        JsonObject body = Json.object();
        body.put("text", SlackText.escapeFit(summary(), 1000));
        JsonArray blocks = body.putArray("blocks");
        blocks.add(SlackMessage.header(CardColour.GOOD.slackEmoji() + " " + hub.name() + ": alert resolved"));
        blocks.add(SlackMessage.section("summary", SlackText.escapeFit(capitalise(alertName()) + " resolved "
                + lasted() + ".", 1000) + "\n" + SlackText.escapeFit(contextLine(), 1000)));
        JsonObject facts = Json.object();
        facts.put("type", "section");
        facts.put("block_id", "facts");
        JsonArray fields = facts.putArray("fields");
        SlackMessage.field(fields, "Lasted", timesText());
        SlackMessage.field(fields, "Connected now", connectedNowFact());
        alert.metric().ifPresent(m -> SlackMessage.field(fields, "Alert rule", ReportFacts.rule(m)));
        blocks.add(facts);
        JsonArray buttons = Json.array();
        List<String> notes = new ArrayList<>();
        SlackMessage.button(buttons, "open_hub", "Open the hub", hubLink, false, notes);
        SlackMessage.addLinks(blocks, buttons, notes);
        blocks.add(SlackMessage.context("footer", List.of("iothub-triage · " + hub.resourceId())));
        return body;
    }

    /**
     * The generic-webhook JSON: {@code event} "resolved", the hub and alert objects as in the report JSON,
     * {@code durationSeconds} (null when unknown), {@code deviceCount.now/registered} and {@code links.hub}.
     */
    public JsonObject json() {
        JsonObject o = Json.object();
        o.put("schemaVersion", TriageReport.SCHEMA_VERSION);
        o.put("event", "resolved");
        o.set("hub", ReportJson.hub(new TriageReport.Hub(hub)));
        o.set("alert", ReportJson.alert(alert));
        Optional<Duration> d = duration();
        if (d.isPresent()) {
            o.put("durationSeconds", d.get().getSeconds());
        } else {
            o.putNull("durationSeconds");
        }
        JsonObject count = o.putObject("deviceCount");
        Json.putNumber(count, "now", devicesNow());
        Json.putNumber(count, "registered", registered);
        Json.putText(o.putObject("links"), "hub", hubLink);
        return o;
    }

    private String connectedNowFact() {
        OptionalDouble now = devicesNow();
        if (now.isEmpty()) {
            return "Unknown";
        }
        return Texts.count(now.getAsDouble())
                + (registered.isPresent() ? " of " + Texts.count(registered.getAsDouble()) + " registered" : "");
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
