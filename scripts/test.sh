#!/usr/bin/env bash
# The single test command (`npm test`): node deps, real services, strict build, mocha.
# Extra arguments go to mocha, e.g. `npm test -- --grep clock`.
# Exit code is mocha's. Nothing is dropped or flushed here: tests use their own
# databases and queue prefixes (test/support/services.ts).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# npm writes node_modules/.package-lock.json on every install, so it dates node_modules.
ensure_node_deps() {
  if [ ! -f node_modules/.package-lock.json ] ||
    [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "test: installing node dependencies (npm ci)" >&2
    npm ci --no-audit --no-fund
  fi
}

# tsc never deletes output: a compiled test whose source was removed or renamed
# would still run. Drop only such orphans of our own build.
prune_orphan_tests() {
  local js ts
  [ -d dist/test ] || return 0
  while IFS= read -r js; do
    ts="${js#dist/}"
    ts="${ts%.js}.ts"
    [ -f "$ts" ] || rm -f "$js" "$js.map"
  done < <(find dist/test -name '*.test.js')
}

ensure_node_deps

bash scripts/services.sh
# shellcheck source=/dev/null
source .data/services.env

npm run build
prune_orphan_tests

# Far from Astana on both sides of UTC: a test that leans on the process time
# zone instead of Asia/Almaty fails here.
export TZ="${TEST_TZ:-Pacific/Kiritimati}"
exec npx mocha "$@"
