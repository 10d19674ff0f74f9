#!/usr/bin/env bash
# The share-secret action's work, apart from action.yml so the tests run it outside GitHub.
# Its INPUT_* variables hold paths, a variable's name, numbers and URLs, never the secret: the
# runner prints a step's inputs and env in the log before any mask could hide them.
set -euo pipefail
# shellcheck source=../lib/secretsentry.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/secretsentry.sh"

file="${INPUT_FILE:-}"
var="${INPUT_ENV_VAR:-}"
passphrase_file="${INPUT_PASSPHRASE_FILE:-}"
mask_link="${INPUT_MASK_LINK:-true}"
as_file="${INPUT_AS_FILE:-false}"
: "${GITHUB_OUTPUT:?GITHUB_OUTPUT must be set}"

if [ -n "$file" ] && [ -n "$var" ]; then fail 'Give file or env-var, not both.'; fi
if [ -z "$file" ] && [ -z "$var" ]; then fail 'Give file (a path) or env-var (the name of a variable holding the secret).'; fi
if [ -n "$var" ] && ! [[ "$var" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
  fail 'env-var is the name of an environment variable (set it in the step'"'"'s env), not the secret.'
fi
if [ -n "$var" ] && [ -z "${!var:-}" ]; then fail "The environment variable $var is empty or not set."; fi
if [ -n "$file" ] && ! [ -r "$file" ]; then fail "Cannot read the file $file."; fi
case "$as_file" in
  false) ;;
  true) if [ -z "$file" ]; then fail 'as-file: true shares the file given in file.'; fi ;;
  *) fail 'as-file is true or false.' ;;
esac

# Mask first, before anything else runs: the secret and any passphrase, every line of them. A file
# shared as a file (a backup, an archive, up to 1 GiB) is not text a step would print: not masked.
if [ "$as_file" = true ]; then
  :
elif [ -n "$file" ]; then mask_lines <"$file"; else printf '%s' "${!var}" | mask_lines; fi
if [ -n "$passphrase_file" ]; then
  [ -r "$passphrase_file" ] || fail "Cannot read the passphrase file $passphrase_file."
  head -n 1 "$passphrase_file" | mask_lines
fi
printf '%s' "${SECRETSENTRY_PASSPHRASE:-}" | mask_lines

case "$mask_link" in
  true) ;;
  false)
    # Unmasked, the link may reach a log; then it must be useless without a passphrase.
    if [ -z "$passphrase_file" ] && [ -z "${SECRETSENTRY_PASSPHRASE:-}" ]; then
      fail 'mask-link: false needs a passphrase (passphrase-file, or SECRETSENTRY_PASSPHRASE from a secret).'
    fi
    ;;
  *) fail 'mask-link is true or false.' ;;
esac
require_node

args=(share --json --manage --reads "${INPUT_READS:-1}" --ttl "${INPUT_TTL:-3d}")
if [ -n "${INPUT_API_URL:-}" ]; then args+=(--api "$INPUT_API_URL"); fi
if [ -n "${INPUT_PAGE_URL:-}" ]; then args+=(--page-url "$INPUT_PAGE_URL"); fi
if [ -n "$passphrase_file" ]; then args+=(--passphrase-file "$passphrase_file"); fi

# The secret reaches the CLI as a file or on stdin (`--file -`: exact bytes), never in its arguments.
# A file shared as a file goes up encrypted, straight to the vault, and comes back under its name.
if [ "$as_file" = true ]; then
  json="$(node "$SECRETSENTRY_CLI" "${args[@]}" --file "$file")" || exit $?
elif [ -n "$file" ]; then
  json="$(node "$SECRETSENTRY_CLI" "${args[@]}" --file - <"$file")" || exit $?
else
  json="$(printf '%s' "${!var}" | node "$SECRETSENTRY_CLI" "${args[@]}" --file -)" || exit $?
fi

fields="$(printf '%s' "$json" | node -e '
  let s = "";
  process.stdin.on("data", (c) => (s += c)).on("end", () => {
    const r = JSON.parse(s);
    process.stdout.write([r.link, r.manageLink, r.expiresAt].join("\n") + "\n");
  });')"
link="$(sed -n 1p <<<"$fields")"
manage="$(sed -n 2p <<<"$fields")"
expires="$(sed -n 3p <<<"$fields")"
# Each link is a credential: masked before it is written anywhere.
printf '%s' "$manage" | mask_lines
if [ "$mask_link" = true ]; then printf '%s' "$link" | mask_lines; fi
{
  echo "link=$link"
  echo "manage-link=$manage"
  echo "expires-at=$expires"
} >>"$GITHUB_OUTPUT"
echo "Shared a one-time link; it expires at $expires."
