#!/usr/bin/env bash
# Builds IvrFunctions/ (the Azure Functions app) where its packages restore. Where the configured NuGet sources do not
# have them, says so loudly and exits 0; any other restore or build failure fails.
set -uo pipefail
cd "$(dirname "$0")/.."
config="${CONFIGURATION:-Debug}"
log=$(mktemp)
if dotnet restore IvrFunctions/IvrFunctions.csproj >"$log" 2>&1; then
  rm -f "$log"
  echo "IvrFunctions: packages restored, building"
  dotnet build IvrFunctions/IvrFunctions.csproj --no-restore -c "$config" -nologo -v q || { echo "IvrFunctions: BUILD FAILED"; exit 1; }
  echo "IvrFunctions: built"
  exit 0
fi
# A pinned Functions package missing at its pinned version (NU1603: "IvrFunctions depends on X (>= v) but X v was not
# found") is the same case as a missing package: partial feeds then fail on the substitutes (e.g. NU1605 downgrades).
pinned_missing=$(grep -oE 'IvrFunctions depends on Microsoft\.Azure\.Functions\.[A-Za-z0-9.]+ \(>= [0-9.]+\) but [^ ]+ [0-9.]+ was not found' "$log" | sed -E 's/IvrFunctions depends on ([^ ]+) \(>= ([0-9.]+)\).*/\1 \2/' | sort -u | paste -sd, -)
if grep -qE 'error NU110[123]' "$log" || [ -n "$pinned_missing" ]; then
  missing=$(grep -oE 'Unable to find package [A-Za-z0-9._-]+' "$log" | sort -u | sed -e 's/Unable to find package //' -e 's/\.$//' | paste -sd, -)
  missing="${missing:-$pinned_missing}"
  echo "================================================================================"
  echo "IvrFunctions: skipped, Functions packages not available from the configured NuGet sources"
  echo "  missing: ${missing:-see restore log}"
  echo "  Build it on a machine that reaches the public NuGet feed: dotnet build IvrFunctions"
  echo "================================================================================"
  rm -f "$log"
  exit 0
fi
cat "$log"
rm -f "$log"
echo "IvrFunctions: RESTORE FAILED for a reason other than missing packages"
exit 1
