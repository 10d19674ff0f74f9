// Several recipients (issue 15 part 1) over HTTP against the real local stack: one secret, a link
// each with its own credential and reads; no link reads or uses up another, revoking one leaves the
// rest, and racing recipients each get exactly their own reads.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiClient, ApiError, type ApiClient } from '../../core/api.ts';
import { encryptJwe, parseManageSecret, seal } from '../../core/envelope.ts';
import { openFileBody, shareFile } from '../../core/file-flows.ts';
import {
  destroyRevealed,
  openReceipt,
  prepareReveal,
  revealSecret,
  shareSecret,
  type ShareInput,
  type SharedSecret,
} from '../../core/flows.ts';
import { parseLink } from '../../core/links.ts';
import { startStack, type RunningStack } from '../helpers/localStack.ts';
import { b64, randomToken } from '../helpers/fixtures.ts';

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

const share = (secret: string, recipients: ShareInput['recipients'], extra = {}) =>
  shareSecret(api, { secret, pageOrigin: stack.url, ttlSeconds: 3600, recipients, ...extra });
const linkOf = (shared: SharedSecret, index: number) => {
  const link = shared.recipients?.[index]?.link;
  if (!link) throw new Error(`no link ${index}`);
  return parseLink(link);
};
const reveal = async (shared: SharedSecret, index: number, passphrase?: string) => {
  const revealed = await revealSecret(
    api,
    await prepareReveal(api, linkOf(shared, index)),
    passphrase === undefined ? {} : { passphrase },
  );
  return revealed.kind === 'text' ? text(revealed.plaintext) : 'a file';
};
const receiptOf = (shared: SharedSecret) => openReceipt(api, parseLink(shared.manageLink));
const manageToken = (shared: SharedSecret) =>
  parseManageSecret(parseLink(shared.manageLink).credential).manageToken;

