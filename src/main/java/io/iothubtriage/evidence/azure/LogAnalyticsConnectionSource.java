package io.iothubtriage.evidence.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.rest.Response;
import com.azure.core.models.ResponseError;
import com.azure.monitor.query.LogsQueryAsyncClient;
import com.azure.monitor.query.LogsQueryClientBuilder;
import com.azure.monitor.query.models.LogsQueryOptions;
import com.azure.monitor.query.models.LogsQueryResult;
import com.azure.monitor.query.models.LogsQueryResultStatus;
import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.QueryTimeInterval;
import com.azure.core.http.HttpPipeline;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.evidence.ConnectionAggregator;
import io.iothubtriage.evidence.ConnectionLogReader;
import io.iothubtriage.evidence.LogFormat;
import io.iothubtriage.evidence.Coverage;
import io.iothubtriage.evidence.HubMatcher;
import io.iothubtriage.evidence.Inputs;
import io.iothubtriage.evidence.RowIntake;
import io.iothubtriage.evidence.NoiseRules;
import io.iothubtriage.evidence.ReadStats;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.ConnectionLogSource;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Connection evidence from Log Analytics, summarised server-side by the queries in connections-summary.kql and
 * connections-timeline.kql (at most 531 + one row per minute, however many events the hub logged).
 *
 * <p>By default the queries are resource-centric ({@code POST {endpoint}/subscriptions/…/IotHubs/{hub}/query}): no
 * workspace id needed, and the identity needs read access to the hub's logs. With a workspace id they run on the
 * workspace ({@code POST {endpoint}/workspaces/{id}/query}). The two queries run concurrently, each bounded by
 * the source's timeout, which is also sent as the server timeout ({@code Prefer: wait=N}). A partial result is
 * used and recorded as a gap; a failed timeline is a gap; a failed summary fails the source.
 */
public final class LogAnalyticsConnectionSource implements ConnectionLogSource {

    /** Rows of a window fetched at most: about 45 MB of JSON at ~450 bytes a row, under the API's 64 MB. */
    public static final long DEFAULT_ROW_CAP = 100_000;
    /** The query API returns at most 500,000 rows. */
    static final long MAX_ROW_CAP = 499_999;

    private final Supplier<LogsQueryAsyncClient> client;
    private final Optional<String> workspaceId;
    private final Duration timeout;
    private final Duration serverTimeout;
    private final Clock clock;
    private final Optional<LogsQueryHttp> rowsHttp;
    private final long rowCap;
    private final Duration ingestionAllowance;

