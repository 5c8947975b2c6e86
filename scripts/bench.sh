#!/usr/bin/env bash
# Prints README's Performance tables: each adapter beside its framework with the framework's own recovery
# middleware (native, the baseline) and bare (reference), on a ResponseWriter that discards (bench_test.go);
# the end-to-end load on loopback servers (e2e_test.go); custom Languages against the built-in catalogs
# (httperr/negotiate_bench_test.go). Under 10 minutes on a 2-core machine with the defaults (ROUNDS=2 COUNT=1
# BENCHTIME=100ms E2E_REQUESTS=10000 took 70s with the machine loaded by other work).
#
#   scripts/bench.sh                                                  # the README's run
#   ROUNDS=1 COUNT=1 BENCHTIME=50ms E2E_REQUESTS=3000 scripts/bench.sh # a quick look (about 1 minute)
#
# Samples are taken in ROUNDS interleaved rounds of -count COUNT each (micro benchmarks, the core's, the
# end-to-end load), so that a burst of load on a shared machine lands on both sides of a comparison rather
# than on one. benchstat summarises every sample; the tables' ratios are of medians from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
COUNT=${COUNT:-2}
BENCHTIME=${BENCHTIME:-150ms}
E2E_REQUESTS=${E2E_REQUESTS:-10000}
E2E_CONNS=${E2E_CONNS:-64}
OUT=${OUT:-$(mktemp -d)}
BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

go test -c -o "$OUT/root.test" .
go test -c -o "$OUT/httperr.test" ./httperr
micro="$OUT/micro.txt" e2e="$OUT/e2e.txt" core="$OUT/core.txt"
: >"$micro"
: >"$e2e"
: >"$core"
for round in $(seq "$ROUNDS"); do
	echo "round $round/$ROUNDS" >&2
	"$OUT/root.test" -test.run '^$' -test.bench '^Benchmark(NoContent|NotFound|Conflict|Validation|Internal|Floor)$' \
		-test.count "$COUNT" -test.benchtime "$BENCHTIME" -test.benchmem >>"$micro"
	(cd httperr && "$OUT/httperr.test" -test.run '^$' -test.bench '^Benchmark(RenderLanguages|EncodeProblem)$' \
		-test.count "$COUNT" -test.benchtime "$BENCHTIME" -test.benchmem) >>"$core"
	"$OUT/root.test" -test.run '^$' -test.bench '^BenchmarkEndToEnd$' -e2e.conns "$E2E_CONNS" \
		-test.count "$COUNT" -test.benchtime "${E2E_REQUESTS}x" >>"$e2e"
done

bs() { go run "$BENCHSTAT" "$@" 2>/dev/null || echo "(benchstat failed: raw samples in $OUT)"; }
echo "== benchstat: each path and framework; columns against native (the framework with its own recovery)"
bs -col '/impl@(native httperr bare httperr-slogdefault)' -row '.name /fw' "$micro"
echo
echo "== benchstat: end to end, $E2E_REQUESTS requests a sample over $E2E_CONNS connections, mixed 200/404/422"
bs -col '/impl@(native httperr)' -row '/fw' "$e2e"
echo
echo "== benchstat: the core"
bs "$core"
echo

