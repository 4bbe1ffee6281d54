#!/usr/bin/env bash
# `npm test`: every test, the way CI runs them.
#   1. system prerequisites (Chromium, pdftotext, PostgreSQL server) from Debian when missing;
#   2. lint and type check;
#   3. unit tests and integration tests on the embedded database (PGlite, PostgreSQL 18);
#   4. integration tests again on a real PostgreSQL server (Debian's, 15 here) that this
#      script starts in a throwaway directory on loopback, migrated with `prisma migrate deploy`;
#   5. production build, then browser tests (Playwright in Debian's Chromium, axe on every page).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
t0=$(date +%s)
log=$(mktemp /tmp/commandes-test.XXXXXX.log)
step() { printf '\n\033[1m== %s\033[0m (%ss)\n' "$1" "$(( $(date +%s) - t0 ))"; }

step "Prérequis système"
bash scripts/ensure-system-deps.sh
npx prisma generate >/dev/null
npx react-dsfr update-icons >/dev/null

step "Lint et types"
npx biome check .
npx tsc --noEmit -p .

step "Tests unitaires et d'intégration (PGlite)"
npx vitest run 2>&1 | tee -a "$log"

step "Tests d'intégration (PostgreSQL)"
pgdir=$(mktemp -d /tmp/commandes-pg.XXXXXX)
pgport=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
cleanup() { bash scripts/pg-server.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir" "$log"; }
trap cleanup EXIT
admin_url=$(bash scripts/pg-server.sh start "$pgdir" "$pgport")
psql -q "$admin_url" -c 'CREATE DATABASE commandes_template' >/dev/null
# The real migration path of a production server, through the Prisma CLI.
DATABASE_URL="${admin_url%/postgres}/commandes_template" \
  NODE_OPTIONS="--require ./scripts/prisma-unref-timers.cjs" npx prisma migrate deploy
TEST_DATABASE_URL="$admin_url" npx vitest run --project integration 2>&1 | tee -a "$log"

step "Construction et tests dans le navigateur"
npx next build
npx playwright test 2>&1 | tee -a "$log"

step "Terminé"
# One closing line for CI: the total over every runner (vitest twice, then Playwright).
plain=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log")
passed=$(printf '%s\n' "$plain" | grep -E '^ +Tests +[0-9]+ passed|^ +[0-9]+ passed \(' | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
rm -f "$log"
echo "${passed} passed, 0 failed"
