#!/usr/bin/env bash
# Writes the measured part of docs/performance.md from its run: each adapter beside its framework with the
# framework's own recovery middleware (native, the baseline) and bare (reference), on a ResponseWriter that
# discards (bench_test.go; fiber's in adapters/fiber/bench_test.go); the end-to-end load on loopback servers,
# each stack in a server process of its own driven by the load generator in this one (e2e_test.go); custom Languages against the built-in catalogs and the encoder (httperr/). Each row gets its
# goal, its ratio and whether the goal is met; the floor row is what Render and the Middleware cannot go
# below. The part of docs/performance.md after the marker line (see keep below) is kept as it is. About 4
# minutes on 2 idle cores with the defaults.
#
#   scripts/bench.sh                                                    # the full run
#   ROUNDS=1 COUNT=1 BENCHTIME=50ms E2E_REQUESTS=3000 scripts/bench.sh   # a quick look (about 1 minute)
#   SAMPLES=dir scripts/bench.sh     # no run: rewrite the page from the raw samples an earlier run left in dir
#   PERF_MD=/tmp/perf.md scripts/bench.sh                               # write the page elsewhere
#
# Samples are taken in ROUNDS interleaved rounds of -count COUNT each, so that a burst of load on a shared
# machine lands on both sides of a comparison rather than on one. benchstat summarises every sample on
# stdout; the page's ratios are of medians from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
COUNT=${COUNT:-2}
BENCHTIME=${BENCHTIME:-150ms}
E2E_REQUESTS=${E2E_REQUESTS:-10000}
E2E_CONNS=${E2E_CONNS:-64}
PERF_MD=${PERF_MD:-docs/performance.md}
SAMPLES=${SAMPLES:-}
BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
keep='<!-- scripts/bench.sh writes everything above this line; what follows is kept as it is. -->'

if [ -n "$SAMPLES" ]; then
	OUT=$SAMPLES
else
	OUT=${OUT:-$(mktemp -d)}
fi
micro="$OUT/micro.txt" fiber="$OUT/fiber.txt" core="$OUT/core.txt" e2e="$OUT/e2e.txt" meta="$OUT/meta"

if [ -z "$SAMPLES" ]; then
	dirty=""
	if [ -n "$(git status --porcelain --untracked-files=no)" ]; then dirty=", with uncommitted changes"; fi
	cat >"$meta" <<-EOF
		RUN_DATE=$(date -u +%F)
		RUN_CODE='commit $(git rev-parse --short HEAD)$dirty'
		RUN_GO='$(go env GOVERSION), $(go env GOOS)/$(go env GOARCH)'
		RUN_MACHINE='$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start'
		ROUNDS=$ROUNDS COUNT=$COUNT BENCHTIME=$BENCHTIME E2E_REQUESTS=$E2E_REQUESTS E2E_CONNS=$E2E_CONNS
	EOF
	go test -c -o "$OUT/root.test" .
	go test -c -o "$OUT/httperr.test" ./httperr
	go test -c -o "$OUT/fiber.test" ./adapters/fiber
	: >"$micro"
	: >"$fiber"
	: >"$core"
	: >"$e2e"
	for round in $(seq "$ROUNDS"); do
		echo "round $round/$ROUNDS" >&2
		"$OUT/root.test" -test.run '^$' -test.bench '^Benchmark(NoContent|JSON|NotFound|RouterNotFound|Conflict|Validation|Internal|Floor)$' \
			-test.count "$COUNT" -test.benchtime "$BENCHTIME" -test.benchmem >>"$micro"
		# fiber's benchmarks name no framework: fw=fiber is added so that its rows join the others.
		(cd adapters/fiber && "$OUT/fiber.test" -test.run '^$' -test.bench '^Benchmark(NotFound|NoContent)$' \
			-test.count "$COUNT" -test.benchtime "$BENCHTIME" -test.benchmem) |
			sed -E 's#^Benchmark(NotFound|NoContent)/impl=#Benchmark\1/fw=fiber/impl=#' >>"$fiber"
		(cd httperr && "$OUT/httperr.test" -test.run '^$' -test.bench '^Benchmark(RenderLanguages|EncodeProblem)$' \
			-test.count "$COUNT" -test.benchtime "$BENCHTIME" -test.benchmem) >>"$core"
		"$OUT/root.test" -test.run '^$' -test.bench '^BenchmarkEndToEnd$' -e2e.conns "$E2E_CONNS" \
			-test.count "$COUNT" -test.benchtime "${E2E_REQUESTS}x" >>"$e2e"
	done

	bs() { go run "$BENCHSTAT" "$@" 2>/dev/null || echo "(benchstat failed: raw samples in $OUT)"; }
	echo "== benchstat: each path and framework; columns against native (the framework with its own recovery)"
	bs -col '/impl@(native httperr bare httperr-slogdefault)' -row '.name /fw' "$micro" "$fiber"
	echo
	echo "== benchstat: end to end, $E2E_REQUESTS requests a sample over $E2E_CONNS connections, mixed 200/404/422"
	bs -col '/impl@(native httperr)' -row '/fw' "$e2e"
	echo
	echo "== benchstat: the core"
	bs "$core"
	echo
