// Secret requests (issue 15 part 2) over HTTP against the real local stack: the requester's key pair
// never leaves the client, the holder fills once, the requester reads once; racing fills land one.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiClient, ApiError, type ApiClient } from '../../core/api.ts';
import { deriveFillToken, parsePublicKey, seal, sealForRequest } from '../../core/envelope.ts';
import {
  fillSecretRequest,
  prepareReveal,
  requestSecret,
  revealSecret,
  type SecretRequest,
} from '../../core/flows.ts';
import { parseLink } from '../../core/links.ts';
import { startStack, type RunningStack } from '../helpers/localStack.ts';

let stack: RunningStack;
let api: ApiClient;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) =>
      error instanceof ApiError ? `${error.status} ${error.code}` : String(error),
  );

beforeAll(async () => {
  stack = await startStack();
  api = createApiClient(stack.api);
}, 30_000);

afterAll(async () => {
  await stack?.stop();
});

const newRequest = () => requestSecret(api, { pageOrigin: stack.url, ttlSeconds: 3600 });
const fill = (request: SecretRequest, secret: string) =>
  fillSecretRequest(api, parseLink(request.fillLink), secret);
const receiptOf = (request: SecretRequest) =>
  api.receipt(request.id, parseLink(request.manageLink).credential);

/** What the fill link proves, and a fill for it made by hand (to send what a client would not). */
async function fillCredentials(request: SecretRequest, secret = 'by hand') {
  const { credential } = parseLink(request.fillLink);
  const { fillToken } = await deriveFillToken(parsePublicKey(credential));
  return {
    fillToken,
    ciphertext: await sealForRequest(new TextEncoder().encode(secret), credential),
  };
}

describe('a secret request on the local stack', () => {
  it('waits unfilled (meta says so, read consumes nothing), is filled once, then read once', async () => {
    const request = await newRequest();
    expect(parseLink(request.fillLink).kind).toBe('fill');
    expect(parseLink(request.retrieveLink).kind).toBe('secret');

    const waiting = await prepareReveal(api, parseLink(request.retrieveLink));
    expect(waiting.meta).toMatchObject({ kind: 'request', filled: false, remainingReads: 1 });
    expect((await receiptOf(request)).state).toBe('awaiting');
    // Before the fill the retrieve link reads nothing, and spends nothing.
    expect(await codeOf(revealSecret(api, waiting))).toBe('409 not_filled');
    expect(await codeOf(api.destroy(request.id, waiting.readToken))).toBe('409 not_filled');

    const filled = await fill(request, 'db password: hunter2');
    expect(filled).toEqual({ id: request.id, expiresAt: request.expiresAt });
    expect((await receiptOf(request)).state).toBe('active');

    const ready = await prepareReveal(api, parseLink(request.retrieveLink));
    expect(ready.meta).toMatchObject({ kind: 'request', filled: true, remainingReads: 1 });
    const revealed = await revealSecret(api, ready);
    expect(revealed.kind).toBe('text');
    expect(revealed.kind === 'text' && text(revealed.plaintext)).toBe('db password: hunter2');
    expect(revealed.remainingReads).toBe(0);

    expect(await codeOf(revealSecret(api, ready))).toBe('404 not_found');
    expect(await codeOf(prepareReveal(api, parseLink(request.retrieveLink)))).toBe('404 not_found');
    expect(await codeOf(fill(request, 'again'))).toBe('409 already_filled');
    const receipt = await receiptOf(request);
    expect(receipt.state).toBe('burned');
    expect(receipt.reads).toHaveLength(1);
  });

  it('lands exactly one of many racing fills, and the read gives that one', async () => {
    const request = await newRequest();
    const secrets = Array.from({ length: 12 }, (_, i) => `racer ${i}`);
    const outcomes = await Promise.all(secrets.map((secret) => codeOf(fill(request, secret))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'ok')).toEqual(
      Array.from({ length: 11 }, () => '409 already_filled'),
    );
    const winner = secrets[outcomes.indexOf('ok')];
    const revealed = await revealSecret(
      api,
      await prepareReveal(api, parseLink(request.retrieveLink)),
    );
    expect(revealed.kind === 'text' && text(revealed.plaintext)).toBe(winner);
  });

  it('answers a wrong fill token, a secret id and a withdrawn request like an unknown id', async () => {
    const request = await newRequest();
    const { ciphertext } = await fillCredentials(request);
    const stranger = await newRequest();
    const { fillToken: otherToken } = await fillCredentials(stranger);
    expect(await codeOf(api.fill(request.id, otherToken, ciphertext))).toBe('404 not_found');

    // An ordinary secret is no request, whatever token comes with it.
    const sealed = await seal('not a request');
    const created = await api.create({
      ciphertext: sealed.ciphertext,
      readTokenHash: sealed.readTokenHash,
    });
    expect(await codeOf(api.fill(created.id, sealed.readToken, ciphertext))).toBe('404 not_found');

    // Withdrawn by its manage link before anyone filled it: the fill link is dead, nothing stored.
    await api.revoke(request.id, parseLink(request.manageLink).credential);
    expect((await receiptOf(request)).state).toBe('revoked');
    expect(await codeOf(fill(request, 'too late'))).toBe('404 not_found');
    expect(await codeOf(prepareReveal(api, parseLink(request.retrieveLink)))).toBe('404 not_found');
  });

  it('refuses a fill encrypted to another key (kid) with 400 wrong_key, and leaves the request open', async () => {
    const request = await newRequest();
    const other = await newRequest();
    const { fillToken } = await fillCredentials(request);
    const { ciphertext: toOtherKey } = await fillCredentials(other, 'misaddressed');
    expect(await codeOf(api.fill(request.id, fillToken, toOtherKey))).toBe('400 wrong_key');
    // A JWE of the secret kind (alg dir) is no fill at all.
    const { ciphertext: dirJwe } = await seal('dir');
    expect(await codeOf(api.fill(request.id, fillToken, dirJwe))).toBe('400 invalid_request');
    expect((await receiptOf(request)).state).toBe('awaiting');
    await fill(request, 'right key');
    const revealed = await revealSecret(
      api,
      await prepareReveal(api, parseLink(request.retrieveLink)),
    );
    expect(revealed.kind === 'text' && text(revealed.plaintext)).toBe('right key');
  });

  it('refuses at create what a request does not take: a passphrase, an opening time, a webhook, a ciphertext', async () => {
    const request = { fillTokenHash: 'A'.repeat(43), keyId: 'B'.repeat(43) };
    const readTokenHash = 'C'.repeat(43);
    const { ciphertext } = await seal('x');
    for (const extra of [
      { passphrase: { salt: 'A'.repeat(22), iterations: 600_000, verifierHash: 'D'.repeat(43) } },
      { notBefore: new Date(Date.now() + 60_000).toISOString() },
      { webhook: { url: 'https://example.com/hook' } },
      { ciphertext },
    ])
      expect(await codeOf(api.create({ request, readTokenHash, ...extra }))).toBe(
        '400 invalid_request',
      );
  });
});
