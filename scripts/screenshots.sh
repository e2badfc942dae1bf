#!/usr/bin/env bash
# Refreshes docs/screenshots: runs the Chromium end-to-end tests that take them
# (English light and dark in workstation.test.ts, Arabic right to left and
# German long words in languages.test.ts — each also checks nothing is cut or
# overlapping) and copies the shots the README shows from test-results/screenshots.
# Needs what the e2e tests need: Debian's chromium (README, Tests).
set -euo pipefail
cd "$(dirname "$0")/.."

npx vitest run test/e2e/workstation.test.ts test/e2e/languages.test.ts

SHOTS=(
  welcome lines-view create-form-cost line-drawer-handoff credits-view journal-view
  offline-banner dark-theme outcome-unknown panels-view settings-view
  ar-lines-view ar-line-drawer ar-credits-view ar-journal-view ar-settings-view
  de-lines-view de-line-drawer de-credits-view de-journal-view de-settings-view
)
mkdir -p docs/screenshots
for name in "${SHOTS[@]}"; do
  cp "test-results/screenshots/$name.png" "docs/screenshots/$name.png"
done
echo "docs/screenshots: ${#SHOTS[@]} screenshots refreshed"