fi

# shellcheck source=/dev/null
. "$meta"
cmd="ROUNDS=$ROUNDS COUNT=$COUNT BENCHTIME=$BENCHTIME E2E_REQUESTS=$E2E_REQUESTS E2E_CONNS=$E2E_CONNS scripts/bench.sh"
for f in "$micro" "$fiber" "$core" "$e2e"; do [ -e "$f" ] || : >"$f"; done

kept=""
if [ -e "$PERF_MD" ] && grep -qxF "$keep" "$PERF_MD"; then
	kept=$(awk -v k="$keep" 'found; $0 == k { found = 1 }' "$PERF_MD")
fi

tables=$(cat "$micro" "$fiber" "$core" "$e2e" | awk '
function median(list,    n, a, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
	return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
}
function met(ok) { return ok ? "met" : "MISSED" }
# goalOf names the goal of issue 21 for a row (against the framework with its own recovery) in goalText and
# goalMet, and returns the goal column; a row with no goal gets "-".
function goalOf(name, r, oa, da, db) {
	goalText = ""
	if (name ~ /slogdefault/) { goalText = "" }
	else if (name ~ /^EncodeProblem/) { goalText = "0 allocs"; goalMet = (oa + 0 == 0) }
	else if (name ~ /^NoContent\/fw=nethttp\//) { goalText = "<= 2.00x, <= +1 alloc, <= +160 B"; goalMet = (r <= 2.00 && da <= 1 && db <= 160) }
	else if (name ~ /^JSON\/fw=nethttp\//) { goalText = "<= 1.50x"; goalMet = (r <= 1.50) }
	else if (name ~ /^NotFound\/fw=nethttp\//) { goalText = "<= 1.50x"; goalMet = (r <= 1.50) }
	else if (name ~ /^NotFound\/fw=chi\//) { goalText = "<= 1.30x"; goalMet = (r <= 1.30) }
	else if (name ~ /^NoContent\/fw=chi\//) { goalText = "<= 1.50x"; goalMet = (r <= 1.50) }
	else if (name ~ /^NotFound\/fw=fiber\//) { goalText = "<= 1.50x"; goalMet = (r <= 1.50) }
	else if (name ~ /^NoContent\/fw=gin\//) { goalText = "<= 1.00x, no extra alloc"; goalMet = (r <= 1.00 && da <= 0) }
	else if (name ~ /^NotFound\/fw=(echo|echov5|gin)\//) { goalText = "<= 0.50x"; goalMet = (r <= 0.50) }
	if (goalText == "") return "-"
	return goalText ": " met(goalMet)
}
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name); sub(/^Floor\//, "", name)
	for (i = 3; i < NF; i++) v[name, $(i+1)] = v[name, $(i+1)] " " $i
	if (!(name in seen)) { seen[name] = 1; order[++n] = name }
}
END {
	# Rows come grouped by path (NotFound, Conflict, ...), in the order the paths first appear.
	for (k = 1; k <= n; k++) {
		name = order[k]
		if (name !~ /impl=httperr/ || name ~ /^EndToEnd/) continue
		nat = name; sub(/impl=httperr(-slogdefault)?/, "impl=native", nat)
		if (!(nat in seen)) continue
		bare = nat; sub(/impl=native/, "impl=bare", bare)
		o = median(v[name, "ns/op"]); w = median(v[nat, "ns/op"]); r = o / w
		oa = median(v[name, "allocs/op"]); wa = median(v[nat, "allocs/op"])
		ob = median(v[name, "B/op"]); wb = median(v[nat, "B/op"])
		b = (bare in seen) ? sprintf("%.0f", median(v[bare, "ns/op"])) : "-"
		goal = goalOf(name, r, oa, oa - wa, ob - wb)
		if (goal != "-" && name !~ /slogdefault/) {
			fl = nat; sub(/impl=native/, "impl=floor", fl)
			floor = (fl in seen) ? sprintf("%.2fx", median(v[fl, "ns/op"]) / w) : "-"
			gp = name; sub(/\/?impl=httperr/, "", gp)
			goals = goals sprintf("| %s | %s | %.2fx | %+d / %+d B | %s | %s |\n", gp, goalText, r, oa - wa, ob - wb, floor, met(goalMet))
		}
		path = name; sub(/\/?impl=httperr/, "", path)
		group = path; sub(/\/.*/, "", group)
		if (!(group in rows)) groups[++ng] = group
		rows[group] = rows[group] sprintf("| %s | %.0f | %.0f | %.2fx | %s | %d | %d | %s |\n", path, o, w, r, b, oa, wa, goal)
	}
	print "| path | httperr ns/op | native ns/op | ratio | bare ns/op | httperr allocs | native allocs | goal |"
	print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
	for (g = 1; g <= ng; g++) printf "%s", rows[groups[g]]
	fl = "NotFound/fw=nethttp/impl=bytes"; nat = "NotFound/fw=nethttp/impl=native"
	if ((fl in seen) && (nat in seen))
		printf "| NotFound/fw=nethttp, precomputed problem bytes | %.0f | %.0f | %.2fx | - | %d | %d | what writing a problem costs without encoding it |\n",
			median(v[fl, "ns/op"]), median(v[nat, "ns/op"]), median(v[fl, "ns/op"]) / median(v[nat, "ns/op"]), median(v[fl, "allocs/op"]), median(v[nat, "allocs/op"])
	fl = "NoContent/fw=nethttp/impl=floor"; nat = "NoContent/fw=nethttp/impl=native"
	if ((fl in seen) && (nat in seen))
		printf "| NoContent/fw=nethttp floor (a writer allocated per request, its methods under a mutex) | %.0f | %.0f | %.2fx | - | %d | %d | what a late-write-safe Middleware cannot go below |\n",
			median(v[fl, "ns/op"]), median(v[nat, "ns/op"]), median(v[fl, "ns/op"]) / median(v[nat, "ns/op"]), median(v[fl, "allocs/op"]), median(v[nat, "allocs/op"])
	cb = "RenderLanguages/catalogs=builtin"; cc = "RenderLanguages/catalogs=custom"
	if ((cb in seen) && (cc in seen))
		printf "| Render, French 404, custom Languages against built-in | %.0f | %.0f | %.2fx | - | %d | %d | <= 1.05x: %s |\n",
			median(v[cc, "ns/op"]), median(v[cb, "ns/op"]), median(v[cc, "ns/op"]) / median(v[cb, "ns/op"]), median(v[cc, "allocs/op"]), median(v[cb, "allocs/op"]),
			met(median(v[cc, "ns/op"]) <= 1.05 * median(v[cb, "ns/op"]))

	print ""
	print "## End to end on loopback"
	print ""
	print "Mixed 200/404/422; native = the framework with its own recovery. Each stack is served by a process of its own"
	print "(the test binary run again as its server), the load generated in another."
	print ""
	print "| framework | httperr req/s | native req/s | ratio | httperr p50 µs | native p50 µs | httperr p99 µs | native p99 µs | p99 ratio | goal |"
	print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
	for (k = 1; k <= n; k++) {
		name = order[k]
		if (name !~ /^EndToEnd\/.*impl=httperr/) continue
		nat = name; sub(/impl=httperr/, "impl=native", nat)
		if (!(nat in seen)) continue
		o = median(v[name, "req/s"]); w = median(v[nat, "req/s"])
		fw = name; sub(/^EndToEnd\/fw=/, "", fw); sub(/\/impl=httperr/, "", fw)
		op = median(v[name, "p99-us"]); wp = median(v[nat, "p99-us"])
		printf "| %s | %.0f | %.0f | %.2fx | %.0f | %.0f | %.0f | %.0f | %.2fx | >= 0.98x req/s, <= 1.05x p99: %s |\n", fw, o, w, o / w,
			median(v[name, "p50-us"]), median(v[nat, "p50-us"]), op, wp, op / wp, met(o >= 0.98 * w && op <= 1.05 * wp)
		goals = goals sprintf("| end to end, %s | >= 0.98x req/s, <= 1.05x p99 | %.2fx req/s, %.2fx p99 | - | - | %s |\n", fw, o / w, op / wp, met(o >= 0.98 * w && op <= 1.05 * wp))
	}
	print ""
	print "## Goals"
	print ""
	print "The goals of issue 21, each a ratio of medians against the framework with its own recovery; the floor is"
	print "the floor benchmark of the same path (what the adapter cannot go below), as a ratio to the same native."
	print "Where a goal is missed, the reading below the tables says what stands in the way."
	print ""
	print "| path | goal | ratio | allocs / bytes beyond native | floor | |"
	print "| --- | --- | ---: | --- | ---: | --- |"
	printf "%s", goals
}')
goals=$(printf '%s\n' "$tables" | sed -n '/^## Goals$/,$p')
tables=$(printf '%s\n' "$tables" | sed '/^## Goals$/,$d')

mkdir -p "$(dirname "$PERF_MD")"
{
	cat <<-EOF
		# Performance

		Written by \`scripts/bench.sh\` from its run of **$RUN_DATE** ($RUN_CODE; $RUN_GO; $RUN_MACHINE):
		$ROUNDS interleaved rounds of \`-count $COUNT\`, $BENCHTIME each, medians, summarised with benchstat; end to
		end, $E2E_REQUESTS requests a sample over $E2E_CONNS keep-alive connections to a server in a process of its
		own. Reproduce with \`$cmd\`.

		Each row is a path through the installed adapter (\`httperr\`) beside the framework **with its own recovery
		middleware** (\`native\`, the baseline: echo v4 and v5 \`middleware.Recover()\`, \`gin.Recovery()\`, chi's
		\`middleware.Recoverer\`, fiber's \`recover.New()\` with its default error handler, ServeMux and gorilla/mux
		behind a deferred recover that writes 500), answering its own way (\`http.Error\`, \`echo.NewHTTPError\`, \`AbortWithStatusJSON\`,
		\`fiber.NewError\`); \`bare\` is the framework alone, for reference. The 422 goes through each framework's own
		binder and go-playground/validator (\`json.Decoder\` + \`validate.Struct\` + \`httperrvalidator.Map\`, \`c.Bind\` +
		\`c.Validate\`, \`ShouldBindJSON\`). Ratios are of medians from the same run; the goal column says whether the
		ratio meets the goal. The floor of a path (\`BenchmarkFloor\`, impl=floor) is the least any adapter adds: for a
		404, the framework's own stack with its recovery whose handler hands the error to Render itself (an adapter
		of no cost; the floor above native is Render's own cost); for a 204, what holding an answer back needs (on
		net/http a writer allocated per request, its methods under a mutex; on gin a pooled writer in c.Writer); on
		fiber, a precomputed body and the five fields set behind recover.New(). The precomputed-bytes row is what
		writing a problem costs on ServeMux without encoding it. Every Renderer has
		a TypeBase and a Logger whose handler discards.

	EOF
	printf '%s\n\n## Micro benchmarks\n\n%s\n\n%s\n' "$goals" "$tables" "$keep"
	if [ -n "$kept" ]; then printf '%s\n' "$kept"; fi
} >"$PERF_MD.tmp"
mv "$PERF_MD.tmp" "$PERF_MD"
echo "wrote $PERF_MD; raw samples: $OUT" >&2
