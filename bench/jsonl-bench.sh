#!/usr/bin/env bash
# JSONL converter throughput (JMH): OpenAI -> Bedrock (Claude), OpenAI -> Gemini and Bedrock .out -> OpenAI output
# lines, each against a Jackson parse+write identity copy of the same data. Prints MB/s and the share of the
# baseline, and writes bench/results/jsonl-<date>.json. Takes about two minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.caravan.bench.ConversionBenchmarks
