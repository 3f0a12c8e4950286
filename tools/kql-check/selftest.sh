#!/usr/bin/env bash
# Self-test for kql-check: the examples must give the expected exit codes and lines. Files are checked together
# where that is enough (each diagnostic line names its file), since every run loads the Kusto library anew.
# Installs the pinned dependencies first when they are missing (tools/install.sh: npm ci).
set -u
cd "$(dirname "$0")"
../install.sh kql-check || { echo "kql-check selftest: npm ci failed"; exit 2; }
tool=./kql-check
. ../selftest-lib.sh
good=(examples/good-hub-errors.kql examples/good-parameters.kql examples/good-metric.kql
      --query 'AzureDiagnostics | where Category == "Connections" | count')
check 0 'examples/good-hub-errors.kql: ok' "connection errors per code" -- "${good[@]}"
check 0 'examples/good-parameters.kql: ok' "declare query_parameters" -- "${good[@]}"
check 0 'examples/good-metric.kql: ok' "AzureMetrics with let" -- "${good[@]}"
check 0 '--query[1]: ok' "inline query" -- "${good[@]}"
bad=(examples/bad-column.kql examples/bad-syntax.kql examples/bad-table.kql examples/bad-type.kql
     examples/bad-undeclared-parameter.kql examples/bad-location-column.kql examples/bad-empty.kql
     examples/custom-table.kql examples/good-metric.kql)
check 1 "examples/bad-column.kql:2:9: error KS142: The name 'ResultTyp'" "misspelled column, with its position" -- "${bad[@]}"
check 1 'examples/bad-syntax.kql:2:23: error KS006: Missing expression' "syntax error" -- "${bad[@]}"
check 1 "examples/bad-table.kql:1:1: error KS204: The name 'AzureDiagnostic' does not refer to any known table" "unknown table" -- "${bad[@]}"
check 1 'examples/bad-type.kql:2:17: error KS138: The argument value must be summable' "type error" -- "${bad[@]}"
check 1 "examples/bad-undeclared-parameter.kql:2:29: error KS142: The name 'lookback'" "undeclared parameter" -- "${bad[@]}"
check 1 "examples/bad-location-column.kql:3:26: error KS142: The name 'Location'" "column IoT Hub rows do not have" -- "${bad[@]}"
check 1 'examples/bad-empty.kql:1:1: error EMPTY: no query in this text' "a file with no query" -- "${bad[@]}"
check 1 "examples/custom-table.kql:1:1: error KS204: The name 'TriageRuns_CL'" "table not in the schema" -- "${bad[@]}"
check 1 'examples/good-metric.kql: ok' "a good file among bad ones is still ok, and the run fails" -- "${bad[@]}"
check 1 'kql-check: 9 queries, 9 error(s)' "every bad file's errors counted, none for the good one" -- "${bad[@]}"
with_schema=(--schema examples/custom-schema.json examples/custom-table.kql --query 'AzureDiagnostics | project Location')
check 0 'examples/custom-table.kql: ok' "table added with --schema" -- "${with_schema[@]}"
check 0 '--query[1]: ok' "--schema adds a column to a known table" -- "${with_schema[@]}"
check 0 'warning KS508' "analyzer warning alone passes" -- examples/warn-join-kind.kql
check 1 'warning KS508' "analyzer warning fails with --strict" -- --strict examples/warn-join-kind.kql
check 2 'unknown option' "usage error" -- --bogus
check 2 'cannot read' "missing file" -- examples/no-such-file.kql
finish kql-check
