#!/usr/bin/env bash
# A 1 GiB object up and down through Caravan's S3 files API with Caravan's heap capped at 256 MB (DESIGN §7).
# Packages the jar, runs LargeObjectTransferIT with 1 GiB, and prints target/large-object/report.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
BYTES="${1:-1073741824}"
mvn -B -q -DskipTests package
mvn -B -q failsafe:integration-test failsafe:verify -Dit.test=LargeObjectTransferIT -Dcaravan.large-object.bytes="$BYTES"
cat target/large-object/report.txt
