#!/bin/sh
# A longer fuzzing campaign than CI's: runs every libFuzzer target (or the
# ones named) for SECONDS each, one after the other, and prints what each
# did: executions, coverage, corpus size, and any crash with the file that
# reproduces it. Builds the fuzz build (_build-fuzz, clang) when needed.
#
#   sh tools/fuzz.sh SECONDS [TARGET…]      e.g. sh tools/fuzz.sh 600 fuzz-shapes
#
# The targets and their arguments (seeds, dictionary, limits) come from
# tests/fuzz/meson.build, through `meson introspect`, so this script and
# `meson test --suite fuzz` run the same thing. Inputs that reach new code
# are kept in _build-fuzz/tests/fuzz/TARGET-corpus, so a second campaign
# goes on where the first stopped; crashes are written to
# _build-fuzz/tests/fuzz/crashes/, and each run's output to
# _build-fuzz/meson-logs/TARGET.log. Exits 1 if any target crashed.
set -eu
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || ! [ "$1" -gt 0 ] 2>/dev/null; then
  echo "usage: sh tools/fuzz.sh SECONDS [TARGET…]" >&2
  exit 2
fi
seconds=$1
shift

build=_build-fuzz
sh tools/deps.sh
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dui=false -Dfuzzing=true
elif ! meson introspect "$build" --buildoptions |
       python3 -c 'import json, sys; sys.exit(not any(o["name"] == "fuzzing" and o["value"] for o in json.load(sys.stdin)))'; then
  meson configure "$build" -Dfuzzing=true
fi
ninja -C "$build"

# One file per run: two campaigns may run side by side (one per core).
tests_json="$build/meson-logs/fuzz-tests-$$.json"
trap 'rm -f "$tests_json"' EXIT
meson introspect "$build" --tests > "$tests_json"
python3 - "$build" "$seconds" "$tests_json" "$@" <<'EOF'
import json, os, re, subprocess, sys, time

build, seconds, tests_json, wanted = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
tests = [t for t in json.load(open(tests_json))
         if any(s.endswith(":fuzz") or s == "fuzz" for s in t["suite"])]
names = [t["name"] for t in tests]
unknown = [w for w in wanted if w not in names]
if unknown:
    sys.exit("unknown target %s; the targets are %s" % (", ".join(unknown), ", ".join(names)))
if wanted:
    tests = [t for t in tests if t["name"] in wanted]

crash_dir = os.path.join(build, "tests", "fuzz", "crashes")
os.makedirs(crash_dir, exist_ok=True)

rows = []
crashed = False
for t in tests:
    name = t["name"]
    args = [a for a in t["cmd"] if not a.startswith("-max_total_time=")]
    args[1:1] = ["-max_total_time=%d" % seconds, "-print_final_stats=1",
                 "-artifact_prefix=%s/%s-" % (os.path.abspath(crash_dir), name)]
    env = dict(os.environ)
    env.update(t["env"])
    log = os.path.join(build, "meson-logs", name + ".log")
    print("== %s for %d s (log: %s)" % (name, seconds, log), flush=True)
    before = set(os.listdir(crash_dir))
    start = time.monotonic()
    with open(log, "w") as out:
        status = subprocess.call(args, stdout=out, stderr=subprocess.STDOUT, env=env,
                                 cwd=t.get("workdir") or None)
    elapsed = time.monotonic() - start
    text = open(log, errors="replace").read()

    def stat(key):
        m = re.search(r"^stat::%s:\s*(\d+)" % key, text, re.M)
        return int(m.group(1)) if m else 0

    last = re.findall(r"^#(\d+)\s+\S+\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)", text, re.M)
    cov, ft, corp, corp_size = (last[-1][1:] if last else ("?", "?", "?", "?"))
    new = sorted(set(os.listdir(crash_dir)) - before)
    if status != 0 or new:
        crashed = True
        for line in text.splitlines():
            if re.search(r"ERROR|runtime error|deadly signal|CRITICAL|assertion", line):
                print("   " + line)
                break
        for f in new:
            print("   reproduce: %s %s" % (args[0], os.path.join(crash_dir, f)))
    rows.append((name, stat("number_of_executed_units"), elapsed, cov, ft, corp, corp_size,
                 stat("peak_rss_mb"), "CRASH" if status != 0 or new else "ok"))

print()
print("%-18s %12s %8s %9s %7s %7s %9s %7s  %s" %
      ("target", "executions", "seconds", "exec/s", "cov", "ft", "corpus", "rss MB", "result"))
for name, execs, elapsed, cov, ft, corp, size, rss, result in rows:
    print("%-18s %12d %8.0f %9.0f %7s %7s %9s %7d  %s" %
          (name, execs, elapsed, execs / elapsed if elapsed else 0, cov, ft,
           "%s/%s" % (corp, size), rss, result))
sys.exit(1 if crashed else 0)
EOF
