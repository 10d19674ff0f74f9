// `secretsentry share --file` and `get` of a file link, as a user runs them against `npm start`'s
// stack: streamed in constant memory, byte-exact, never over an existing file, nothing spent when
// the destination is refused.
import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { open, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiClient } from '../../core/api.ts';
import { deriveReadToken, parseKey } from '../../core/envelope.ts';
import { parseLink } from '../../core/links.ts';
import { stackForThisFile } from '../helpers/localStack.ts';
import { ROOT, runCli } from './run-cli.ts';

const MiB = 1024 * 1024;
const stack = stackForThisFile();
const work = mkdtempSync(path.join(tmpdir(), 'secretsentry-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = (extra: Record<string, string> = {}) => ({ SECRETSENTRY_API_URL: stack.api, ...extra });

async function remainingReads(link: string): Promise<number> {
  const parsed = parseLink(link);
  const { readToken } = await deriveReadToken(parseKey(parsed.credential));
  return (await createApiClient(stack.api).meta(parsed.id, readToken)).remainingReads;
}

async function shareFile(file: string, extra: string[] = [], vars: Record<string, string> = {}) {
  const result = await runCli(['share', '--file', file, ...extra], { env: env(vars) });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout.trim();
}

function smallFile(name: string, bytes: Uint8Array = randomBytes(70_000)): string {
  const file = path.join(work, name);
  writeFileSync(file, bytes);
  return file;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('a file through the CLI', () => {
  it('comes back byte for byte under --out, once', async () => {
    const file = smallFile('report.pdf');
    const link = await shareFile(file);
    const checked = await runCli(['check', link, '--json'], { env: env() });
    expect(JSON.parse(checked.stdout)).toMatchObject({ kind: 'file', remainingReads: 1 });
    const out = path.join(work, 'received.pdf');
    const result = await runCli(['get', link, '--out', out], { env: env() });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(out)).toEqual(readFileSync(file));
    expect(
      (await runCli(['get', link, '--out', path.join(work, 'again')], { env: env() })).code,
    ).toBe(3);
  });

  it('goes to stdout when that is a pipe, and an empty file stays empty', async () => {
    const file = smallFile('empty.txt', new Uint8Array(0));
    const result = await runCli(['get', await shareFile(file)], { env: env() });
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const text = 'line one\nline two\n';
    const piped = await runCli(['get', await shareFile(smallFile('notes.md', Buffer.from(text)))], {
      env: env(),
    });
    // Exact bytes: a file keeps its trailing newline, where a piped text secret loses one.
    expect(piped).toMatchObject({ code: 0, stdout: text, stderr: '' });
  });

  it('needs the passphrase it was shared with, and the link alone opens nothing', async () => {
    const file = smallFile('keys.kdbx');
    const link = await shareFile(file, [], { SECRETSENTRY_PASSPHRASE: 'correct horse' });
    const out = path.join(work, 'keys-out.kdbx');
    const wrong = await runCli(['get', link, '--out', out], {
      env: env({ SECRETSENTRY_PASSPHRASE: 'wrong horse' }),
    });
    expect(wrong.code).toBe(4);
    expect(existsSync(out)).toBe(false);
    const right = await runCli(['get', link, '--out', out], {
      env: env({ SECRETSENTRY_PASSPHRASE: 'correct horse' }),
    });
    expect(right.code).toBe(0);
    expect(readFileSync(out)).toEqual(readFileSync(file));
  });

  it('refuses to replace an existing --out file without --force, spending nothing', async () => {
    const link = await shareFile(smallFile('notes.txt'));
    const out = path.join(work, 'exists.txt');
    writeFileSync(out, 'keep me');
    const refused = await runCli(['get', link, '--out', out], { env: env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists: add --force.*Nothing was read/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(await remainingReads(link)).toBe(1);
    const forced = await runCli(['get', link, '--out', out, '--force'], { env: env() });
    expect(forced.code).toBe(0);
    expect(readFileSync(out)).toEqual(readFileSync(path.join(work, 'notes.txt')));
  });

  it('refuses a file over 1 GiB before anything is sent', async () => {
    const huge = path.join(work, 'huge.iso');
    // Sparse: 1 GiB + 1 byte of nothing, made at once.
    await (await open(huge, 'w')).close();
    await truncate(huge, 1024 * MiB + 1);
    const result = await runCli(['share', '--file', huge], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/too large \(at most 1 GiB\)/);
  });
});

describe('a 200 MiB file', () => {
  const probe = path.join(ROOT, 'test/cli/peak-rss.mjs');

  /** Runs the CLI with the peak-RSS probe; answers the result and its peak in MiB. */
  async function measured(args: string[], name: string) {
    const rssFile = path.join(work, `${name}.rss`);
    const result = await runCli(args, {
      env: env({ PEAK_RSS_FILE: rssFile }),
      nodeArgs: ['--import', probe],
    });
    return { result, peakMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
  }

  it('is shared and read back byte-exact in constant memory (peak RSS growth < 100 MiB)', async () => {
    const big = path.join(work, 'big.bin');
    const handle = await open(big, 'w');
    const block = randomBytes(4 * MiB);
    for (let i = 0; i < 50; i += 1) {
      block.writeUInt32BE(i, 0);
      await handle.write(block);
    }
    await handle.close();
    const tiny = smallFile('tiny.bin', randomBytes(1000));

    // The same commands on a 1 kB file are the floor: what the CLI costs whatever the file.
    const shareFloor = await measured(['share', '--file', tiny], 'share-floor');
    const shared = await measured(['share', '--file', big], 'share-big');
    expect(shared.result.code).toBe(0);
    const link = shared.result.stdout.trim();
    const getFloor = await measured(
      ['get', shareFloor.result.stdout.trim(), '--out', path.join(work, 'tiny.out')],
      'get-floor',
    );
    const out = path.join(work, 'big.out');
    const got = await measured(['get', link, '--out', out], 'get-big');
    expect(got.result).toMatchObject({ code: 0, stderr: '' });

    expect(await sha256Of(out)).toBe(await sha256Of(big));
    expect(shared.peakMiB - shareFloor.peakMiB).toBeLessThan(100);
    expect(got.peakMiB - getFloor.peakMiB).toBeLessThan(100);
    expect(readdirSync(work).filter((n) => n.includes('.secretsentry-'))).toEqual([]);
  }, 120_000);
});
