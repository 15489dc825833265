#!/usr/bin/env bash
# Runs the JMH benchmarks of the wire codec (load-tests/src/test/java/dev/sluice/load/codec) twice:
# as the ingress's JVM compiles them (C1 and C2), and as a worker's does (C1 only: scripts/stack
# runs workers with -XX:TieredStopAtLevel=1). Arguments go to JMH, e.g. a benchmark name pattern:
#
#   load-tests/jmh.sh                 # about 2 minutes
#   load-tests/jmh.sh decodeRequest
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/env.sh

./mvnw -B -q install -pl shared-model -DskipTests -Dspotless.check.skip=true
# compiled afresh: classes compiled before the JMH processor was configured would count as up to date
rm -rf load-tests/target/test-classes
./mvnw -B -q test-compile -pl load-tests -Dspotless.check.skip=true
./mvnw -B -q dependency:build-classpath -pl load-tests -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/load-tests/target/jmh.classpath" >/dev/null
classpath="load-tests/target/test-classes:$(cat load-tests/target/jmh.classpath)"

echo "== as the ingress runs it (C1 and C2)"
java -cp "$classpath" org.openjdk.jmh.Main -jvmArgsAppend "-XX:+UseSerialGC" "$@"
echo "== as a worker runs it (C1 only)"
java -cp "$classpath" org.openjdk.jmh.Main -jvmArgsAppend "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" "$@"