describe('a secret with several recipients on the local stack', () => {
  it('gives each recipient its own link and reads; one reading never spends another', async () => {
    const shared = await share('three ways', [
      { label: 'Ops on-call' },
      { label: 'Ünïcode ✓', maxReads: 2 },
      {},
    ]);
    const links = shared.recipients ?? [];
    expect(links.map((l) => [l.index, l.label, l.maxReads])).toEqual([
      [0, 'Ops on-call', 1],
      [1, 'Ünïcode ✓', 2],
      [2, undefined, 1],
    ]);
    expect(new Set(links.map((l) => l.link)).size).toBe(3);
    // Every link carries K and its own part: K alone opens none of them.
    for (const l of links)
      expect(parseLink(l.link).credential.startsWith(`${shared.key}.`)).toBe(true);
    expect(await codeOf(prepareReveal(api, { id: shared.id, credential: shared.key }))).toBe(
      '404 not_found',
    );

    expect(await reveal(shared, 0)).toBe('three ways');
    expect(await codeOf(reveal(shared, 0))).toBe('404 not_found');
    expect((await prepareReveal(api, linkOf(shared, 1))).meta.remainingReads).toBe(2);
    expect(await reveal(shared, 1)).toBe('three ways');
    expect(await reveal(shared, 2)).toBe('three ways');

    const receipt = await receiptOf(shared);
    expect(receipt.state).toBe('active');
    expect(receipt.remainingReads).toBe(1);
    expect(receipt.reads).toHaveLength(3);
    expect(
      receipt.recipients?.map((r) => [r.index, r.label, r.state, r.remainingReads, r.reads.length]),
    ).toEqual([
      [0, 'Ops on-call', 'burned', 0, 1],
      [1, 'Ünïcode ✓', 'active', 1, 1],
      [2, undefined, 'burned', 0, 1],
    ]);
    // Labels never reach the server in the clear: the raw receipt holds only their JWEs.
    const raw = await api.receipt(shared.id, manageToken(shared));
    expect(JSON.stringify(raw)).not.toContain('Ops on-call');

    // The last open link's read ends the secret.
    expect(await reveal(shared, 1)).toBe('three ways');
    expect((await receiptOf(shared)).state).toBe('burned');
  });

  it('revokes one link and leaves the others readable; revoking the last open one ends the secret', async () => {
    const shared = await share('revoke one', [{}, {}, {}]);
    await api.revokeRecipient(shared.id, manageToken(shared), 1);
    expect(await codeOf(reveal(shared, 1))).toBe('404 not_found');
    // A repeat, and a link already ended, answer 204 all the same; a number past the links 404.
    await api.revokeRecipient(shared.id, manageToken(shared), 1);
    expect(await codeOf(api.revokeRecipient(shared.id, manageToken(shared), 3))).toBe(
      '404 not_found',
    );
    expect(await codeOf(api.revokeRecipient(shared.id, randomToken(), 0))).toBe('404 not_found');
    expect(await reveal(shared, 0)).toBe('revoke one');
    let receipt = await receiptOf(shared);
    expect(receipt.recipients?.map((r) => r.state)).toEqual(['burned', 'revoked', 'active']);
    expect(receipt.state).toBe('active');
    await api.revokeRecipient(shared.id, manageToken(shared), 2);
    receipt = await receiptOf(shared);
    expect(receipt.recipients?.map((r) => r.state)).toEqual(['burned', 'revoked', 'revoked']);
    expect(receipt.state).toBe('burned');
    expect(await codeOf(reveal(shared, 2))).toBe('404 not_found');
  });

  it('revokes every link at once with the secret-wide revoke', async () => {
    const shared = await share('revoke all', [{}, {}]);
    await api.revoke(shared.id, manageToken(shared));
    expect(await codeOf(reveal(shared, 0))).toBe('404 not_found');
    expect(await codeOf(reveal(shared, 1))).toBe('404 not_found');
    expect((await receiptOf(shared)).state).toBe('revoked');
  });

  it('locks only the link that guessed wrong five times; the others read with the passphrase', async () => {
    const shared = await share('guarded', [{}, {}], { passphrase: 'correct horse' });
    const guessing = await prepareReveal(api, linkOf(shared, 0));
    const answers: string[] = [];
    for (let i = 0; i < 5; i += 1)
      answers.push(await codeOf(revealSecret(api, guessing, { passphrase: `wrong ${i}` })));
    expect(answers).toEqual([
      '401 wrong_passphrase',
      '401 wrong_passphrase',
      '401 wrong_passphrase',
      '401 wrong_passphrase',
      '401 locked',
    ]);
    expect(await codeOf(reveal(shared, 0, 'correct horse'))).toBe('404 not_found');
    expect(await reveal(shared, 1, 'correct horse')).toBe('guarded');
    const receipt = await receiptOf(shared);
    expect(receipt.recipients?.map((r) => [r.state, r.failedAttempts])).toEqual([
      ['locked', 5],
      ['burned', 0],
    ]);
    expect(receipt.failedAttempts).toBe(5);
  });

  it("lets a recipient destroy its own link after reading, leaving the others'", async () => {
    const shared = await share('destroy mine', [{ maxReads: 3 }, {}]);
    const revealed = await revealSecret(api, await prepareReveal(api, linkOf(shared, 0)));
    await destroyRevealed(api, revealed.access);
    expect(await codeOf(reveal(shared, 0))).toBe('404 not_found');
    expect(await reveal(shared, 1)).toBe('destroy mine');
    const receipt = await receiptOf(shared);
    expect(receipt.recipients?.map((r) => r.state)).toEqual(['destroyed', 'burned']);
  });

  it('shares a file with several recipients, each downloading it with its own link', async () => {
    const bytes = new TextEncoder().encode('a small file for two');
    const shared = await shareFile(api, {
      file: {
        name: 'two.txt',
        type: 'text/plain',
        size: bytes.length,
        stream: () => new Blob([bytes]).stream(),
      },
      pageOrigin: stack.url,
      recipients: [{}, {}],
    });
    for (const index of [0, 1]) {
      const revealed = await revealSecret(api, await prepareReveal(api, linkOf(shared, index)));
      if (revealed.kind !== 'file') throw new Error('expected a file');
      const body = await new Response(await openFileBody(revealed)).text();
      expect(body).toBe('a small file for two');
    }
    expect((await receiptOf(shared)).state).toBe('burned');
  });

  it('gives racing recipients exactly their own reads, each, and no more', async () => {
    const recipients = 8;
    const reads = 3;
    const tries = 10;
    const shared = await share(
      'raced',
      Array.from({ length: recipients }, () => ({ maxReads: reads })),
    );
    const prepared = await Promise.all(
      Array.from({ length: recipients }, (_, i) => prepareReveal(api, linkOf(shared, i))),
    );
    const outcomes = await Promise.all(
      prepared.flatMap((secret, index) =>
        Array.from({ length: tries }, () =>
          codeOf(revealSecret(api, secret)).then((outcome) => ({ index, outcome })),
        ),
      ),
    );
    for (let index = 0; index < recipients; index += 1) {
      const mine = outcomes.filter((o) => o.index === index).map((o) => o.outcome);
      expect([index, mine.filter((o) => o === 'ok').length]).toEqual([index, reads]);
      expect([index, mine.filter((o) => o === '404 not_found').length]).toEqual([
        index,
        tries - reads,
      ]);
    }
    const receipt = await receiptOf(shared);
    expect(receipt.state).toBe('burned');
    expect(receipt.reads).toHaveLength(recipients * reads);
    expect(receipt.recipients?.every((r) => r.reads.length === reads && r.state === 'burned')).toBe(
      true,
    );
  }, 60_000);

  it('refuses 21 recipients, a repeated read token, a label too long and maxReads beside recipients, creating nothing', async () => {
    const { ciphertext } = await seal('refused');
    const hash = () => b64(crypto.getRandomValues(new Uint8Array(32)));
    const refused = async (body: Record<string, unknown>) =>
      codeOf(api.create({ ciphertext, ...body } as never));
    expect(
      await refused({ recipients: Array.from({ length: 21 }, () => ({ readTokenHash: hash() })) }),
    ).toBe('400 invalid_request');
    const same = hash();
    expect(await refused({ recipients: [{ readTokenHash: same }, { readTokenHash: same }] })).toBe(
      '400 invalid_request',
    );
    const longLabel = await encryptJwe(new Uint8Array(600), new Uint8Array(32));
    expect(await refused({ recipients: [{ readTokenHash: hash(), label: longLabel }] })).toBe(
      '400 invalid_request',
    );
    expect(await refused({ recipients: [{ readTokenHash: hash() }], maxReads: 2 })).toBe(
      '400 invalid_request',
    );
    expect(await refused({ recipients: [{ readTokenHash: hash() }], readTokenHash: hash() })).toBe(
      '400 invalid_request',
    );
    expect(await refused({ recipients: [] })).toBe('400 invalid_request');
    // The client refuses them before anything is sent.
    await expect(
      share(
        'x',
        Array.from({ length: 21 }, () => ({})),
      ),
    ).rejects.toThrow();
    await expect(share('x', [{ label: 'x'.repeat(101) }])).rejects.toThrow(RangeError);
  });
});
