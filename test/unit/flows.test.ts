// The share and reveal flows against an API client that keeps what it is sent in memory and checks
// every request body against the wire contract, as the server does.
import { describe, expect, it } from '@jest/globals';
import { ApiError, type ApiClient } from '../../core/api.ts';
import { createRequest, type CreateRequest } from '../../core/contract.ts';
import { KdfParamsError, seal, sha256 } from '../../core/envelope.ts';
import { fromBase64url, toBase64url } from '../../core/base64url.ts';
import {
  destroyRevealed,
  prepareReveal,
  revealSecret,
  SecretTooLargeError,
  type RevealedSecret,
  shareSecret,
  UndecryptableError,
} from '../../core/flows.ts';
import { LIMITS } from '../../core/limits.ts';
import { parseLink } from '../../core/links.ts';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

const textOf = (revealed: RevealedSecret): string => {
  if (revealed.kind !== 'text') throw new Error('expected a text secret');
  return new TextDecoder().decode(revealed.plaintext);
};
const MANAGE = 'M'.repeat(43);

function memoryApi() {
  const sent: CreateRequest[] = [];
  let readCount = 0;
  const destroyed: { id: string; readToken: string; verifier?: string }[] = [];
  const gone = () => new ApiError(404, 'not_found', 'gone');
  const holds = async (readToken: string) => {
    const stored = sent.at(-1);
    const hash = toBase64url(await sha256(fromBase64url(readToken)));
    if (!stored || stored.readTokenHash !== hash) throw gone();
    return stored;
  };
  const client: ApiClient = {
    async create(request) {
      const parsed = createRequest.safeParse(request);
      if (!parsed.success) throw new ApiError(400, 'invalid_request', 'bad body');
      sent.push(parsed.data);
      return { id: ID, expiresAt: new Date(0).toISOString(), maxReads: 1, manageToken: MANAGE };
    },
    async meta(id, readToken) {
      const stored = await holds(readToken);
      const passphrase = stored.passphrase
        ? { salt: stored.passphrase.salt, iterations: stored.passphrase.iterations }
        : null;
      return {
        id,
        kind: 'text',
        expiresAt: new Date(0).toISOString(),
        remainingReads: 1,
        passphrase,
      };
    },
    async read(_id, readToken, verifier) {
      const stored = await holds(readToken);
      if (stored.passphrase) {
        const hash = verifier && toBase64url(await sha256(fromBase64url(verifier)));
        if (hash !== stored.passphrase.verifierHash)
          throw new ApiError(401, 'unauthorized', 'wrong');
      }
      readCount++;
      return {
        ciphertext: stored.ciphertext ?? '',
        remainingReads: 0,
        expiresAt: new Date(0).toISOString(),
      };
    },
    seal: async () => {
      throw gone();
    },
    async destroy(id, readToken, verifier) {
      destroyed.push({ id, readToken, ...(verifier === undefined ? {} : { verifier }) });
    },
    revokeRecipient: async () => {
      throw new Error('no links to revoke here');
    },
    // These flows never fill a request (tested on the local stack: test/integration/requests.test.ts).
    fill: async () => {
      throw new Error('no fill here');
    },
    revoke: async () => undefined,
    receipt: async () => {
      throw gone();
    },
  };
  return { client, sent, destroyed, reads: () => readCount };
}

