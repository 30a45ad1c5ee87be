#!/usr/bin/env bash
# Load on the packaged jar in sandbox mode, on loopback only: 200 concurrent clients for 60 s on batches.retrieve
# (GET /openai/batches/{id}) and on files.create (POST /openai/files, a small valid JSONL). Prints requests, errors,
# throughput and p50/p90/p99/max latency per scenario, and writes bench/results/load-<date>.json.
# Options go to the driver: --clients N (max 1000), --seconds S (max 600), --warmup S. Caravan's own JVM options
# come from CARAVAN_LOAD_JAVA_OPTS (e.g. -Xmx512m); its log is target/load/caravan.log. Takes about 2.5 minutes.
# Not part of mvn verify.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.caravan.bench.GatewayLoad "$@"
