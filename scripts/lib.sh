# Shared by the launchers: build target/benchmarks.jar when missing or older than the sources,
# then run the one entry point. Only a JDK 17 is needed; the wrapper fetches Maven.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/benchmarks.jar"

ensure_jar() {
    if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/src" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit)" ]]; then
        echo "building $JAR ..." >&2
        (cd "$ROOT" && ./mvnw -B -q package -DskipTests) >&2
    fi
}

run_cli() {
    ensure_jar
    exec java -Djava.awt.headless=true ${LRUBENCH_JAVA_OPTS:-} -cp "$JAR" io.github.lrubench.cli.LruBench "$@"
}
