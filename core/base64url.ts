// base64url without padding (RFC 4648 §5), for browsers and Node alike. One value has one spelling:
// anything non-canonical (padding, stray bits in the last character) is refused.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * How many bytes canonical unpadded base64url `text` encodes, or undefined when it is not that.
 * Decodes nothing, so checking a 1 MiB ciphertext costs one regular-expression pass.
 */
export function base64urlByteLength(text: string): number | undefined {
  const rest = text.length % 4;
  if (rest === 1 || !B64URL.test(text)) return undefined;
  if (rest !== 0) {
    // The last character's low bits are padding bits, which must be zero.
    const last = ALPHABET.indexOf(text[text.length - 1] ?? '');
    if ((last & (rest === 2 ? 0x0f : 0x03)) !== 0) return undefined;
  }
  return Math.floor((text.length * 3) / 4);
}

/** Decodes canonical unpadded base64url; throws on anything else. */
export function fromBase64url(text: string): Uint8Array {
  if (base64urlByteLength(text) === undefined) throw new TypeError('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Like {@link fromBase64url}, but undefined instead of an exception. */
export function decodeBase64url(text: string): Uint8Array | undefined {
  return base64urlByteLength(text) === undefined ? undefined : fromBase64url(text);
}
