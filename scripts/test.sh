#!/usr/bin/env bash
# The test command (`npm test`). Runs the whole vitest suite once and ends with
# the plain line "N passed, N failed" that CI reads.
#
# Where a Secret Service can be started (dbus-run-session + gnome-keyring, as in
# CI), the keychain tests run against it: a throwaway keyring in a temp
# XDG_DATA_HOME, unlocked with a throwaway password. Elsewhere they are skipped
# and say why. Never changes HOME (native builds rely on /root/.npmrc).
set -uo pipefail
cd "$(dirname "$0")/.."

# `npm run dev` rebuilds the native modules for Electron's ABI; the tests run
# them under Node. Put the Node builds back when that happened (~50 s, once).
if ! node -e "new (require('better-sqlite3'))(':memory:').close(); require('keytar')" >/dev/null 2>&1; then
  echo "Rebuilding native modules for Node (npm run dev built them for Electron)..."
  npm rebuild better-sqlite3 keytar
fi

report="$(mktemp -t xm-vitest-XXXXXX.json)"
run_vitest() {
  npx vitest run --reporter=default --reporter=json --outputFile="$report" "$@"
}

if [ -z "${XM_KEYRING:-}" ] && command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  keyring_home="$(mktemp -d -t xm-keyring-XXXXXX)"
  export XDG_DATA_HOME="$keyring_home"
  export -f run_vitest
  export report
  # shellcheck disable=SC2016
  dbus-run-session -- bash -c 'echo -n ci-only-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; XM_KEYRING=1 run_vitest "$@"' _ "$@"
  status=$?
  rm -rf "$keyring_home"
else
  run_vitest "$@"
  status=$?
fi

node -e '
  const fs = require("fs")
  let r
  try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")) } catch { console.log("0 passed, 1 failed"); process.exit(0) }
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""))
' "$report"
rm -f "$report"
exit $status
