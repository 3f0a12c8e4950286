#!/usr/bin/env bash
# Self-test for kql-check: every example must give the expected exit code and, where it matters, the expected line.
# Installs the pinned dependencies first when they are missing (tools/install.sh: npm ci).
set -u
cd "$(dirname "$0")"
../install.sh kql-check || { echo "kql-check selftest: npm ci failed"; exit 2; }
tool=./kql-check
. ../selftest-lib.sh
check 0 '' "connection errors per code" -- examples/good-hub-errors.kql
check 0 '' "declare query_parameters" -- examples/good-parameters.kql
check 0 '' "AzureMetrics with let" -- examples/good-metric.kql
check 0 '' "inline query" -- --query 'AzureDiagnostics | where Category == "Connections" | count'
check 1 "examples/bad-column.kql:2:9: error KS142: The name 'ResultTyp'" "misspelled column, with its position" -- examples/bad-column.kql
check 1 'error KS006' "syntax error" -- examples/bad-syntax.kql
check 1 "The name 'AzureDiagnostic' does not refer to any known table" "unknown table" -- examples/bad-table.kql
check 1 'must be summable' "type error" -- examples/bad-type.kql
check 1 "The name 'lookback'" "undeclared parameter" -- examples/bad-undeclared-parameter.kql
check 1 "The name 'Location'" "column IoT Hub rows do not have" -- examples/bad-location-column.kql
check 1 'no query in this text' "a file with no query" -- examples/bad-empty.kql
check 1 "TriageRuns_CL" "table not in the schema" -- examples/custom-table.kql
check 0 '' "table added with --schema" -- --schema examples/custom-schema.json examples/custom-table.kql
check 0 '' "--schema adds a column to a known table" -- --schema examples/custom-schema.json --query 'AzureDiagnostics | project Location'
check 0 'warning KS508' "analyzer warning alone passes" -- examples/warn-join-kind.kql
check 1 'warning KS508' "analyzer warning fails with --strict" -- --strict examples/warn-join-kind.kql
check 1 'bad-column.kql' "one bad file among good ones fails the run" -- examples/good-metric.kql examples/bad-column.kql
check 2 'unknown option' "usage error" -- --bogus
check 2 'cannot read' "missing file" -- examples/no-such-file.kql
finish kql-check
