import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildLink, parseLink, type LinkKind } from '../../core/links.ts';

const ID = 'AAECAwQFBgcICQoLDA0ODw';
const CREDENTIAL = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
const b64url = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`));
const origins = fc.constantFrom(
  'https://secrets.example.com',
  'http://127.0.0.1:8080',
  'https://example.org/tools/secretsentry',
);

describe('secret and manage links', () => {
  it('parse back to what they were built from, for any id, credential and origin', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<LinkKind>('secret', 'manage'),
        origins,
        b64url(22, 22),
        b64url(1, 64),
        (kind, origin, id, credential) => {
          expect(parseLink(buildLink(kind, origin, id, credential))).toEqual({
            kind,
            origin,
            id,
            credential,
          });
        },
      ),
    );
  });

  it('puts the credential after #, so it never reaches a server', () => {
    const link = new URL(buildLink('secret', 'https://secrets.example.com', ID, CREDENTIAL));
    expect(link.pathname).toBe(`/s/${ID}`);
    expect(link.search).toBe('');
    expect(link.hash).toBe(`#${CREDENTIAL}`);
  });

  it('builds /m/ links for managing', () => {
    expect(buildLink('manage', 'https://x.example/', ID, CREDENTIAL)).toBe(
      `https://x.example/m/${ID}#${CREDENTIAL}`,
    );
  });

  it('tolerates surrounding whitespace and a trailing slash after the id', () => {
    expect(parseLink(`  https://x.example/s/${ID}/#${CREDENTIAL}\n`).id).toBe(ID);
  });

  it.each([
    ['not a URL', 'secret please'],
    ['no fragment', `https://x.example/s/${ID}`],
    ['an empty fragment', `https://x.example/s/${ID}#`],
    ['a short id', `https://x.example/s/${ID.slice(1)}#${CREDENTIAL}`],
    ['an unknown kind', `https://x.example/x/${ID}#${CREDENTIAL}`],
    ['an id with foreign characters', `https://x.example/s/${ID.slice(1)}+#${CREDENTIAL}`],
  ])('refuses %s with a readable error', (_what, link) => {
    expect(() => parseLink(link)).toThrow(/SecretSentry link/);
  });
});