describe('shareSecret and revealSecret', () => {
  it('round-trips a secret through the links they make', async () => {
    const api = memoryApi();

    const shared = await shareSecret(api.client, {
      secret: 'fixture: flow',
      pageOrigin: 'https://page.example/base',
    });
    const revealed = await revealSecret(
      api.client,
      await prepareReveal(api.client, parseLink(shared.link)),
    );

    expect(shared.link).toBe(`https://page.example/base/s/${ID}#${shared.key}`);
    expect(parseLink(shared.manageLink)).toMatchObject({ kind: 'manage', credential: MANAGE });
    expect(textOf(revealed)).toBe('fixture: flow');
    expect(JSON.stringify(api.sent)).not.toContain(shared.key);
  });

  it('needs the passphrase: wrong answers 401, right decrypts', async () => {
    const api = memoryApi();
    const shared = await shareSecret(api.client, {
      secret: 'fixture: protected',
      pageOrigin: 'https://page.example',
      passphrase: 'correct horse',
    });
    const toReveal = await prepareReveal(api.client, parseLink(shared.link));

    expect(shared.protectedByPassphrase).toBe(true);
    expect(toReveal.meta.passphrase?.iterations).toBe(LIMITS.minIterations);
    await expect(
      revealSecret(api.client, toReveal, { passphrase: 'wrong horse' }),
    ).rejects.toMatchObject({ status: 401 });
    const revealed = await revealSecret(api.client, toReveal, { passphrase: 'correct horse' });
    expect(textOf(revealed)).toBe('fixture: protected');
  });

  it("destroys a revealed secret with the read's own token and verifier", async () => {
    const api = memoryApi();
    const shared = await shareSecret(api.client, {
      secret: 'fixture: done with it',
      pageOrigin: 'https://page.example',
      passphrase: 'correct horse',
    });
    const toReveal = await prepareReveal(api.client, parseLink(shared.link));
    const revealed = await revealSecret(api.client, toReveal, { passphrase: 'correct horse' });

    await destroyRevealed(api.client, revealed.access);

    const verifierHash = api.sent[0]?.passphrase?.verifierHash;
    const [call] = api.destroyed;
    expect(call).toMatchObject({ id: ID, readToken: toReveal.readToken });
    expect(toBase64url(await sha256(fromBase64url(call?.verifier ?? '')))).toBe(verifierHash);
  });

  it('treats an empty passphrase as none', async () => {
    const api = memoryApi();
    const shared = await shareSecret(api.client, {
      secret: 'fixture: open',
      pageOrigin: 'https://page.example',
      passphrase: '',
    });

    expect(shared.protectedByPassphrase).toBe(false);
    expect(api.sent[0]?.passphrase).toBeUndefined();
  });

  it('shares the largest secret LIMITS allows as a ciphertext the server accepts', async () => {
    const api = memoryApi();

    await shareSecret(api.client, {
      secret: new Uint8Array(LIMITS.secretBytes),
      pageOrigin: 'https://page.example',
    });

    expect(api.sent[0]?.ciphertext?.length).toBeLessThanOrEqual(LIMITS.ciphertextChars);
  });

  it('refuses one byte more before anything is sent', async () => {
    const api = memoryApi();

    await expect(
      shareSecret(api.client, {
        secret: new Uint8Array(LIMITS.secretBytes + 1),
        pageOrigin: 'https://page.example',
      }),
    ).rejects.toBeInstanceOf(SecretTooLargeError);
    expect(api.sent).toHaveLength(0);
  });

  it.each([
    ['too many iterations', { iterations: LIMITS.maxIterations + 1 }],
    ['too few iterations', { iterations: LIMITS.minIterations - 1 }],
    ['a salt too short', { salt: toBase64url(new Uint8Array(LIMITS.saltBytes.min - 1)) }],
  ])('refuses passphrase parameters with %s before any read', async (_what, change) => {
    const api = memoryApi();
    const shared = await shareSecret(api.client, {
      secret: 'fixture: hostile meta',
      pageOrigin: 'https://page.example',
      passphrase: 'fixture passphrase',
    });
    const honestMeta = api.client.meta;
    const hostile: ApiClient = {
      ...api.client,
      meta: async (id, readToken) => {
        const meta = await honestMeta(id, readToken);
        return { ...meta, passphrase: { ...meta.passphrase!, ...change } };
      },
    };

    await expect(prepareReveal(hostile, parseLink(shared.link))).rejects.toBeInstanceOf(
      KdfParamsError,
    );
    expect(api.reads()).toBe(0);
  });

  it('says undecryptable, not a crash, when the answer does not belong to the link', async () => {
    const api = memoryApi();
    const shared = await shareSecret(api.client, {
      secret: 'fixture: mine',
      pageOrigin: 'https://page.example',
    });
    const toReveal = await prepareReveal(api.client, parseLink(shared.link));
    // The stored ciphertext is swapped for one sealed under another key.
    api.sent[0] = { ...api.sent[0]!, ciphertext: (await seal('fixture: other')).ciphertext };

    await expect(revealSecret(api.client, toReveal)).rejects.toBeInstanceOf(UndecryptableError);
  });
});
