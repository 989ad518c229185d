#!/usr/bin/env bash
# Installs what the tests need, builds, runs every test (domain, integration on a real
# PostgreSQL, browser in a real Chromium) and ends with one line: N passed, N failed.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=deploy/lib.sh
source deploy/lib.sh

set -e
ensure_postgres
ensure_chromium
ensure_qr_tools
ensure_scaleout_tools
ensure_dotnet_tools
echo "Building..."
dotnet build CompetitivePosts.sln -c Release --nologo -v quiet
set +e

log=$(mktemp)
dotnet test CompetitivePosts.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary per test assembly, e.g. "Passed!  - Failed: 0, Passed: 46, Skipped: 0, Total: 46".
read -r passed failed skipped assemblies < <(awk '
  /(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
    gsub(",", ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
    }
    n++
  }
  END { print p+0, f+0, s+0, n+0 }' "$log")
rm -f "$log"

if [[ $assemblies -lt 2 && $status -eq 0 ]]; then
  echo "Expected results from 2 test assemblies, got $assemblies." >&2
  status=1
fi
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi   # a crash or build error counts as a failure
line="$passed passed, $failed failed"
[[ $skipped -gt 0 ]] && line+=", $skipped skipped"
echo "$line"
exit "$status"
