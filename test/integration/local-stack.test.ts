// The whole service over HTTP, against the real local stack (dynalite + s3rver + the production handlers).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createApiClient, ApiError, type ApiClient } from '../../core/api.ts';
import { derivePassphraseKeys, open, seal } from '../../core/envelope.ts';
import { destroyRevealed, prepareReveal, revealSecret, shareSecret } from '../../core/flows.ts';
import { parseLink } from '../../core/links.ts';
import { fromBase64url } from '../../core/base64url.ts';
import { startStack, tempDataDir, type RunningStack } from '../helpers/localStack.ts';
import { ciphertextOf } from '../helpers/fixtures.ts';

let stack: RunningStack;
let api: ApiClient;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/**
 * Shares through the client core, as the page and the CLI do, and returns what the API-level checks
 * below present: the link's key and read token, and the sender's id and manage token.
 */
async function share(secret: string, options: { maxReads?: number; passphrase?: string } = {}) {
  const shared = await shareSecret(api, { secret, pageOrigin: stack.url, ...options });
  const { key, readToken, meta } = await prepareReveal(api, parseLink(shared.link));
  const manageToken = parseLink(shared.manageLink).credential;
  return {
    sealed: { key, readToken, passphrase: meta.passphrase },
    created: { id: shared.id, expiresAt: shared.expiresAt, manageToken },
  };
}

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error: unknown) => (error instanceof ApiError ? error.status : -1),
  );

