#!/usr/bin/env bash
# Every test Kith has, in the order that fails fastest: types, lint, unit and
# integration (Vitest, real HTTP against the sandbox), then the end-to-end
# suite in Debian's Chromium against the real host shell and sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
npm run typecheck
npm run lint
npx vitest run
npm run build
if [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a npx playwright test
else
  npx playwright test
fi
