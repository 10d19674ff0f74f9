// Delayed deletion on the local stack: the last read of a file leaves its body on s3rver's disk for
// the download, and the local reaper deletes it once the (here short) delay is over; a deletion that
// comes due while the stack is down is done at the next start, before it serves, and one not yet due
// survives the restart and is done on time. And the page may reach s3rver, where the URLs point.
import { afterEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Created, Upload } from '../../core/contract.ts';
import { REAPER_FILE } from '../../local/reaper.ts';
import { startLocalStack, type LocalStack } from '../../local/server.ts';
import { credentials, hashOf, sampleJwe } from '../helpers/fixtures.ts';
import { tempDataDir } from '../helpers/localStack.ts';

const BUCKET = 'secretsentry-vault';

let running: LocalStack[] = [];
afterEach(async () => {
  for (const stack of running) await stack.close();
  running = [];
});

async function start(dataDir: string, bodyDeleteDelaySeconds: number): Promise<LocalStack> {
  const stack = await startLocalStack({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    // No periodic sweep: what is checked here is the reaper's.
    sweepIntervalSeconds: 86_400,
    bodyDeleteDelaySeconds,
  });
  running.push(stack);
  return stack;
}

async function stop(stack: LocalStack): Promise<void> {
  running = running.filter((s) => s !== stack);
  await stack.close();
}

/** Where s3rver keeps a secret's body on disk. */
const bodyFile = (dataDir: string, id: string) =>
  path.join(dataDir, 's3', BUCKET, 'secrets', `${id}._S3rver_object`);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
}

const dueDeletions = async (dataDir: string): Promise<unknown[]> =>
  JSON.parse(await readFile(path.join(dataDir, REAPER_FILE), 'utf8')) as unknown[];

/** A one-read file, uploaded and sealed, then read: its read's download URL. */
async function readOnceFile(stack: LocalStack): Promise<{ id: string; downloadUrl: string }> {
  const api = `${stack.url}/api`;
  const creds = credentials();
  const body = randomBytes(2048);
  const created = await fetch(`${api}/secrets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      file: { manifest: await sampleJwe('{"name":"fixture.bin"}'), bodyBytes: body.length },
      readTokenHash: hashOf(creds.readToken),
    }),
  });
  expect(created.status).toBe(201);
  const { id, manageToken, upload } = (await created.json()) as Created & { upload: Upload };
  if (!('url' in upload)) throw new Error('expected a single PUT');
  expect((await fetch(upload.url, { method: 'PUT', body })).status).toBe(200);
  const sealed = await fetch(`${api}/secrets/${id}/seal`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${manageToken}` },
  });
  expect(sealed.status).toBe(200);
  const read = await fetch(`${api}/secrets/${id}/read`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${creds.readToken}` },
  });
  expect(read.status).toBe(200);
  const answer = (await read.json()) as { remainingReads: number; download: { url: string } };
  expect(answer.remainingReads).toBe(0);
  return { id, downloadUrl: answer.download.url };
}

describe('the local reaper', () => {
  it('keeps a read file body for the download, then deletes it from disk once the delay is over', async () => {
    const dataDir = tempDataDir();
    const stack = await start(dataDir, 1);

    const { id, downloadUrl } = await readOnceFile(stack);

    const download = await fetch(downloadUrl);
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBe(2048);
    expect(existsSync(bodyFile(dataDir, id))).toBe(true);
    await until(() => !existsSync(bodyFile(dataDir, id)), 10_000);
    await until(() => existsSync(path.join(dataDir, REAPER_FILE)), 1000);
    await sleep(100);
    expect(await dueDeletions(dataDir)).toEqual([]);
  }, 30_000);

  it('does at start-up, before serving, a deletion that came due while the stack was down', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir, 2);
    const { id } = await readOnceFile(first);
    await stop(first);
    expect(await dueDeletions(dataDir)).toHaveLength(1);

    await sleep(2500);
    // Nothing ran while the stack was down.
    expect(existsSync(bodyFile(dataDir, id))).toBe(true);
    await start(dataDir, 2);

    expect(existsSync(bodyFile(dataDir, id))).toBe(false);
    expect(await dueDeletions(dataDir)).toEqual([]);
  }, 30_000);

  it('keeps a deletion not yet due across a restart, and does it when it comes due', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir, 3);
    const { id } = await readOnceFile(first);
    await stop(first);

    await start(dataDir, 3);
    // Not due yet: the start-up sweep and the reaper both leave the body for its download.
    expect(existsSync(bodyFile(dataDir, id))).toBe(true);
    await until(() => !existsSync(bodyFile(dataDir, id)), 10_000);
  }, 30_000);
});

describe('the local page and the vault', () => {
  it("names in connect-src exactly the origin the presigned URLs point at, which s3rver's CORS lets the page PUT to", async () => {
    const stack = await start(tempDataDir(), 1);
    const created = await fetch(`${stack.url}/api/secrets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        file: { manifest: await sampleJwe('{"name":"fixture.bin"}'), bodyBytes: 10 },
        readTokenHash: hashOf(credentials().readToken),
      }),
    });
    const { upload } = (await created.json()) as { upload: { url: string } };
    const vaultOrigin = new URL(upload.url).origin;

    const page = await fetch(`${stack.url}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(/connect-src ([^;]+)/.exec(csp)?.[1]?.split(' ')).toEqual(["'self'", vaultOrigin]);
    const preflight = await fetch(upload.url, {
      method: 'OPTIONS',
      headers: { Origin: stack.url, 'Access-Control-Request-Method': 'PUT' },
    });
    expect(preflight.status).toBe(200);
  }, 30_000);
});
