#!/usr/bin/env bash
# The receive-secret action's work, apart from action.yml so the tests run it outside GitHub.
# The link comes in $SECRETSENTRY_LINK (set in the step's env), never in an input: the runner
# prints a step's inputs in the log. The secret goes to a 0600 file, a masked variable, or both.
set -euo pipefail
# shellcheck source=../lib/secretsentry.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/secretsentry.sh"

link="${SECRETSENTRY_LINK:-}"
file="${INPUT_FILE:-}"
var="${INPUT_ENV_VAR:-}"
passphrase_file="${INPUT_PASSPHRASE_FILE:-}"

# The link, a key sent apart from it and a passphrase are credentials: masked before anything runs.
printf '%s' "$link" | mask_lines
printf '%s' "${SECRETSENTRY_KEY:-}" | mask_lines
printf '%s' "${SECRETSENTRY_PASSPHRASE:-}" | mask_lines
if [ -n "$passphrase_file" ]; then
  [ -r "$passphrase_file" ] || fail "Cannot read the passphrase file $passphrase_file."
  head -n 1 "$passphrase_file" | mask_lines
fi

if [ -z "$link" ]; then fail 'Set SECRETSENTRY_LINK in the step'"'"'s env, from a secret or a previous job.'; fi
if [ -z "$file" ] && [ -z "$var" ]; then fail 'Give file (where to write the secret), env-var (what to call it), or both.'; fi
if [ -n "$var" ] && ! [[ "$var" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then fail "env-var $var is not a variable name."; fi
if [ -n "$var" ]; then : "${GITHUB_ENV:?GITHUB_ENV must be set}"; fi
require_node

out="$file"
if [ -z "$out" ]; then
  # Only the variable was asked for: the plaintext lives in a private file for as long as this runs.
  out="$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/secretsentry.XXXXXX")"
  trap 'rm -f "$out"' EXIT
fi
# --force: the file is ours to write (the mktemp above, or the path the workflow gave).
args=(get - --out "$out" --force)
if [ -n "$passphrase_file" ]; then args+=(--passphrase-file "$passphrase_file"); fi
# The link goes on stdin (`get -`), not in the CLI's arguments, where `ps` would show it.
printf '%s\n' "$link" | node "$SECRETSENTRY_CLI" "${args[@]}" || exit $?
mask_lines <"$out"

if [ -n "$var" ]; then
  if ! LC_ALL=C tr -d '\000' <"$out" | cmp -s - "$out"; then
    fail 'The secret holds NUL bytes, which no environment variable can; use file instead.'
  fi
  # The multi-line form, with a random delimiter the value cannot end early.
  delimiter="SECRETSENTRY_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  if grep -qF "$delimiter" "$out"; then fail 'The secret holds the delimiter; try again.' 1; fi
  {
    printf '%s<<%s\n' "$var" "$delimiter"
    cat "$out"
    printf '\n%s\n' "$delimiter"
  } >>"$GITHUB_ENV"
fi
echo "Received the secret${file:+ into $file (mode 0600)}${var:+, as the masked variable $var}."
