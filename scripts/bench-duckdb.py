"""The aggregation a triage needs, done by DuckDB on the same portal CSV export the CLI reads.

Same work as `iothub-triage triage --logs FILE` up to the verdict's inputs: read the CSV, keep the hub's Connections
rows (resource id compared case-insensitively), each once (identity: TimeGenerated, OperationName, ResultType,
properties_s), lift deviceId and the scope dimensions out of properties_s with json_extract_string, then per code
(events, devices, on reconnect, first and last) with SAS-token renewals set aside by a window function (an error of
401003/404104 followed by a successful connect of the same device within 2 minutes), per device (error events,
codes, latest dimension values, still offline), the fleet's dimension breakdowns, the baseline per code, and the
per-minute timeline. Prints the row counts it found, so a run that reads nothing does not pass for a fast one.

usage: python3 scripts/bench-duckdb.py FILE HUB_RESOURCE_ID WINDOW_FROM WINDOW_TO BASELINE_FROM
"""
import sys

import duckdb

path, hub, start, end, base = sys.argv[1:6]
con = duckdb.connect()
con.execute("""
CREATE TEMP TABLE rows AS
SELECT DISTINCT
       strptime("TimeGenerated [UTC]", ['%m/%d/%Y, %I:%M:%S.%g %p', '%m/%d/%Y, %I:%M:%S %p']) AS t,
       OperationName AS op, coalesce(ResultType, '') AS code, properties_s AS props
FROM read_csv(?, header = true, all_varchar = true)
WHERE Category = 'Connections' AND lower(_ResourceId) = lower(?)
""", [path, hub])
con.execute("""
CREATE TEMP TABLE ev AS
SELECT t, op, code,
       json_extract_string(props, '$.deviceId') AS device,
       json_extract_string(props, '$.maskedIpAddress') AS ip,
       json_extract_string(props, '$.protocol') AS protocol,
       json_extract_string(props, '$.authType') AS auth,
       json_extract_string(props, '$.sdkVersion') AS sdk,
       code <> '' AS err,
       op = 'deviceConnect' AND code = '' AS ok
FROM rows WHERE t >= ?::TIMESTAMP AND t < ?::TIMESTAMP
""", [start.rstrip('Z'), end.rstrip('Z')])
renewal = con.execute("""
WITH marked AS (
  SELECT *, min(CASE WHEN ok THEN t END) OVER (PARTITION BY device ORDER BY t
             ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_ok
  FROM ev)
SELECT code, count(*) AS events, count(DISTINCT device) AS devices,
       count(*) FILTER (WHERE op = 'deviceConnect') AS on_connect,
       count(*) FILTER (WHERE code IN ('401003', '404104') AND next_ok <= t + INTERVAL 2 MINUTE) AS renewals,
       min(t), max(t)
FROM marked WHERE err GROUP BY code ORDER BY devices DESC
""").fetchall()
per_device = con.execute("""
SELECT device, count(*) FILTER (WHERE err) AS errors, list(DISTINCT code) FILTER (WHERE err) AS codes,
       arg_max(ip, t) AS ip, arg_max(protocol, t) AS protocol, arg_max(auth, t) AS auth, arg_max(sdk, t) AS sdk,
       max(t) FILTER (WHERE ok) AS last_ok, max(t) FILTER (WHERE err) AS last_err
FROM ev GROUP BY device
""").fetchall()
fleet = con.execute("""
SELECT 'ip' AS dim, ip AS value, count(*) FROM (SELECT device, arg_max(ip, t) AS ip FROM ev GROUP BY device) GROUP BY ip
UNION ALL
SELECT 'sdk', sdk, count(*) FROM (SELECT device, arg_max(sdk, t) AS sdk FROM ev GROUP BY device) GROUP BY sdk
""").fetchall()
baseline = con.execute("""
SELECT code, count(*), count(DISTINCT json_extract_string(props, '$.deviceId'))
FROM rows WHERE t >= ?::TIMESTAMP AND t < ?::TIMESTAMP AND code <> '' GROUP BY code
""", [base.rstrip('Z'), start.rstrip('Z')]).fetchall()
timeline = con.execute("""
SELECT date_trunc('minute', t) AS m, count(*) FILTER (WHERE ok), count(*) FILTER (WHERE op = 'deviceDisconnect'),
       count(*) FILTER (WHERE err)
FROM ev GROUP BY m ORDER BY m
""").fetchall()
total = con.execute("SELECT count(*) FROM rows").fetchone()[0]
print(f"duckdb {duckdb.__version__}: {total} hub rows, {len(per_device)} active devices, {len(renewal)} codes, "
      f"{len(baseline)} baseline codes, {len(timeline)} minutes, {len(fleet)} dimension values")
