package io.iothubtriage.dispatch;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The idempotency ledger in Azure Table storage (table {@value #TABLE} on the app's own storage account).
 * One row per alert notification (partition = hash of the alert id, row = Fired/Resolved) and one flapping row per
 * hub. Every write is conditional: inserts fail on an existing row, replaces carry the ETag that was read, so two
 * workers handling the same alert at once cannot both claim the same post.
 */
public final class TriageLedger {
    public static final String TABLE = "triageledger";
    static final String HUB_ROW = "flapping";
    /** The slot of an alert row that records who is triaging it (owner and since, as for a post). */
    public static final String TRIAGE_SLOT = "triage:";
    private static final int MAX_CONFLICT_RETRIES = 8;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TableClient table;
    private final Clock clock;

    public TriageLedger(TableClient table, Clock clock) {
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates the table when it does not exist yet (the worker calls this once per process). */
    public void ensureTable() {
        try {
            table.createTableWithResponse(CALL_TIMEOUT, Context.NONE);
        } catch (TableServiceException e) {
            if (status(e) != 409) {
                throw new LedgerException("cannot create ledger table " + TABLE + ": " + brief(e), e);
            }
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** The row of an alert notification, if a worker has seen it. */
    public Optional<AlertEntry> find(AlertKey key) {
        return get(key.partitionKey(), key.rowKey()).map(e -> alertFrom(key, e));
    }

    /**
     * The row of an alert notification, created when this is the first time a worker sees it. A row created here
     * carries {@code claimant}'s claim on the alert's triage (slot {@link #TRIAGE_SLOT}, in the same write), so
     * that duplicates arriving while it runs wait for its report instead of triaging too.
     */
    public AlertEntry open(AlertKey key, String hub, String requestId, String claimant) {
        Optional<AlertEntry> found = find(key);
        if (found.isPresent()) {
            return found.get();
        }
        Instant now = clock.instant();
        AlertEntry fresh = AlertEntry.fresh(key, hub, requestId, now)
                .withDelivery(TRIAGE_SLOT, Delivery.pending(now).claimed(claimant, now));
        try {
            table.createEntityWithResponse(alertEntity(fresh), CALL_TIMEOUT, Context.NONE);
        } catch (TableServiceException e) {
            if (status(e) != 409) {
                throw new LedgerException("cannot record alert " + key.shortId() + ": " + brief(e), e);
            }
            // Another worker created it a moment ago: use theirs.
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
        return find(key).orElseThrow(() -> new LedgerException("ledger row " + key.shortId() + " vanished", null));
    }

    /**
     * Read-modify-write of an alert row with optimistic concurrency: the change is applied to the latest row and
     * written only if nobody wrote in between, retrying on conflict. A change that returns the row unchanged
     * writes nothing.
     */
    public AlertEntry update(AlertKey key, UnaryOperator<AlertEntry> change) {
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            AlertEntry current = find(key).orElseThrow(
                    () -> new LedgerException("ledger row " + key.shortId() + " is missing; open it first", null));
            AlertEntry changed = change.apply(current);
            if (changed.equals(current)) {
                return current;
            }
            Instant now = clock.instant();
            Optional<String> etag = replace(alertEntity(changed.stored(now, current.etag())), current.etag());
            if (etag.isPresent()) {
                return changed.stored(now, etag.get());
            }
            backOff(attempt);
        }
        throw new LedgerException("too many concurrent writers on ledger row " + key.shortId(), null);
    }

    /**
     * Records that a full card of {@code firing} was posted for the hub, so suppression starts from it (conditional
     * write, re-read on conflict).
     */
    public HubEntry cardPosted(String hubId, Flapping.Firing firing) {
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            HubEntry current = hub(hubId);
            HubEntry changed = Flapping.cardPosted(current, firing);
            if (changed.equals(current)) {
                return current;
            }
            Optional<HubEntry> saved = save(changed);
            if (saved.isPresent()) {
                return saved.get();
            }
            backOff(attempt);
        }
        throw new LedgerException("too many concurrent writers on the flapping row of " + hubId, null);
    }

    /**
     * Waits a little before re-reading a row another writer changed: growing with the attempt, with jitter so
     * that writers who collided do not collide again in step.
     */
    static void backOff(int attempt) {
        long ceiling = Math.min(400, 20L << Math.min(attempt, 4));
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while waiting to retry a ledger write", e);
        }
    }

    /** The flapping row of a hub; a hub never seen has an empty one (not stored until {@link #save(HubEntry)}). */
    public HubEntry hub(String hubId) {
        return get(hubPartition(hubId), HUB_ROW).map(e -> hubFrom(hubId, e)).orElse(HubEntry.fresh(hubId));
    }

    /**
     * Stores a hub row that was read with {@link #hub(String)} and changed.
     *
     * @return the stored row, or empty when another worker wrote it in between (read it again and redecide)
     */
    public Optional<HubEntry> save(HubEntry hub) {
        TableEntity entity = hubEntity(hub);
        if (hub.etag().isEmpty()) {
            try {
                table.createEntityWithResponse(entity, CALL_TIMEOUT, Context.NONE);
                return Optional.of(this.hub(hub.hubId()));
            } catch (TableServiceException e) {
                if (status(e) == 409) {
                    return Optional.empty();
                }
                throw new LedgerException("cannot record hub state: " + brief(e), e);
            } catch (RuntimeException e) {
            throw unreachable(e);
        }
        }
        return replace(entity, hub.etag()).map(hub::withEtag);
    }

    static String hubPartition(String hubId) {
        return "hub-" + AlertKey.sha256(hubId.toLowerCase(Locale.ROOT));
    }

    private Optional<TableEntity> get(String partition, String row) {
        try {
            return Optional.of(table.getEntityWithResponse(partition, row, null, CALL_TIMEOUT, Context.NONE)
                    .getValue());
        } catch (TableServiceException e) {
            if (status(e) == 404) {
                return Optional.empty();
            }
            throw new LedgerException("cannot read ledger: " + brief(e), e);
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** Replace-if-unchanged; the new ETag, or empty on a conflict (412). */
    private Optional<String> replace(TableEntity entity, String etag) {
        entity.addProperty("odata.etag", etag);
        try {
            var response = table.updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, CALL_TIMEOUT,
                    Context.NONE);
            String newEtag = response.getHeaders().getValue(com.azure.core.http.HttpHeaderName.ETAG);
            return Optional.of(newEtag == null ? "" : newEtag);
        } catch (TableServiceException e) {
            if (status(e) == 412) {
                return Optional.empty();
            }
            throw new LedgerException("cannot write ledger: " + brief(e), e);
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /**
     * Anything but a service answer (connection refused, a timeout, a DNS failure) is also a ledger failure: the
     * callers handle {@link LedgerException} and must not see the transport's own exceptions.
     */
    private static LedgerException unreachable(RuntimeException e) {
        if (e instanceof LedgerException l) {
            return l;
        }
        return new LedgerException("ledger table unreachable: " + e.getClass().getSimpleName(), e);
    }

    private static int status(TableServiceException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }

    private static String brief(TableServiceException e) {
        String code = e.getValue() == null || e.getValue().getErrorCode() == null ? ""
                : " " + e.getValue().getErrorCode();
        return "HTTP " + status(e) + code;
    }

    // ---- mapping ----

    private static TableEntity alertEntity(AlertEntry a) {
        TableEntity e = new TableEntity(a.key().partitionKey(), a.key().rowKey());
        e.addProperty("AlertId", a.key().alertId());
        e.addProperty("Condition", a.key().condition().wire());
        e.addProperty("Hub", a.hub());
        e.addProperty("RequestId", a.requestId());
        e.addProperty("CreatedAt", utc(a.createdAt()));
        e.addProperty("UpdatedAt", utc(a.updatedAt()));
        a.plan().ifPresent(p -> e.addProperty("Plan", p.name()));
        a.verdict().ifPresent(v -> e.addProperty("Verdict", v));
        // The caller checked StoredReport.fits before putting a report on the row.
        a.report().flatMap(StoredReport::parts).ifPresent(parts -> {
            e.addProperty("ReportParts", parts.size());
            for (int i = 0; i < parts.size(); i++) {
                e.addProperty("Report" + i, parts.get(i));
            }
        });
        e.addProperty("RepeatCount", a.repeatCount());
        e.addProperty("Runs", a.runs());
        e.addProperty("Deliveries", deliveriesJson(a.deliveries()));
        return e;
    }

    private static AlertEntry alertFrom(AlertKey key, TableEntity e) {
        return new AlertEntry(key, text(e, "Hub"), text(e, "RequestId"), instant(e, "CreatedAt"),
                instant(e, "UpdatedAt"), optText(e, "Plan").map(Plan::valueOf), optText(e, "Verdict"),
                report(e), number(e, "RepeatCount"), number(e, "Runs"), deliveriesFrom(text(e, "Deliveries")),
                e.getETag());
    }

    /**
     * The stored report; empty when the row has none or it cannot be unpacked (a row written by hand): the worker
     * then triages again, as it would for a row without one, rather than hold the alert on it.
     */
    private static Optional<String> report(TableEntity e) {
        int count = number(e, "ReportParts");
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!(e.getProperty("Report" + i) instanceof byte[] part)) {
                return Optional.empty();
            }
            parts.add(part);
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StoredReport.join(parts));
        } catch (java.io.UncheckedIOException unreadable) {
            return Optional.empty();
        }
    }

    private static TableEntity hubEntity(HubEntry h) {
        TableEntity e = new TableEntity(hubPartition(h.hubId()), HUB_ROW);
        e.addProperty("HubId", h.hubId());
        h.lastVerdict().ifPresent(v -> e.addProperty("LastVerdict", v));
        h.lastFullCardAt().ifPresent(t -> e.addProperty("LastFullCardAt", utc(t)));
        e.addProperty("LastRule", h.lastRule());
        e.addProperty("LastSeverity", h.lastSeverity());
        e.addProperty("FiredCount", h.firedCount());
        ArrayNode recent = JSON.createArrayNode();
        for (HubEntry.Decision d : h.recent()) {
            recent.addObject().put("alert", d.alert()).put("plan", d.plan().name()).put("count", d.count());
        }
        e.addProperty("Recent", recent.toString());
        return e;
    }

    private static HubEntry hubFrom(String hubId, TableEntity e) {
        List<HubEntry.Decision> recent = new ArrayList<>();
        for (JsonNode n : parse(text(e, "Recent"), "[]")) {
            recent.add(new HubEntry.Decision(n.path("alert").asText(), Plan.valueOf(n.path("plan").asText()),
                    n.path("count").asInt()));
        }
        String stored = text(e, "HubId");
        return new HubEntry(stored.isEmpty() ? hubId : stored, optText(e, "LastVerdict"),
                optInstant(e, "LastFullCardAt"), text(e, "LastRule"), text(e, "LastSeverity"),
                number(e, "FiredCount"), recent, e.getETag());
    }

    private static String deliveriesJson(Map<String, Delivery> deliveries) {
        ObjectNode o = JSON.createObjectNode();
        deliveries.forEach((dest, d) -> {
            ObjectNode n = o.putObject(dest);
            n.put("state", d.state().name());
            n.put("attempts", d.attempts());
            n.put("since", d.since().toString());
            n.put("owner", d.owner());
            n.put("reason", d.reason());
            n.put("mayHaveArrived", d.mayHaveArrived());
            d.postedAt().ifPresent(t -> n.put("postedAt", t.toString()));
        });
        return o.toString();
    }

    private static Map<String, Delivery> deliveriesFrom(String json) {
        Map<String, Delivery> out = new LinkedHashMap<>();
        JsonNode root = parse(json, "{}");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode n = f.getValue();
            out.put(f.getKey(), new Delivery(PostState.valueOf(n.path("state").asText("PENDING")),
                    n.path("attempts").asInt(), Instant.parse(n.path("since").asText()),
                    n.path("owner").asText(""), n.path("reason").asText(""), n.path("mayHaveArrived").asBoolean(),
                    n.hasNonNull("postedAt") ? Optional.of(Instant.parse(n.get("postedAt").asText()))
                            : Optional.empty()));
        }
        return out;
    }

    private static JsonNode parse(String json, String fallback) {
        try {
            return JSON.readTree(json == null || json.isEmpty() ? fallback : json);
        } catch (JsonProcessingException e) {
            throw new LedgerException("unreadable ledger row: " + e.getOriginalMessage(), e);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static String text(TableEntity e, String name) {
        Object v = e.getProperty(name);
        return v == null ? "" : v.toString();
    }

    private static Optional<String> optText(TableEntity e, String name) {
        String v = text(e, name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private static int number(TableEntity e, String name) {
        Object v = e.getProperty(name);
        return v instanceof Number n ? n.intValue() : 0;
    }

    private static Instant instant(TableEntity e, String name) {
        return optInstant(e, name).orElse(Instant.EPOCH);
    }

    private static Optional<Instant> optInstant(TableEntity e, String name) {
        Object v = e.getProperty(name);
        if (v instanceof OffsetDateTime t) {
            return Optional.of(t.toInstant());
        }
        if (v instanceof String s && !s.isEmpty()) {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        }
        return Optional.empty();
    }
}
