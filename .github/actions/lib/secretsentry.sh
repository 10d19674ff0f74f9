# Sourced by the share-secret and receive-secret actions' scripts (not an action itself): the
# bundled CLI they run, and the masking both rely on.
# shellcheck shell=bash

SECRETSENTRY_PACKAGE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../packages/cli" && pwd)"
SECRETSENTRY_CLI="$SECRETSENTRY_PACKAGE/dist/cli.js"

fail() {
  echo "::error::$1"
  exit "${2:-2}"
}

# Reads text on stdin and masks every non-blank line of it, without the blanks around it (so the
# mask still matches when a log shows the line trimmed or CRLF-ended). add-mask takes one line,
# and the runner decodes %25, %0D and %0A in it: those are encoded, so the mask is the text itself.
mask_lines() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    if [ -n "$line" ]; then
      line="${line//%/%25}"
      echo "::add-mask::${line//$'\r'/%0D}"
    fi
  done
}

# The committed bundle runs on the runner's own Node, when it is recent enough (packages/cli's engines).
require_node() {
  command -v node >/dev/null || fail 'secretsentry needs Node.js on PATH: add actions/setup-node before this step.' 1
  node -e '
    const want = require(process.argv[1]).engines.node.replace(">=", "").split(".").map(Number);
    const have = process.versions.node.split(".").map(Number);
    const older = have.findIndex((n, i) => n !== want[i]);
    if (older !== -1 && have[older] < want[older]) {
      console.log(`::error::secretsentry needs Node.js ${want.join(".")} or later; this is ${process.versions.node}. Add actions/setup-node before this step.`);
      process.exit(1);
    }' "$SECRETSENTRY_PACKAGE/package.json" || exit 1
}
