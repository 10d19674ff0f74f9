#!/usr/bin/env bash
# The share-secret action's work, apart from action.yml so it can be tested outside GitHub.
# Reads INPUT_* from the environment, writes link, manage-link and expires-at to $GITHUB_OUTPUT.
set -euo pipefail

fail() {
  echo "::error::$1"
  exit "${2:-2}"
}

value="${INPUT_VALUE:-}"
file="${INPUT_FILE:-}"
if [ -n "$value" ] && [ -n "$file" ]; then fail 'Give value or file, not both.'; fi
if [ -z "$value" ] && [ -z "$file" ]; then fail 'Give value or file.'; fi
: "${GITHUB_OUTPUT:?GITHUB_OUTPUT must be set}"

# Secrets reach the CLI through stdin and the environment, never through its arguments.
if [ -n "${INPUT_API_URL:-}" ]; then export SECRETSENTRY_API_URL="$INPUT_API_URL"; fi
if [ -n "${INPUT_PAGE_URL:-}" ]; then export SECRETSENTRY_PAGE_URL="$INPUT_PAGE_URL"; fi
if [ -n "${INPUT_PASSPHRASE:-}" ]; then
  export SECRETSENTRY_PASSPHRASE="$INPUT_PASSPHRASE"
else
  unset SECRETSENTRY_PASSPHRASE
fi

cli="${SECRETSENTRY_CLI:-}"
if [ -z "$cli" ]; then cli="node ${GITHUB_ACTION_PATH:?}/../../../dist/cli.js"; fi
args=(share --json --manage --reads "${INPUT_READS:-1}" --ttl "${INPUT_TTL:-3d}")

if [ -n "$file" ]; then
  # A file's lines are masked too, in case anything later prints it.
  while IFS= read -r line || [ -n "$line" ]; do
    if [ -n "$line" ]; then echo "::add-mask::$line"; fi
  done <"$file"
  json="$($cli "${args[@]}" --file "$file")" || exit $?
else
  json="$(printf '%s' "$value" | $cli "${args[@]}")" || exit $?
fi

# Mask the links before they are written anywhere: each one is a credential.
fields="$(printf '%s' "$json" | node -e '
  let s = ""; process.stdin.on("data", (c) => (s += c)).on("end", () => {
    const r = JSON.parse(s);
    process.stdout.write([r.link, r.manageLink, r.expiresAt].join("\n") + "\n");
  });')"
link="$(sed -n 1p <<<"$fields")"
manage="$(sed -n 2p <<<"$fields")"
expires="$(sed -n 3p <<<"$fields")"
echo "::add-mask::$link"
echo "::add-mask::$manage"
{
  echo "link=$link"
  echo "manage-link=$manage"
  echo "expires-at=$expires"
} >>"$GITHUB_OUTPUT"
echo "Shared a one-time link; it expires at $expires."
