#!/usr/bin/env bash
# Runs the benchmarks that put each adapter beside its framework's native path (bench_test.go) and the core's
# (httperr/bench_test.go), summarises them with benchstat, and prints ours/native ratios against the goals
# README's Performance section states. About three minutes on a 2-core machine.
#
#   scripts/bench.sh                 # ROUNDS=3 x COUNT=2 samples of 300ms per benchmark
#   ROUNDS=1 COUNT=1 BENCHTIME=100ms scripts/bench.sh   # a quick look
#
# The floor column is BenchmarkFloor against the native path: on ServeMux, precomputed problem bytes with the
# five header fields every problem carries; for success paths, the cheapest middleware that recovers panics.
#
# The samples are taken in ROUNDS interleaved rounds of -count COUNT each, so that a burst of load on the
# machine lands on both sides of a comparison rather than on one. Ratios are of medians.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
COUNT=${COUNT:-2}
BENCHTIME=${BENCHTIME:-300ms}
OUT=${OUT:-$(mktemp -d)}
BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

go test -c -o "$OUT/root.test" .
go test -c -o "$OUT/httperr.test" ./httperr
raw="$OUT/bench.txt"
: >"$raw"
for round in $(seq "$ROUNDS"); do
	echo "round $round/$ROUNDS" >&2
	"$OUT/root.test" -test.run '^$' -test.bench '^Benchmark(NotFound|Conflict|Validation|Internal|NoContent|Floor)$' \
		-test.count "$COUNT" -test.benchtime "$BENCHTIME" -test.benchmem >>"$raw"
	(cd httperr && "$OUT/httperr.test" -test.run '^$' -test.bench '^Benchmark(EncodeProblem|EncodeScalars|RespondNotFound|RenderNotFound|NegotiateLanguage)$' \
		-test.count "$COUNT" -test.benchtime "$BENCHTIME" -test.benchmem) >>"$raw"
done

echo "== benchstat: native against httperr, per path and framework (raw samples in $raw)"
go run "$BENCHSTAT" -col '/impl@(native httperr httperr-slogdefault)' -row '.name /fw' "$raw" 2>/dev/null || true
echo
echo "== benchstat: everything"
go run "$BENCHSTAT" "$raw"
echo

# Ratios of medians, ours/native, with the goal each path has (README's Performance section) and a Markdown table for the README.
awk -v cmd="ROUNDS=$ROUNDS COUNT=$COUNT BENCHTIME=$BENCHTIME scripts/bench.sh" '
function median(list,    n, a, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
	return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
}
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name); sub(/^Floor\//, "", name)
	for (i = 3; i < NF; i++) {
		if ($(i+1) == "ns/op") ns[name] = ns[name] " " $i
		if ($(i+1) == "allocs/op") al[name] = al[name] " " $i
	}
	if (!(name in seen)) { seen[name] = 1; order[++n] = name }
}
END {
	printf "== ratios, ours/native (medians)\n"
	printf "%-40s %10s %10s %7s %7s %8s %8s  %s\n", "path", "ours ns", "native ns", "ratio", "floor", "ours al", "nat al", "goal"
	md = "| path | httperr ns/op | native ns/op | ratio | floor | httperr allocs | native allocs | goal |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
	for (k = 1; k <= n; k++) {
		name = order[k]
		if (name !~ /impl=httperr/) continue
		nat = name; sub(/impl=httperr(-slogdefault)?/, "impl=native", nat)
		if (!(nat in seen)) continue
		o = median(ns[name]); v = median(ns[nat]); r = o / v
		oa = median(al[name]); va = median(al[nat])
		fl = name; sub(/impl=httperr(-slogdefault)?/, "impl=floor", fl)
		floor = (fl in seen) ? sprintf("%.2fx", median(ns[fl]) / v) : "-"
		goal = ""; ok = 1
		if (name ~ /^NoContent/) { goal = "<= 1.10x, no extra alloc"; ok = r <= 1.10 && oa <= va }
		else if (name ~ /fw=nethttp/) { goal = "<= 1.00x"; ok = r <= 1.00 }
		else if (name ~ /fw=(echo|gin)/) { goal = "<= 0.50x, fewer allocs"; ok = r <= 0.50 && oa < va }
		else if (name ~ /^EncodeProblem/) { goal = "0 allocs"; ok = oa == 0 }
		if (goal != "") goal = goal (ok ? ": met" : ": MISSED")
		path = name; sub(/impl=/, "", path)
		printf "%-40s %10.0f %10.0f %6.2fx %7s %8d %8d  %s\n", path, o, v, r, floor, oa, va, goal
		md = md sprintf("| %s | %.0f | %.0f | %.2fx | %s | %d | %d | %s |\n", path, o, v, r, floor, oa, va, goal)
	}
	if ("EncodeScalars" in seen) {
		printf "%-40s %10.0f %10s %7s %7s %8d %8s  %s\n", "EncodeScalars", median(ns["EncodeScalars"]), "-", "-", "-", median(al["EncodeScalars"]), "-", "0 allocs" (median(al["EncodeScalars"]) == 0 ? ": met" : ": MISSED")
		md = md sprintf("| EncodeScalars (string, number, bool members; reused buffer) | %.0f | - | - | - | %d | - | 0 allocs |\n", median(ns["EncodeScalars"]), median(al["EncodeScalars"]))
	}
	printf "\n== Markdown (%s)\n\n%s", cmd, md
}' "$raw"
