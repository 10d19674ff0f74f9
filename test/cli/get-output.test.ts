// Where `get` puts the plaintext: a destination that cannot take it is refused before the read is
// spent; files are written whole or not at all, never through a symlink.
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import {
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createApiClient } from '../../core/api.ts';
import { deriveReadToken, parseKey } from '../../core/envelope.ts';
import { parseLink } from '../../core/links.ts';
import { stackForThisFile } from '../helpers/localStack.ts';
import { ROOT, runCli } from './run-cli.ts';

const sh = promisify(execFile);
const stack = stackForThisFile();
const work = mkdtempSync(path.join(tmpdir(), 'secretsentry-out-'));
const SECRET = 'fixture-destination';

const env = () => ({ SECRETSENTRY_API_URL: stack.api });

async function share(stdin: string | Uint8Array = SECRET): Promise<string> {
  const result = await runCli(['share'], { stdin, env: env() });
  expect(result.code).toBe(0);
  return result.stdout.trim();
}

async function remainingReads(link: string): Promise<number> {
  const parsed = parseLink(link);
  const { readToken } = await deriveReadToken(parseKey(parsed.credential));
  return (await createApiClient(stack.api).meta(parsed.id, readToken)).remainingReads;
}

/** The CLI under a shell, so stdout can be closed or sent to a device as a user's shell would. */
async function inShell(script: string, link: string) {
  try {
    await sh('bash', ['-c', script], {
      cwd: ROOT,
      env: { ...process.env, LINK: link, NODE: process.execPath },
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('a destination that cannot take the secret costs no read', () => {
  it.each([
    ['stdout closed', '"$NODE" packages/cli/dist/cli.js get "$LINK" >&-'],
    ['stdout on /dev/full', '"$NODE" packages/cli/dist/cli.js get "$LINK" > /dev/full'],
    ['stdout on /dev/null', '"$NODE" packages/cli/dist/cli.js get "$LINK" > /dev/null'],
    [
      'stdout open only for reading',
      '"$NODE" packages/cli/dist/cli.js get "$LINK" 1< package.json',
    ],
  ])('%s', async (_name, script) => {
    const link = await share();
    const result = await inShell(script, link);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Nothing was read/);
    expect(await remainingReads(link)).toBe(1);
  });

  it('--out in a folder that does not exist', async () => {
    const link = await share();
    const result = await runCli(['get', link, '--out', path.join(work, 'no-such-dir', 'x')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot write --out .*ENOENT.*Nothing was read/);
    expect(await remainingReads(link)).toBe(1);
  });

  it('--out naming a symbolic link, which is never followed', async () => {
    const link = await share();
    const target = path.join(work, 'elsewhere');
    writeFileSync(target, 'untouched');
    const alias = path.join(work, 'alias');
    symlinkSync(target, alias);
    const result = await runCli(['get', link, '--out', alias]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('untouched');
    expect(await remainingReads(link)).toBe(1);
  });

  it('--out naming a folder', async () => {
    const link = await share();
    expect((await runCli(['get', link, '--out', work])).code).toBe(2);
    expect(await remainingReads(link)).toBe(1);
  });
});

describe('a destination that fails after the read says the secret is lost', () => {
  it('a pipe whose reader has quit (not detectable before): exit 1, never a silent 0', async () => {
    const link = await share();
    const result = await inShell(
      '"$NODE" packages/cli/dist/cli.js get "$LINK" | { exec 0<&-; sleep 0.2; }; exit "${PIPESTATUS[0]}"',
      link,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /read was spent, but the secret could not be written \(EPIPE\): it is lost/,
    );
  });
});

describe('files are written whole, mode 0600, leaving nothing else behind', () => {
  it('refuses an existing file without --force, spending nothing', async () => {
    const out = path.join(work, 'kept');
    writeFileSync(out, 'old contents');
    const link = await share();
    const result = await runCli(['get', link, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/already exists: add --force to replace it\. Nothing was read/);
    expect(readFileSync(out, 'utf8')).toBe('old contents');
    expect(await remainingReads(link)).toBe(1);
  });

  it('with --force replaces an existing file and leaves no temporary file', async () => {
    const out = path.join(work, 'replaced');
    writeFileSync(out, 'old contents, longer than the secret', { mode: 0o644 });
    const result = await runCli(['get', await share(), '--out', out, '--force']);
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(SECRET);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(work).filter((n) => n.includes('.secretsentry-'))).toEqual([]);
  });

  it('puts a new file in place of an existing one, never writing into it', async () => {
    // Another name for the same file (a hard link) keeps the old contents: the secret went into
    // a new file renamed over the name, not through whatever the name pointed at.
    const out = path.join(work, 'linked');
    const other = path.join(work, 'other-name');
    writeFileSync(other, 'old contents');
    linkSync(other, out);
    const result = await runCli(['get', await share(), '--out', out, '--force']);
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(SECRET);
    expect(readFileSync(other, 'utf8')).toBe('old contents');
  });

  it('--out - means stdout', async () => {
    const result = await runCli(['get', await share(), '--out', '-']);
    expect(result).toMatchObject({ code: 0, stdout: SECRET });
  });
});

describe('input, byte for byte', () => {
  it('keeps a piped binary secret exact, trailing newline included', async () => {
    const binary = Buffer.from([0xff, 0x00, 0x41, 0x0a]);
    const out = path.join(work, 'binary');
    expect((await runCli(['get', await share(binary), '--out', out])).code).toBe(0);
    expect(readFileSync(out)).toEqual(binary);
  });

  it('still drops the one newline echo adds to piped text', async () => {
    expect((await runCli(['get', await share('text\n')])).stdout).toBe('text');
  });

  it('stops reading --file at the size limit (/dev/zero would never end)', async () => {
    const result = await runCli(['share', '--file', '/dev/zero'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/too large .* share that with --file \(up to 1 GiB\)/);
  });

  it('takes SECRETSENTRY_PASSPHRASE with a trailing newline as the same passphrase a file gives', async () => {
    const file = path.join(work, 'pass');
    writeFileSync(file, 'correct horse\n');
    const shared = await runCli(['share', '--passphrase-file', file], {
      stdin: SECRET,
      env: env(),
    });
    const got = await runCli(['get', shared.stdout.trim()], {
      env: { SECRETSENTRY_PASSPHRASE: 'correct horse\n' },
    });
    expect(got).toMatchObject({ code: 0, stdout: SECRET });
  });
});
