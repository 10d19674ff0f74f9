// The shapes of a secret id and of its tokens. Plain regular expressions, not zod: the Lambdas that
// only match a path id or a queued key carry no schema library for it.

/** A secret id: 16 random bytes as canonical base64url (22 characters, the last one of four). */
export const SECRET_ID = /^[A-Za-z0-9_-]{21}[AQgw]$/;
/** A 32-byte token (read or manage) as base64url: 43 characters. */
export const TOKEN = /^[A-Za-z0-9_-]{43}$/;
