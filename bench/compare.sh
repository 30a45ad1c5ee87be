#!/usr/bin/env bash
# Issue 10's gateway comparison, in one run: Caravan vs the Portkey AI gateway vs calling the sandbox's emulators
# directly. Starts the emulators (own JVM), Caravan (target/caravan.jar, pointed at them) and Portkey
# (@portkey-ai/gateway, pinned in bench/portkey/package.json, bound to 127.0.0.1, pointed at the same emulators), and
# measures (a) added p50/p99 latency of GET/POST batch at 1, 32 and 256 connections (wrk, closed loop) and with paced
# clients offering R req/s in all at 32 and 256 connections, (b) max retrieve req/s, (c) a 200 MB OpenAI batch file
# upload (curl) - MB/s and gateway peak RSS, (d) a 200 MB OpenAI-format file uploaded for Bedrock (converted by the
# gateway), (e) startup time and idle RSS; and the CPU seconds gateway and emulator spent on each point and upload.
# Prints the comparison table with each target met/missed, writes bench/results/compare-<date>.json and regenerates
# BENCHMARKS.md's comparison section.
#   bench/compare.sh [--seconds N] [--quick] [--paced-rate R]
#     --quick: 3 s per point, 50 MB files, 3 upload rounds; defaults: 10 s, 200 MB, 5 rounds; R: 1000 req/s
# Caravan's JVM options come from CARAVAN_BENCH_JAVA_OPTS; by default Caravan runs as deploy/kubernetes deploys it:
# its JAVA_TOOL_OPTIONS in a 1 GiB memory limit (-XX:MaxRAM=1g stands in for the container's limit) and its
# MALLOC_ARENA_MAX. Work files and logs: target/bench/.
# Takes about 13 minutes (--quick: about 5); needs wrk, curl >= 7.75, node + npm, a JDK and Maven. Not part of mvn verify.
set -euo pipefail
: "${CARAVAN_BENCH_JAVA_OPTS=-XX:MaxRAM=1g -XX:InitialRAMPercentage=3 -XX:MaxRAMPercentage=25 -XX:+UseSerialGC}"
export CARAVAN_BENCH_JAVA_OPTS
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }
    else
        echo "wrk is missing: install it (Debian/Ubuntu: sudo apt-get install -y wrk) and run again" >&2
        exit 1
    fi
fi
command -v curl >/dev/null || { echo "curl is missing (7.75 or later, for --aws-sigv4)" >&2; exit 1; }
curl_version=$(curl --version | head -1 | cut -d' ' -f2)
if [ "$(printf '%s\n7.75.0\n' "$curl_version" | sort -V | head -1)" != "7.75.0" ]; then
    echo "curl $curl_version is too old: 7.75 or later is needed for --aws-sigv4" >&2
    exit 1
fi
for tool in node npm java mvn; do
    command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done

npm ci --prefix bench/portkey --no-audit --no-fund --loglevel=error
mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.caravan.bench.GatewayComparison "$@"