    private LogAnalyticsConnectionSource(Builder b) {
        if (b.client != null) {
            this.client = b.client;
        } else {
            LogsQueryAsyncClient built = buildClient(b);
            this.client = () -> built;
        }
        if (b.rowsPipeline != null) {
            this.rowsHttp = Optional.of(new LogsQueryHttp(b.rowsPipeline, b.endpoint));
        } else if (b.endpoint != null && b.httpClient != null) {
            this.rowsHttp = Optional.of(new LogsQueryHttp(AzurePipelines.logAnalytics(b.httpClient,
                    Optional.ofNullable(b.credential), AzureEndpoints.scopeOf(b.endpoint), b.retryOptions), b.endpoint));
        } else {
            this.rowsHttp = Optional.empty();
        }
        this.rowCap = b.rowCap;
        this.ingestionAllowance = b.ingestionAllowance;
        this.workspaceId = b.workspaceId;
        this.timeout = b.timeout;
        this.serverTimeout = b.serverTimeout != null ? b.serverTimeout : defaultServerTimeout(b.timeout);
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Fetched<ConnectionEvidence> fetch(TriageRequest request) throws EvidenceException {
        Instant now = clock.instant();
        TimeWindow rowsRange;
        String countsQuery;
        try {
            rowsRange = ConnectionQueries.rowsRange(request, NoiseRules.DEFAULT_EDGE_OF_DATA, now);
            countsQuery = ConnectionQueries.counts(request, rowsRange);
        } catch (IllegalArgumentException e) {
            throw new EvidenceException("connection logs not queried: " + e.getMessage(), false, e);
        }
        AzureFailures.Access access = access(request.hub());
        // The counts (baseline, freshness) are wanted by both paths: they run while the rows stream in.
        CompletableFuture<Attempt<LogsQueryResult>> counts = Attempt.of(query(request.hub(), countsQuery,
                ConnectionQueries.countsRange(request, rowsRange)), timeout).toFuture();
        List<Gap> gaps = new ArrayList<>();
        Optional<LiveCounts> liveCounts = Optional.empty();
        ConnectionEvidence evidence;
        if (rowsHttp.isPresent() && rowCap > 0) {
            Optional<ConnectionEvidence> fromRows = fetchRows(request, rowsRange, access, counts, gaps);
            liveCounts = counted(counts, access, gaps);
            if (fromRows.isPresent()) {
                ConnectionEvidence e = fromRows.get();
                if (liveCounts.isPresent()) {
                    e = RowsEvidence.withBaseline(e, liveCounts.get());
                } else {
                    gaps.add(new Gap(Gap.CONNECTION_LOGS, "the baseline could not be counted, so no error rate can "
                            + "be compared with the usual one"));
                }
                evidence = e.withNewestIngested(liveCounts.flatMap(LiveCounts::newestIngested));
                return finish(request, evidence, liveCounts, now, gaps);
            }
        }
        evidence = fetchSummary(request, access, gaps);
        if (liveCounts.isEmpty()) {
            liveCounts = counted(counts, access, new ArrayList<>());
        }
        evidence = evidence.withInputs(Inputs.live(Inputs.LIVE_SUMMARY, evidence.analysisRows(), Optional.empty(),
                evidence.lastRowTime())).withNewestIngested(liveCounts.flatMap(LiveCounts::newestIngested));
        return finish(request, evidence, liveCounts, now, gaps);
    }

    /** Adds the stale-end gap when the window's end had not landed yet. */
    private Fetched<ConnectionEvidence> finish(TriageRequest request, ConnectionEvidence evidence,
                                               Optional<LiveCounts> counts, Instant now, List<Gap> gaps) {
        Optional<Instant> newest = evidence.lastRowTime();
        Optional<Instant> counted = counts.flatMap(LiveCounts::newestRow);
        if (counted.isPresent() && (newest.isEmpty() || counted.get().isAfter(newest.get()))) {
            newest = counted;
        }
        Optional<Instant> fetched = evidence.inputs().flatMap(Inputs::last);
        if (fetched.isPresent() && (newest.isEmpty() || fetched.get().isAfter(newest.get()))) {
            newest = fetched;
        }
        StaleEnd.check(request.window(), newest, evidence.baselineRows(), request.baseline(), now, ingestionAllowance)
                .ifPresent(gaps::add);
        return new Fetched<>(evidence, gaps);
    }

    /**
     * The rows path: the window's rows through the same reader and aggregator as an export. Empty when the window
     * holds more rows than {@link Builder#rowCap} (or Log Analytics cut the response): then the summary path runs.
     */
    private Optional<ConnectionEvidence> fetchRows(TriageRequest request, TimeWindow rowsRange,
                                                   AzureFailures.Access access,
                                                   CompletableFuture<Attempt<LogsQueryResult>> counts, List<Gap> gaps)
            throws EvidenceException {
        String rowsQuery;
        String dimensionsQuery;
        try {
            rowsQuery = ConnectionQueries.rows(request, rowsRange, rowCap + 1);
            dimensionsQuery = ConnectionQueries.dimensions(request, rowsRange);
        } catch (IllegalArgumentException e) {
            throw new EvidenceException("connection logs not queried: " + e.getMessage(), false, e);
        }
        CompletableFuture<Attempt<LogsQueryResult>> dimensions = Attempt.of(query(request.hub(), dimensionsQuery,
                ConnectionQueries.countsRange(request, rowsRange)), timeout).toFuture();
        ConnectionAggregator aggregator = new ConnectionAggregator(request);
        RowTally tally = new RowTally(aggregator, rowCap);
        RowIntake intake = new RowIntake(Inputs.LIVE_ROWS, HubMatcher.of(request.hub()), request.window(), tally);
        LogsQueryHttp http = rowsHttp.get();
        ReadStats stats;
        try {
            stats = http.query(http.url(request.hub(), workspaceId), rowsQuery, rowsRange, serverTimeout, timeout,
                    body -> ConnectionLogReader.readResponse(body, "the Log Analytics rows of the window", intake),
                    () -> new ReadStats(LogFormat.LOG_ANALYTICS_RESPONSE, 0, 0, 0, List.of(), 0, 0, 0, 0));
        } catch (RowTally.OverCap over) {
            dimensions.cancel(true);
            return Optional.empty();
        } catch (BadInputException e) {
            dimensions.cancel(true);
            throw AzureFailures.classify(new MalformedResponseException(e.getMessage(), e), access, timeout);
        } catch (Exception e) {
            dimensions.cancel(true);
            throw AzureFailures.classify(e, access, timeout);
        }
        if (stats.rows() > rowCap || !stats.warnings().isEmpty()) {
            // Log Analytics stopped the response early (size or time): the rows are not all there.
            dimensions.cancel(true);
            return Optional.empty();
        }
        Attempt<LogsQueryResult> dims = dimensions.join();
        if (dims.failure().isPresent()) {
            gaps.add(new Gap(Gap.CONNECTION_LOGS, "the devices' SDK, protocol and address from before the window are "
                    + "unknown: " + AzureFailures.classify(dims.failure().get(), access, timeout).getMessage()));
        } else {
            try {
                RowsEvidence.feedDimensions(tables(usable(dims.value().get(), "dimension values", access, gaps)),
                        aggregator);
            } catch (MalformedResponseException e) {
                gaps.add(new Gap(Gap.CONNECTION_LOGS, "the devices' SDK, protocol and address from before the window"
                        + " are unknown: " + AzureFailures.classify(e, access, timeout).getMessage()));
            }
        }
        ConnectionEvidence e = aggregator.finish();
        Inputs inputs = intake.inputs();
        gaps.addAll(Coverage.gaps(request, inputs, e));
        return Optional.of(e.withInputs(inputs));
    }

    /** The counts, or empty (and a gap's worth of reason in {@code gaps}) when they could not be had. */
    private Optional<LiveCounts> counted(CompletableFuture<Attempt<LogsQueryResult>> counts,
                                         AzureFailures.Access access, List<Gap> gaps) throws EvidenceException {
        Attempt<LogsQueryResult> attempt = counts.join();
        if (attempt.failure().isPresent()) {
            gaps.add(new Gap(Gap.CONNECTION_LOGS, "the hub's row counts are unavailable: "
                    + AzureFailures.classify(attempt.failure().get(), access, timeout).getMessage()));
            return Optional.empty();
        }
        try {
            return Optional.of(LiveCounts.read(tables(usable(attempt.value().get(), "row counts", access, gaps))));
        } catch (MalformedResponseException e) {
            gaps.add(new Gap(Gap.CONNECTION_LOGS, "the hub's row counts are unavailable: "
                    + AzureFailures.classify(e, access, timeout).getMessage()));
            return Optional.empty();
        }
    }

    /** The scale path: the window summarised server-side by connections-summary.kql, and its timeline. */
    private ConnectionEvidence fetchSummary(TriageRequest request, AzureFailures.Access access, List<Gap> gaps)
            throws EvidenceException {
        String summaryQuery;
        String timelineQuery;
        try {
            summaryQuery = ConnectionQueries.summary(request);
            timelineQuery = ConnectionQueries.timeline(request);
        } catch (IllegalArgumentException e) {
            throw new EvidenceException("connection logs not queried: " + e.getMessage(), false, e);
        }
        Mono<Attempt<LogsQueryResult>> summary = Attempt.of(query(request.hub(), summaryQuery,
                ConnectionQueries.summaryRange(request)), timeout);
        Mono<Attempt<LogsQueryResult>> timeline = Attempt.of(query(request.hub(), timelineQuery, request.window()),
                timeout);
        var both = Mono.zip(summary, timeline).block();

        Attempt<LogsQueryResult> summaryAttempt = both.getT1();
        if (summaryAttempt.failure().isPresent()) {
            throw AzureFailures.classify(summaryAttempt.failure().get(), access, timeout);
        }
        LogsQueryResult summaryResult = usable(summaryAttempt.value().get(), "connection summary", access, gaps);

        List<MinuteBucket> minutes = List.of();
        Attempt<LogsQueryResult> timelineAttempt = both.getT2();
        if (timelineAttempt.failure().isPresent()) {
            gaps.add(new Gap(Gap.CONNECTION_LOGS, "per-minute timeline unavailable: "
                    + AzureFailures.classify(timelineAttempt.failure().get(), access, timeout).getMessage()));
        } else {
            try {
                LogsQueryResult timelineResult = usable(timelineAttempt.value().get(), "per-minute timeline", access, gaps);
                minutes = ConnectionSummaryReader.timeline(request.window(), tables(timelineResult));
            } catch (EvidenceException | MalformedResponseException e) {
                gaps.add(new Gap(Gap.CONNECTION_LOGS, "per-minute timeline unavailable: " + e.getMessage()));
            }
        }
        try {
            return ConnectionSummaryReader.read(request.window(), tables(summaryResult), minutes);
        } catch (MalformedResponseException e) {
            throw AzureFailures.classify(e, access, timeout);
        }
    }

    /** Does the hub send Connections rows that this identity can read? For the doctor command. */
    SourceCheck check(HubId hub) {
        AzureFailures.Access access = access(hub);
        Instant now = clock.instant();
        String query;
        try {
            query = ConnectionQueries.doctor(hub, now);
        } catch (IllegalArgumentException e) {
            return SourceCheck.missing(Gap.CONNECTION_LOGS, e.getMessage());
        }
        Attempt<LogsQueryResult> attempt = Attempt.of(query(hub, query,
                new TimeWindow(now.minus(ConnectionQueries.DOCTOR_LOOKBACK), now)), timeout).block();
        if (attempt.failure().isPresent()) {
            return SourceCheck.of(Gap.CONNECTION_LOGS, AzureFailures.classify(attempt.failure().get(), access, timeout));
        }
        LogsQueryResult result = attempt.value().get();
        try {
            List<LogsTable> tables = tables(result);
            long rows = tables.isEmpty() || tables.get(0).getRows().isEmpty() ? 0 : tables.get(0).getRows().get(0)
                    .getColumnValue("rows").map(c -> c.getValueAsLong()).orElse(0L);
            if (rows == 0) {
                return SourceCheck.missing(Gap.CONNECTION_LOGS, "no Connections rows in 24 h in " + where(hub)
                        + ": add a diagnostic setting on the hub sending the Connections category to a Log Analytics"
                        + " workspace");
            }
            String newest = tables.get(0).getRows().get(0).getColumnValue("newest")
                    .map(c -> c.getValueAsDateTime()).map(t -> " (newest " + t.toInstant() + ")").orElse("");
            return SourceCheck.ok(Gap.CONNECTION_LOGS, rows + " Connections rows in 24 h in " + where(hub) + newest);
        } catch (RuntimeException e) {
            return SourceCheck.of(Gap.CONNECTION_LOGS,
                    AzureFailures.classify(new MalformedResponseException(e.getMessage(), e), access, timeout));
        }
    }

    private Mono<LogsQueryResult> query(HubId hub, String query, TimeWindow range) {
        QueryTimeInterval interval = new QueryTimeInterval(range.start().atOffset(ZoneOffset.UTC),
                range.end().atOffset(ZoneOffset.UTC));
        LogsQueryOptions options = new LogsQueryOptions().setServerTimeout(serverTimeout).setAllowPartialErrors(true);
        Mono<Response<LogsQueryResult>> call = workspaceId.isPresent()
                ? client.get().queryWorkspaceWithResponse(workspaceId.get(), query, interval, options)
                : client.get().queryResourceWithResponse(hub.resourceId(), query, interval, options);
        return call.flatMap(r -> Mono.justOrEmpty(r.getValue()))
                .switchIfEmpty(Mono.fromSupplier(() -> new LogsQueryResult(List.of(), null, null, null)));
    }

    /** The result's tables, recording a partial result as a gap; a result marked FAILURE fails. */
    private LogsQueryResult usable(LogsQueryResult result, String what, AzureFailures.Access access, List<Gap> gaps)
            throws EvidenceException {
        LogsQueryResultStatus status = result.getQueryResultStatus();
        ResponseError error = result.getError();
        if (status == LogsQueryResultStatus.FAILURE) {
            throw new EvidenceException(access.service() + " could not run the " + what + " query"
                    + describe(error) + "; retry later", true);
        }
        if (status == LogsQueryResultStatus.PARTIAL_FAILURE) {
            gaps.add(new Gap(Gap.CONNECTION_LOGS, "the " + what + " is partial: Log Analytics returned only part of"
                    + " the result" + describe(error) + "; counts may be low"));
        }
        return result;
    }

    private static List<LogsTable> tables(LogsQueryResult result) {
        return result.getAllTables() == null ? List.of() : result.getAllTables();
    }

    private static String describe(ResponseError error) {
        if (error == null) {
            return "";
        }
        return " (" + error.getCode() + ": " + AzureFailures.shorten(error.getMessage()) + ")";
    }

    private AzureFailures.Access access(HubId hub) {
        return workspaceId
                .map(ws -> new AzureFailures.Access("Log Analytics", "Log Analytics Reader", "the workspace " + ws,
                        "the workspace " + ws + " was not found in this cloud; check LOG_ANALYTICS_WORKSPACE_ID"
                                + " (the workspace GUID) and AZURE_CLOUD"))
                .orElseGet(() -> new AzureFailures.Access("Log Analytics", "Reader", "the hub "
                        + hub.resourceId() + " (resource-context access to its logs)",
                        "the hub " + hub.resourceId() + " was not found in this cloud, or its logs go to no workspace"));
    }

    private String where(HubId hub) {
        return workspaceId.map(ws -> "workspace " + ws).orElse("the hub's logs");
    }

    private static Duration defaultServerTimeout(Duration timeout) {
        // The service should give up (504) just before the client does, so the answer names the real cause.
        long seconds = Math.max(1, timeout.minusSeconds(1).getSeconds());
        return Duration.ofSeconds(seconds);
    }

    private static LogsQueryAsyncClient buildClient(Builder b) {
        return newClient(b.endpoint, Optional.ofNullable(b.credential), b.httpClient, b.retryOptions);
    }

    /**
     * The Log Analytics client the sources expect: JDK transport, our retry rules, 204 read as "no data", and a
     * bearer token when a credential is given (azure-monitor-query then insists on an https endpoint).
     *
     * @param endpoint the query API endpoint including /v1
     */
    public static LogsQueryAsyncClient newClient(String endpoint, Optional<TokenCredential> credential,
                                                 HttpClient httpClient, RetryOptions retryOptions) {
        LogsQueryClientBuilder builder = new LogsQueryClientBuilder()
                .endpoint(endpoint)
                .httpClient(httpClient)
                .retryOptions(retryOptions)
                .addPolicy(new NoDataAsEmptyResultPolicy());
        credential.ifPresent(builder::credential);
        return builder.buildAsyncClient();
    }

    /** Builds a source from a ready client, or from an endpoint, a credential and an HTTP client. */
    public static final class Builder {
        private Supplier<LogsQueryAsyncClient> client;
        private String endpoint;
        private TokenCredential credential;
        private HttpClient httpClient;
        private RetryOptions retryOptions = AzurePipelines.retryOptions();
        private Optional<String> workspaceId = Optional.empty();
        private Duration timeout = LiveOptions.DEFAULT_LOGS_TIMEOUT;
        private Duration serverTimeout;
        private Clock clock = Clock.systemUTC();
        private HttpPipeline rowsPipeline;
        private long rowCap = DEFAULT_ROW_CAP;
        private Duration ingestionAllowance = WindowPolicy.DEFAULT_INGESTION_ALLOWANCE;

        private Builder() {
        }

        /**
         * The pipeline (retries, bearer token for Log Analytics) and endpoint the row query streams through; the
         * process's shared one, see {@link AzureConnections}. Without it (and without endpoint + httpClient), only
         * the summary path runs.
         */
        Builder rowsPipeline(HttpPipeline pipeline, String endpoint) {
            this.rowsPipeline = Objects.requireNonNull(pipeline, "pipeline");
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * The most rows of a window the source fetches (default 100,000, well under the query API's 500,000 rows
         * and 64 MB); a window with more is summarised server-side. 0 = always summarise.
         */
        public Builder rowCap(long rowCap) {
            if (rowCap < 0 || rowCap > MAX_ROW_CAP) {
                throw new IllegalArgumentException("rowCap must be between 0 and " + MAX_ROW_CAP + ", was " + rowCap);
            }
            this.rowCap = rowCap;
            return this;
        }

        /** How late logs may land and still be expected (default 2 min): the stale-end gap's threshold. */
        public Builder ingestionAllowance(Duration allowance) {
            this.ingestionAllowance = Objects.requireNonNull(allowance, "allowance");
            return this;
        }

        /**
         * A ready client, e.g. one shared by the process and built by {@link #newClient}; endpoint, credential and
         * httpClient are then not used.
         */
        public Builder client(LogsQueryAsyncClient client) {
            Objects.requireNonNull(client, "client");
            this.client = () -> client;
            return this;
        }

        /** A client built on first use (the process's shared one, see {@link AzureConnections}). */
        Builder client(Supplier<LogsQueryAsyncClient> client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The query API endpoint including /v1, e.g. https://api.loganalytics.io/v1. */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder credential(TokenCredential credential) {
            this.credential = credential;
            return this;
        }

        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public Builder retryOptions(RetryOptions retryOptions) {
            this.retryOptions = Objects.requireNonNull(retryOptions, "retryOptions");
            return this;
        }

        /** The workspace GUID; empty = resource-centric queries on the hub. */
        public Builder workspaceId(Optional<String> workspaceId) {
            this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId").map(String::trim)
                    .filter(s -> !s.isEmpty());
            return this;
        }

        /** How long the source waits for both queries (default 60 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The server-side timeout sent as {@code Prefer: wait=N}; default: one second less than the timeout. */
        public Builder serverTimeout(Duration serverTimeout) {
            this.serverTimeout = Objects.requireNonNull(serverTimeout, "serverTimeout");
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public LogAnalyticsConnectionSource build() {
            if (client == null && (endpoint == null || httpClient == null)) {
                throw new IllegalStateException("set either client(...) or endpoint(...) and httpClient(...)");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalStateException("timeout must be positive");
            }
            return new LogAnalyticsConnectionSource(this);
        }
    }
}
