#!/usr/bin/env bash
# The test command: builds everything that can be built here, runs every test, prints the totals.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing the pinned Azurite (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

bash scripts/build-functions.sh

rm -rf TestResults
status=0
dotnet test IvrFunctions.Tests/IvrFunctions.Tests.csproj -nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory TestResults "$@" || status=$?

trx=TestResults/results.trx
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); executed=$(get executed); passed=$(get passed); failed=$(get failed)
  skipped=$((total - executed))
  if [ "${failed}" != "0" ]; then perl scripts/failed-tests.pl "$trx"; fi
  echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
  if [ "${executed}" = "0" ]; then echo "No test executed"; status=1; fi
else
  echo "Tests: no results file (the test run did not start)"
  status=1
fi
exit $status
