package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iothubtriage.diagnosis.PortalLinks;

import java.util.OptionalDouble;

/**
 * The payload of each {@link Notice} for a kind of destination: the full card and the resolved message as
 * {@link ChatPayloads} renders them (marked "manual rerun" when a person asked), the short notices of the Functions
 * app, and the "possible repeat" mark on any of them.
 */
public final class NoticePayloads {
    private NoticePayloads() {
    }

    /** The JSON body to post to a destination of {@code kind}. */
    public static ObjectNode tree(Notice notice, Destination.Kind kind) {
        ObjectNode body = body(notice, kind);
        return notice.possibleRepeat() ? RepeatMark.apply(body, kind) : body;
    }

    private static ObjectNode body(Notice notice, Destination.Kind kind) {
        if (notice instanceof Notice.FullCard c) {
            ObjectNode card = ChatPayloads.tree(Notification.of(c.report()), kind);
            return c.manualRerun() ? ManualMark.apply(card, kind) : card;
        }
        if (notice instanceof Notice.Resolved r) {
            return ChatPayloads.tree(new ResolvedMessage(r.hub(), r.alert(), OptionalDouble.empty(),
                    OptionalDouble.empty(), PortalLinks.hubOverview(r.hub())), kind);
        }
        if (notice instanceof Notice.RepeatUpdate u) {
            return ShortNotices.stillOngoing(u, kind);
        }
        if (notice instanceof Notice.Fallback f) {
            return ShortNotices.fallback(f, kind);
        }
        if (notice instanceof Notice.TestOrStale t) {
            return ShortNotices.testOrStale(t, kind);
        }
        return ShortNotices.failed((Notice.TriageFailed) notice, kind);
    }
}
