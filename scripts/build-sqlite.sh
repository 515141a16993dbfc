#!/usr/bin/env bash
# Builds better-sqlite3's native module from source with npm's bundled node-gyp, against the
# headers of the Node that runs it. Run by setup.sh when the module does not load: its prebuilt
# binary would be downloaded from GitHub, which the kiosk's networks cannot reach, and .npmrc's
# ignore-scripts keeps npm ci from running its install script at all. Takes 1-3 minutes
# (SQLite's amalgamation is one large C file).
# Under CI=true a failed build is a failure; elsewhere it is a loud warning, so work that does
# not touch the journal can go on.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "kiosk24 setup: $*" >&2
  echo "kiosk24 setup: the journal (better-sqlite3) cannot load; the kiosk cannot keep its 'nothing lost' promise until it does" >&2
  if [ "${CI:-}" = "true" ]; then
    exit 1
  fi
  exit 0
}

loads() {
  node -e "new (require('better-sqlite3'))(':memory:').close()" >/dev/null 2>&1
}

[ -d node_modules/better-sqlite3 ] || fail "node_modules/better-sqlite3 is missing; run npm ci first"

# npm ships node-gyp inside itself; use that one rather than fetching another.
npm_root="$(dirname "$(readlink -f "$(command -v npm)")")/.."
node_gyp="$npm_root/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$node_gyp" ] || fail "npm's bundled node-gyp was not found at $node_gyp"

# node-gyp would download Node's headers; a Node installed with its headers (Debian's
# nodejs, NodeSource, the official tarball) has them under <prefix>/include/node.
node_prefix="$(node -p "require('node:path').resolve(process.execPath, '..', '..')")"
gyp_args=(rebuild --release --jobs=2)
if [ -f "$node_prefix/include/node/node.h" ]; then
  gyp_args+=("--nodedir=$node_prefix")
else
  echo "kiosk24 setup: no Node headers under $node_prefix/include/node; node-gyp will try its cache or a download" >&2
fi

echo "kiosk24 setup: building better-sqlite3 from source (1-3 minutes)..."
start=$SECONDS
if ! (cd node_modules/better-sqlite3 && node "$node_gyp" "${gyp_args[@]}" >build-from-source.log 2>&1); then
  tail -n 30 node_modules/better-sqlite3/build-from-source.log >&2 || true
  fail "building better-sqlite3 failed (full log: node_modules/better-sqlite3/build-from-source.log)"
fi
loads || fail "better-sqlite3 was built but still does not load"
echo "kiosk24 setup: better-sqlite3 built in $((SECONDS - start)) s"
