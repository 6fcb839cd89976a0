#!/usr/bin/env bash
# `make fuzz`: builds the fuzz targets (the `fuzz` preset: clang's libFuzzer with ASan + UBSan, in
# build/fuzz) and runs each in turn for FUZZ_SECONDS (default 600) from its corpus
# (tests/fuzz/corpus/<name>/; what it finds that is new goes to build/fuzz/found/<name>/, never into
# the committed corpus). Stops at nothing: every target runs, and the script exits non-zero if any
# of them crashed, leaked, hit undefined behaviour, ran out of memory or time, or failed one of its
# checks (the input is kept in build/fuzz/artifacts/). A table of executions, coverage and
# findings per target is written to build/fuzz/report.md.
#   FUZZ_SECONDS=60 make fuzz            a shorter run
#   FUZZ_TARGETS="idx model_file" make fuzz   only some targets (FUZZ_REPORT=… writes the table elsewhere)
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-600}
build=build/fuzz
[ -f $build/CMakeCache.txt ] || cmake --preset fuzz >/dev/null || exit 1
cmake --build --preset fuzz -j "${JOBS:-1}" || exit 1
targets=${FUZZ_TARGETS:-$(cd $build && ls fuzz_*.options | sed 's/^fuzz_//; s/\.options$//')}
mkdir -p $build/artifacts $build/logs
report=${FUZZ_REPORT:-$build/report.md}
{
  echo "| target | seconds | executions | exec/s | coverage (edges) | features | corpus | result |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|"
} > $report
failed=0
for t in $targets; do
  mkdir -p $build/found/$t
  mapfile -t options < $build/fuzz_$t.options
  log=$build/logs/$t.log
  echo "fuzz_$t: ${seconds} s …"
  (cd $build && ./fuzz_$t "${options[@]}" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 \
     -artifact_prefix=artifacts/$t- found/$t ../../tests/fuzz/corpus/$t) > $log 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' $log | tail -1 | grep -o '[0-9]*$')
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' $log | tail -1 | grep -o '[0-9]*$')
  last=$(grep -E '^#[0-9]+' $log | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<< "$last")
  if [ $rc -eq 0 ]; then result="no finding"; else result="FINDING (exit $rc, see $log)"; failed=1; fi
  echo "| $t | $seconds | ${execs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | $result |" >> $report
  echo "  $result: ${execs:-?} executions, coverage ${cov:-?}"
done
cat $report
exit $failed
