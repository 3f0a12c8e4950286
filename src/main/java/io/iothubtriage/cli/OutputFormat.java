package io.iothubtriage.cli;

import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.notify.ChatPayloads;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.HtmlReport;
import io.iothubtriage.notify.MarkdownRenderer;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.notify.ReportJson;
import io.iothubtriage.notify.TextRenderer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code --format} prints. */
enum OutputFormat {
    TEXT, MARKDOWN, JSON, TEAMS, SLACK, HTML;

    static OutputFormat parse(String value) throws UsageException {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(value)) {
                return f;
            }
        }
        throw new UsageException("--format must be one of " + Arrays.stream(values())
                .map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("|")) + ", was '"
                + (value.length() > 30 ? value.substring(0, 30) + "…" : value) + "'");
    }

    String render(TriageReport report, boolean colour) {
        return switch (this) {
            case TEXT -> new TextRenderer(colour).render(report);
            case MARKDOWN -> new MarkdownRenderer().render(report);
            case JSON -> ReportJson.toPrettyJson(report);
            case TEAMS -> ChatPayloads.renderPretty(Notification.of(report), Destination.Kind.TEAMS);
            case SLACK -> ChatPayloads.renderPretty(Notification.of(report), Destination.Kind.SLACK);
            case HTML -> new HtmlReport().render(report);
        };
    }
}
