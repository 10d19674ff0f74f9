// JWEs built with Node's own AES-256-GCM, not jose, under a known key and any protected header: what a
// hostile sender or API could hand a client that holds the key (a header the server would refuse, a
// compressed payload). They decrypt correctly, so only a header check can refuse them.
import { createCipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';

export interface HandMadeJweOptions {
  /** Deflate the plaintext first (RFC 7516 `zip: "DEF"`), as a compressing sender would. */
  readonly deflate?: boolean;
}

/** A compact JWE (`dir`, AES-256-GCM) of `plaintext` under `key`, with exactly `header` as protected header. */
export function handMadeJwe(
  key: Uint8Array,
  header: Record<string, unknown>,
  plaintext: string,
  options: HandMadeJweOptions = {},
): string {
  const protectedHeader = Buffer.from(JSON.stringify(header)).toString('base64url');
  const bytes = Buffer.from(plaintext, 'utf8');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
  const body = Buffer.concat([
    cipher.update(options.deflate ? deflateRawSync(bytes) : bytes),
    cipher.final(),
  ]);
  return [
    protectedHeader,
    '',
    iv.toString('base64url'),
    body.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}