cmd="ROUNDS=$ROUNDS COUNT=$COUNT BENCHTIME=$BENCHTIME E2E_REQUESTS=$E2E_REQUESTS scripts/bench.sh"
cat "$micro" "$core" "$e2e" | awk -v cmd="$cmd" '
function median(list,    n, a, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
	return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
}
function met(ok) { return ok ? "met" : "MISSED" }
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name); sub(/^Floor\//, "", name)
	for (i = 3; i < NF; i++) v[name, $(i+1)] = v[name, $(i+1)] " " $i
	if (!(name in seen)) { seen[name] = 1; order[++n] = name }
}
END {
	printf "== micro benchmarks, medians: ours = httperr, native = the framework with its own recovery\n\n"
	md = "| path | httperr ns/op | native ns/op | ratio | bare ns/op | httperr allocs | native allocs | goal |\n"
	md = md "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
	for (k = 1; k <= n; k++) {
		name = order[k]
		if (name !~ /impl=httperr/ || name ~ /^EndToEnd/) continue
		nat = name; sub(/impl=httperr(-slogdefault)?/, "impl=native", nat)
		if (!(nat in seen)) continue
		bare = nat; sub(/impl=native/, "impl=bare", bare)
		o = median(v[name, "ns/op"]); w = median(v[nat, "ns/op"]); r = o / w
		oa = median(v[name, "allocs/op"]); wa = median(v[nat, "allocs/op"])
		b = (bare in seen) ? sprintf("%.0f", median(v[bare, "ns/op"])) : "-"
		if (name ~ /^EncodeProblem/) goal = "0 allocs: " met(oa == 0)
		else if (name ~ /^NoContent/) goal = "<= 1.00x: " met(r <= 1.00)
		else if (name ~ /fw=(nethttp|chi)/) goal = "<= 1.00x: " met(r <= 1.00)
		else goal = "<= 0.50x, fewer allocs: " met(r <= 0.50 && oa < wa)
		path = name; sub(/\/?impl=httperr/, "", path)
		md = md sprintf("| %s | %.0f | %.0f | %.2fx | %s | %d | %d | %s |\n", path, o, w, r, b, oa, wa, goal)
	}
	fl = "NotFound/fw=nethttp/impl=floor"; nat = "NotFound/fw=nethttp/impl=native"
	if ((fl in seen) && (nat in seen))
		md = md sprintf("| NotFound/fw=nethttp floor (precomputed problem bytes) | %.0f | %.0f | %.2fx | - | %d | %d | what Render and the Middleware cannot go below |\n",
			median(v[fl, "ns/op"]), median(v[nat, "ns/op"]), median(v[fl, "ns/op"]) / median(v[nat, "ns/op"]), median(v[fl, "allocs/op"]), median(v[nat, "allocs/op"]))
	cb = "RenderLanguages/catalogs=builtin"; cc = "RenderLanguages/catalogs=custom"
	if ((cb in seen) && (cc in seen))
		md = md sprintf("| Render, French 404, custom Languages against built-in | %.0f | %.0f | %.2fx | - | %d | %d | <= 1.05x: %s |\n",
			median(v[cc, "ns/op"]), median(v[cb, "ns/op"]), median(v[cc, "ns/op"]) / median(v[cb, "ns/op"]), median(v[cc, "allocs/op"]), median(v[cb, "allocs/op"]),
			met(median(v[cc, "ns/op"]) <= 1.05 * median(v[cb, "ns/op"])))
	printf "%s\n", md

	printf "== end to end on loopback, medians: mixed 200/404/422, native = the framework with its own recovery\n\n"
	md = "| framework | httperr req/s | native req/s | ratio | httperr p50 µs | native p50 µs | httperr p99 µs | native p99 µs | goal |\n"
	md = md "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
	for (k = 1; k <= n; k++) {
		name = order[k]
		if (name !~ /^EndToEnd\/.*impl=httperr/) continue
		nat = name; sub(/impl=httperr/, "impl=native", nat)
		if (!(nat in seen)) continue
		o = median(v[name, "req/s"]); w = median(v[nat, "req/s"])
		fw = name; sub(/^EndToEnd\/fw=/, "", fw); sub(/\/impl=httperr/, "", fw)
		md = md sprintf("| %s | %.0f | %.0f | %.2fx | %.0f | %.0f | %.0f | %.0f | >= 0.97x: %s |\n", fw, o, w, o / w,
			median(v[name, "p50-us"]), median(v[nat, "p50-us"]), median(v[name, "p99-us"]), median(v[nat, "p99-us"]), met(o >= 0.97 * w))
	}
	printf "%s\n(%s)\n", md, cmd
}'
echo "raw samples: $OUT" >&2