beforeAll(async () => {
  stack = await startStack();
  api = createApiClient(stack.api);
}, 30_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the local stack', () => {
  it('runs the whole lifecycle: create, meta, read, receipt, burn', async () => {
    const { sealed, created } = await share('fixture: lifecycle', { maxReads: 2 });

    const meta = await api.meta(created.id, sealed.readToken);
    expect(meta).toEqual({
      id: created.id,
      kind: 'text',
      expiresAt: created.expiresAt,
      remainingReads: 2,
      passphrase: null,
      hidden: false,
    });

    const first = await api.read(created.id, sealed.readToken);
    expect(first.remainingReads).toBe(1);
    expect(text(await open(ciphertextOf(first), sealed.key))).toBe('fixture: lifecycle');
    await api.read(created.id, sealed.readToken);

    const receipt = await api.receipt(created.id, created.manageToken);
    expect(receipt).toMatchObject({ state: 'burned', maxReads: 2, remainingReads: 0 });
    expect(receipt.reads).toHaveLength(2);
    await expect(api.read(created.id, sealed.readToken)).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
    await expect(api.meta(created.id, sealed.readToken)).rejects.toMatchObject({ status: 404 });
  });

  it('revokes: the link dies at once and the receipt says revoked', async () => {
    const { sealed, created } = await share('fixture: revoke', { maxReads: 5 });
    await api.revoke(created.id, created.manageToken);
    await expect(api.read(created.id, sealed.readToken)).rejects.toMatchObject({ status: 404 });
    expect((await api.receipt(created.id, created.manageToken)).state).toBe('revoked');
  });

  it('lets a recipient destroy a secret it has read: the link dies, no read is taken, the receipt says destroyed', async () => {
    const shared = await shareSecret(api, {
      secret: 'fixture: destroy',
      pageOrigin: stack.url,
      maxReads: 3,
    });
    const revealed = await revealSecret(api, await prepareReveal(api, parseLink(shared.link)));
    const manageToken = parseLink(shared.manageLink).credential;

    await destroyRevealed(api, revealed.access);

    await expect(api.read(shared.id, revealed.access.readToken)).rejects.toMatchObject({
      status: 404,
    });
    expect(await api.receipt(shared.id, manageToken)).toMatchObject({
      state: 'destroyed',
      remainingReads: 2,
      reads: [{ at: expect.any(String) }],
    });
    // A repeat answers like a gone secret.
    expect(await status(destroyRevealed(api, revealed.access))).toBe(404);
  });

  it("carries the sender's choice to hide the secret until shown to the recipient's metadata", async () => {
    const shared = await shareSecret(api, {
      secret: 'fixture: hidden',
      pageOrigin: stack.url,
      hidden: true,
    });
    const toReveal = await prepareReveal(api, parseLink(shared.link));
    expect(toReveal.meta.hidden).toBe(true);
  });

  it('answers a destroy with a wrong read token 404, like an unknown id, and leaves the secret readable', async () => {
    const { sealed, created } = await share('fixture: destroy wrong token', { maxReads: 2 });
    const other = await share('fixture: another', { maxReads: 2 });

    const wrong = await api.destroy(created.id, other.sealed.readToken).catch((e: unknown) => e);
    const unknown = await api
      .destroy(
        other.created.id.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
        sealed.readToken,
      )
      .catch((e: unknown) => e);

    expect(wrong).toMatchObject({ status: 404, code: 'not_found' });
    expect(unknown).toMatchObject({
      status: 404,
      code: 'not_found',
      message: (wrong as ApiError).message,
    });
    expect((await api.meta(created.id, sealed.readToken)).remainingReads).toBe(2);
  });

  it('counts a wrong verifier at destroy towards the five, never destroys with it, and destroys with the right one', async () => {
    const shared = await shareSecret(api, {
      secret: 'fixture: destroy protected',
      pageOrigin: stack.url,
      maxReads: 3,
      passphrase: 'correct horse',
    });
    const toReveal = await prepareReveal(api, parseLink(shared.link));
    const revealed = await revealSecret(api, toReveal, { passphrase: 'correct horse' });
    const manageToken = parseLink(shared.manageLink).credential;
    const wrongVerifier = (await seal('x')).readToken; // any well-formed 32-byte value

    const refused = await api.destroy(shared.id, toReveal.readToken).catch((e: unknown) => e);
    const wrong = await api
      .destroy(shared.id, toReveal.readToken, wrongVerifier)
      .catch((e: unknown) => e);

    expect(refused).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(wrong).toMatchObject({ status: 401, code: 'wrong_passphrase', attemptsLeft: 4 });
    expect(await api.receipt(shared.id, manageToken)).toMatchObject({
      state: 'active',
      failedAttempts: 1,
    });
    await destroyRevealed(api, revealed.access);
    expect((await api.receipt(shared.id, manageToken)).state).toBe('destroyed');
  });

  it('protects with a passphrase: 401 without or with a wrong one, then decrypts with the right one', async () => {
    const { sealed, created } = await share('fixture: passphrase', {
      passphrase: 'correct horse',
    });
    const meta = await api.meta(created.id, sealed.readToken);
    expect(meta.passphrase).toEqual({
      salt: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      iterations: 600_000,
    });
    const { key } = sealed;
    const salt = fromBase64url(meta.passphrase!.salt);

    await expect(api.read(created.id, sealed.readToken)).rejects.toMatchObject({ status: 401 });
    const wrong = await derivePassphraseKeys(key, 'wrong horse', salt, 600_000);
    await expect(api.read(created.id, sealed.readToken, wrong.verifier)).rejects.toMatchObject({
      status: 401,
    });

    const right = await derivePassphraseKeys(key, 'correct horse', salt, 600_000);
    const result = await api.read(created.id, sealed.readToken, right.verifier);
    expect(text(await open(ciphertextOf(result), key, right.contentKey))).toBe(
      'fixture: passphrase',
    );
    // The link alone (K) does not decrypt a passphrase-protected secret.
    await expect(open(ciphertextOf(result), key)).rejects.toThrow();
  });

  it('holds a secret set to open later: 409 with the time and Retry-After, nothing counted, then reads', async () => {
    // Far enough ahead that the passphrase stretch and the calls below finish before it, on a loaded
    // machine too (2.5 s was once not).
    const notBefore = new Date(Date.now() + 8000);
    const shared = await shareSecret(api, {
      secret: 'fixture: opens later',
      pageOrigin: stack.url,
      passphrase: 'correct horse',
      notBefore,
    });
    expect(shared.notBefore).toBe(notBefore.toISOString());
    const { key, readToken, meta } = await prepareReveal(api, parseLink(shared.link));
    expect(meta.notBefore).toBe(notBefore.toISOString());
    const salt = fromBase64url(meta.passphrase!.salt);
    const wrong = await derivePassphraseKeys(key, 'wrong horse', salt, 600_000);

    // Over the real HTTP edge: the header, the body, and a wrong passphrase not even looked at.
    for (let i = 0; i < 6; i += 1) {
      const early = await fetch(`${stack.api}/secrets/${shared.id}/read`, {
        method: 'POST',
        headers: { authorization: `Bearer ${readToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ verifier: wrong.verifier }),
      });
      expect(early.status).toBe(409);
      expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(early.headers.get('retry-after'))).toBeLessThanOrEqual(8);
      expect(await early.json()).toMatchObject({
        error: 'not_yet_open',
        notBefore: notBefore.toISOString(),
      });
    }
    await expect(api.destroy(shared.id, readToken, wrong.verifier)).rejects.toMatchObject({
      status: 409,
      code: 'not_yet_open',
    });
    // A wrong read token learns nothing: the 404 of an unknown id.
    await expect(api.read(shared.id, 'A'.repeat(43))).rejects.toMatchObject({ status: 404 });
    const manageToken = parseLink(shared.manageLink).credential;
    expect(await api.receipt(shared.id, manageToken)).toMatchObject({
      state: 'active',
      remainingReads: 1,
      failedAttempts: 0,
      notBefore: notBefore.toISOString(),
    });

    await new Promise((resolve) => setTimeout(resolve, notBefore.getTime() - Date.now() + 100));
    const revealed = await revealSecret(
      api,
      { id: shared.id, key, readToken, meta },
      { passphrase: 'correct horse' },
    );
    expect(revealed.kind === 'text' && text(revealed.plaintext)).toBe('fixture: opens later');
  }, 30_000);

  it('destroys a protected secret after five wrong passphrases in a row', async () => {
    const { sealed, created } = await share('fixture: brute force', {
      passphrase: 'pw',
    });
    const wrongVerifier = (await seal('x')).readToken; // any well-formed 32-byte value
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        await api.read(created.id, sealed.readToken, wrongVerifier).then(
          () => ({ status: 200 }),
          (e: ApiError) => ({ status: e.status, code: e.code, attemptsLeft: e.attemptsLeft }),
        ),
      );
    }
    // The count goes down with each, and the fifth says it destroyed the secret.
    expect(answers).toEqual([
      ...[4, 3, 2, 1].map((left) => ({
        status: 401,
        code: 'wrong_passphrase',
        attemptsLeft: left,
      })),
      { status: 401, code: 'locked', attemptsLeft: undefined },
    ]);
    await expect(api.meta(created.id, sealed.readToken)).rejects.toMatchObject({ status: 404 });
    expect(await api.receipt(created.id, created.manageToken)).toMatchObject({
      state: 'locked',
      failedAttempts: 5,
      reads: [],
    });
  });

  it('gives exactly one 200 to 100 concurrent reads of a 1-read secret', async () => {
    const { sealed, created } = await share('fixture: race 1');
    const statuses = await Promise.all(
      Array.from({ length: 100 }, () => status(api.read(created.id, sealed.readToken))),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 404)).toHaveLength(99);
  });

  it('gives exactly five 200s to 60 concurrent reads of a 5-read secret', async () => {
    const { sealed, created } = await share('fixture: race 5', { maxReads: 5 });
    const statuses = await Promise.all(
      Array.from({ length: 60 }, () => status(api.read(created.id, sealed.readToken))),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 404)).toHaveLength(55);
    const receipt = await api.receipt(created.id, created.manageToken);
    expect(receipt).toMatchObject({ state: 'burned', remainingReads: 0 });
    expect(receipt.reads).toHaveLength(5);
  });

  it('gives 1000 concurrent readers of a 100-read secret exactly 100 × 200 and 900 × 404, never a 503', async () => {
    const { sealed, created } = await share('fixture: race 100', { maxReads: 100 });
    const statuses = await Promise.all(
      Array.from({ length: 1000 }, () => status(api.read(created.id, sealed.readToken))),
    );
    const tally = (code: number) => statuses.filter((s) => s === code).length;
    expect({
      ok: tally(200),
      gone: tally(404),
      other: statuses.length - tally(200) - tally(404),
    }).toEqual({ ok: 100, gone: 900, other: 0 });
    const receipt = await api.receipt(created.id, created.manageToken);
    expect(receipt).toMatchObject({ state: 'burned', remainingReads: 0 });
    expect(receipt.reads).toHaveLength(100);
  }, 60_000);

  it('never lets the right passphrase win when it comes last in a burst of 100 guesses', async () => {
    const { sealed, created } = await share('fixture: burst', {
      maxReads: 3,
      passphrase: 'right horse',
    });
    const { key } = sealed;
    const salt = fromBase64url(sealed.passphrase!.salt);
    // Any well-formed verifier but the right one is a wrong guess.
    const wrong = Array.from({ length: 99 }, () => randomBytes(32).toString('base64url'));
    const right = await derivePassphraseKeys(key, 'right horse', salt, 600_000);

    const burst = [...wrong, right.verifier].map((verifier) =>
      status(api.read(created.id, sealed.readToken, verifier)),
    );
    const statuses = await Promise.all(burst);

    expect(statuses.at(-1)).not.toBe(200);
    expect(statuses.filter((s) => s === 200)).toHaveLength(0);
    // Exactly five guesses were counted and told so; every other one was refused like a gone link.
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 404)).toHaveLength(95);
    const receipt = await api.receipt(created.id, created.manageToken);
    expect(receipt).toMatchObject({
      state: 'locked',
      failedAttempts: 5,
      remainingReads: 3,
      reads: [],
    });
  }, 60_000);

  it('answers 503 and consumes nothing while the stored ciphertext is damaged', async () => {
    const { sealed, created } = await share('fixture: damaged', { maxReads: 2 });
    const file = path.join(
      stack.dataDir,
      's3',
      'secretsentry-vault',
      'secrets',
      `${created.id}._S3rver_object`,
    );
    const intact = await readFile(file);
    for (const damaged of ['', 'not a jwe', intact.subarray(0, intact.length - 7).toString()]) {
      await writeFile(file, damaged);
      await rm(`${file}.md5`, { force: true });
      await expect(api.read(created.id, sealed.readToken)).rejects.toMatchObject({
        status: 503,
        code: 'unavailable',
      });
      expect((await api.meta(created.id, sealed.readToken)).remainingReads).toBe(2);
    }
    await writeFile(file, intact);
    await rm(`${file}.md5`, { force: true });
    const result = await api.read(created.id, sealed.readToken);
    expect(text(await open(ciphertextOf(result), sealed.key))).toBe('fixture: damaged');
    expect(result.remainingReads).toBe(1);
  });

  it('serves the page (or its placeholder) at / and /s/*, with the security headers', async () => {
    for (const path of ['/', '/s/AAAAAAAAAAAAAAAAAAAAAA']) {
      const response = await fetch(stack.url + path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe('restarts', () => {
  it('lose nothing when restarted with the same DATA_DIR', async () => {
    const dataDir = tempDataDir();
    // Every stack is stopped in a finally: a child left running would keep jest from ever exiting.
    let running = await startStack(dataDir);
    let shared;
    let readToken;
    try {
      const client = createApiClient(running.api);
      shared = await shareSecret(client, {
        secret: 'fixture: survives restart',
        pageOrigin: running.url,
        maxReads: 3,
      });
      const toReveal = await prepareReveal(client, parseLink(shared.link));
      ({ readToken } = toReveal);
      await revealSecret(client, toReveal);
    } finally {
      expect(await running.stop()).toBe(0);
    }

    running = await startStack(dataDir);
    try {
      const client = createApiClient(running.api);
      const toReveal = await prepareReveal(client, parseLink(shared.link));
      expect(toReveal.readToken).toBe(readToken);
      expect(toReveal.meta.remainingReads).toBe(2);
      const revealed = await revealSecret(client, toReveal);
      expect(revealed.kind === 'text' && text(revealed.plaintext)).toBe(
        'fixture: survives restart',
      );
      const manageToken = parseLink(shared.manageLink).credential;
      expect((await client.receipt(shared.id, manageToken)).reads).toHaveLength(2);
    } finally {
      await running.stop();
    }
  }, 60_000);
});
