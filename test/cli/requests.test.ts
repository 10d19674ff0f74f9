// `request` and `fill` against the real local stack (issue 15): the requester's two links, a fill from
// stdin, a file or a terminal, the retrieve link read once and only once filled, and each way a fill
// is refused (filled already 9, withdrawn 3, a damaged or wrong kind of link 2 before anything is sent).
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stackForThisFile } from '../helpers/localStack.ts';
import { CLI_BUNDLE, ROOT, runCli } from './run-cli.ts';

const stack = stackForThisFile();
const env = () => ({ SECRETSENTRY_API_URL: stack.api });
const work = mkdtempSync(path.join(tmpdir(), 'secretsentry-requests-'));
const SECRET = 'fixture-db-password-not-real';
/** Nothing listens here: a command that sent anything would exit 5, not 2. */
const NOWHERE = { SECRETSENTRY_API_URL: 'http://127.0.0.1:9/api' };

interface Requested {
  fillLink: string;
  retrieveLink: string;
  manageLink: string;
  id: string;
  expiresAt: string;
}

async function request(args: string[] = []): Promise<Requested> {
  const result = await runCli(['request', '--manage', '--json', ...args], { env: env() });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Requested;
}

const fill = (fillLink: string, secret: string | Uint8Array = SECRET, args: string[] = []) =>
  runCli(['fill', fillLink, ...args], { stdin: secret, env: env() });

/** The same link with another key after `#`. */
const withKey = (link: string, key: string) => link.replace(/#.*/, `#${key}`);

describe('request', () => {
  it('prints the fill link, then the retrieve link, then the manage link, and nothing on stderr', async () => {
    const result = await runCli(['request', '--manage'], { env: env() });

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const [fillLink, retrieveLink, manageLink, ...rest] = result.stdout.split('\n');
    expect(rest).toEqual(['']);
    const id = new RegExp(`^${stack.url}/f/([\\w-]{22})#[\\w-]{43}$`).exec(fillLink ?? '')?.[1];
    expect(id).toBeDefined();
    expect(retrieveLink).toMatch(new RegExp(`^${stack.url}/s/${id}#[\\w-]{43}$`));
    expect(manageLink).toMatch(new RegExp(`^${stack.url}/m/${id}#[\\w-]+$`));
  });

  it('prints two lines without --manage', async () => {
    const result = await runCli(['request'], { env: env() });

    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('/')[3]),
    ).toEqual(['f', 's']);
  });

  it('--json answers {fillLink, retrieveLink, manageLink, id, expiresAt}, manageLink with --manage only', async () => {
    const before = Date.now();
    const made = await request(['--ttl', '2h']);
    const bare = await runCli(['request', '--json'], { env: env() });

    expect(Object.keys(made).sort()).toEqual(
      ['expiresAt', 'fillLink', 'id', 'manageLink', 'retrieveLink'].sort(),
    );
    expect(made.fillLink).toContain(`/f/${made.id}#`);
    expect(made.retrieveLink).toContain(`/s/${made.id}#`);
    expect(made.manageLink).toContain(`/m/${made.id}#`);
    expect(Date.parse(made.expiresAt)).toBeGreaterThanOrEqual(before + 2 * 3600_000 - 1000);
    expect(Date.parse(made.expiresAt)).toBeLessThanOrEqual(Date.now() + 2 * 3600_000 + 1000);
    expect(Object.keys(JSON.parse(bare.stdout) as object).sort()).toEqual(
      ['expiresAt', 'fillLink', 'id', 'retrieveLink'].sort(),
    );
  });

  it('refuses a bad --ttl (2) before anything is sent', async () => {
    const result = await runCli(['request', '--ttl', '4d'], { env: NOWHERE });

    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/--ttl must be between/);
  });
});

describe('fill, then get', () => {
  it('get reads what fill sent from stdin, once; a second get is gone (3)', async () => {
    const made = await request();

    const filled = await fill(made.fillLink, `${SECRET}\n`);
    const got = await runCli(['get', made.retrieveLink]);
    const again = await runCli(['get', made.retrieveLink]);

    expect(filled.code).toBe(0);
    expect(filled.stderr).toBe('');
    expect(filled.stdout).toBe(
      `filled; the person who asked can read it once, until ${made.expiresAt}\n`,
    );
    expect(got).toMatchObject({ code: 0, stdout: SECRET, stderr: '' });
    expect(again.code).toBe(3);
    expect(again.stdout).toBe('');
  });

  it('fill --json answers {id, expiresAt}', async () => {
    const made = await request();

    const filled = await fill(made.fillLink, SECRET, ['--json']);

    expect(filled.code).toBe(0);
    expect(JSON.parse(filled.stdout)).toEqual({ id: made.id, expiresAt: made.expiresAt });
  });

  it('fill --file sends the file byte for byte, its trailing newline and binary included', async () => {
    const made = await request();
    const bytes = new Uint8Array([0x00, 0xff, 0x0a, 0x41, 0x0a]);
    const file = path.join(work, 'fixture.bin');
    writeFileSync(file, bytes);

    const out = path.join(work, 'fixture.out');

    const filled = await runCli(['fill', made.fillLink, '--file', file], { env: env() });
    const got = await runCli(['get', made.retrieveLink, '--out', out]);

    expect(filled.code).toBe(0);
    expect(got.code).toBe(0);
    expect(new Uint8Array(readFileSync(out))).toEqual(bytes);
  });

  it('takes the fill link from stdin (-) with --file, and from SECRETSENTRY_FILL_LINK', async () => {
    const first = await request();
    const second = await request();
    const file = path.join(work, 'token.txt');
    writeFileSync(file, SECRET);

    const fromStdin = await runCli(['fill', '-', '--file', file], {
      stdin: `${first.fillLink}\n`,
      env: env(),
    });
    const fromEnv = await runCli(['fill'], {
      stdin: SECRET,
      env: { ...env(), SECRETSENTRY_FILL_LINK: second.fillLink },
    });

    expect(fromStdin.code).toBe(0);
    expect(fromEnv.code).toBe(0);
    expect((await runCli(['get', first.retrieveLink])).stdout).toBe(SECRET);
    expect((await runCli(['get', second.retrieveLink])).stdout).toBe(SECRET);
  });
});

describe('before the fill', () => {
  it('get exits 8, reads nothing and asks no passphrase; get works once it is filled', async () => {
    const made = await request();

    const early = await runCli(['get', made.retrieveLink]);
    const filled = await fill(made.fillLink);
    const later = await runCli(['get', made.retrieveLink]);

    expect(early.code).toBe(8);
    expect(early.stdout).toBe('');
    expect(early.stderr).toMatch(/^secretsentry: This request has not been filled yet; nothing/);
    expect(early.stderr).not.toMatch(/passphrase/i);
    expect(filled.code).toBe(0);
    expect(later).toMatchObject({ code: 0, stdout: SECRET });
  });

  it('get --out FILE exits 8 without creating the file', async () => {
    const made = await request();
    const out = path.join(work, 'early.txt');

    const early = await runCli(['get', made.retrieveLink, '--out', out]);

    expect(early.code).toBe(8);
    expect(existsSync(out)).toBe(false);
  });

  it('check says it is a request and whether it is filled, and receipt says awaiting', async () => {
    const made = await request();

    const before = await runCli(['check', made.retrieveLink]);
    const beforeJson = await runCli(['check', made.retrieveLink, '--json']);
    const receipt = await runCli(['receipt', made.manageLink]);
    const receiptJson = await runCli(['receipt', made.manageLink, '--json']);
    await fill(made.fillLink);
    const after = await runCli(['check', made.retrieveLink]);
    const afterJson = await runCli(['check', made.retrieveLink, '--json']);

    expect(before).toMatchObject({ code: 0, stderr: '' });
    expect(before.stdout).toBe(
      `not filled yet: a request nobody has filled; expires ${made.expiresAt}\n`,
    );
    expect(JSON.parse(beforeJson.stdout)).toEqual({
      readable: true,
      kind: 'request',
      filled: false,
      remainingReads: 1,
      expiresAt: made.expiresAt,
      passphrase: false,
    });
    expect(receipt.stdout).toMatch(/^state +awaiting \(a request nobody has filled yet\)$/m);
    expect(JSON.parse(receiptJson.stdout)).toMatchObject({ state: 'awaiting' });
    expect(after.stdout).toBe(
      `readable: a filled request, 1 read left, expires ${made.expiresAt}\n`,
    );
    expect(JSON.parse(afterJson.stdout)).toMatchObject({ kind: 'request', filled: true });
  });
});

describe('a fill that is refused', () => {
  it('a second fill exits 9, and the first secret is the one read', async () => {
    const made = await request();

    const first = await fill(made.fillLink);
    const second = await fill(made.fillLink, 'fixture-second-fill');
    const third = await fill(made.fillLink, 'fixture-third-fill', ['--json']);

    expect(first.code).toBe(0);
    expect(second.code).toBe(9);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(/^secretsentry: This request has already been filled/);
    expect(JSON.parse(third.stderr)).toMatchObject({
      error: { code: 'alreadyFilled', exitCode: 9 },
    });
    expect((await runCli(['get', made.retrieveLink])).stdout).toBe(SECRET);
  });

  it('a withdrawn request (revoke on the manage link) is gone (3) to fill and get', async () => {
    const made = await request();

    const revoked = await runCli(['revoke', made.manageLink]);
    const filled = await fill(made.fillLink);
    const got = await runCli(['get', made.retrieveLink]);

    expect(revoked).toMatchObject({ code: 0, stdout: 'revoked\n' });
    expect(filled.code).toBe(3);
    expect(filled.stderr).toMatch(/This request does not exist or is gone/);
    expect(got.code).toBe(3);
  });

  it.each([
    ['not base64url', '!!!not-a-key!!!'],
    ['too short', 'AAAAAAAAAAAAAAAA'],
    // 32 bytes, but a low-order point: nothing can be encrypted to it.
    ['a key nothing can be encrypted to', 'A'.repeat(43)],
  ])(
    'a fill link whose key is %s exits 2 before the secret is read or anything sent',
    async (_, key) => {
      // On the API's own origin, so nothing else stops it first: a fill sent would exit 5, and a
      // secret read first would be refused as empty.
      const link = `http://127.0.0.1:9/f/${'A'.repeat(22)}#${key}`;

      const result = await runCli(['fill', link], { stdin: '', env: NOWHERE });

      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toBe(
        'secretsentry: The fill link is damaged: the part after # is not a key.\n',
      );
    },
  );

  it("a fill link with another valid key is gone (3): its fill token is not the request's", async () => {
    const made = await request();
    const other = await request();

    const result = await fill(withKey(made.fillLink, other.fillLink.split('#')[1]!));

    expect(result.code).toBe(3);
    expect((await runCli(['check', made.retrieveLink, '--json'])).stdout).toContain(
      '"filled":false',
    );
  });

  it('fill refuses a secret or manage link, and get a fill link (2)', async () => {
    const made = await request();

    const withRetrieve = await runCli(['fill', made.retrieveLink], { stdin: SECRET, env: NOWHERE });
    const withManage = await runCli(['fill', made.manageLink], { stdin: SECRET, env: NOWHERE });
    const getFill = await runCli(['get', made.fillLink], { env: NOWHERE });

    expect([withRetrieve.code, withManage.code, getFill.code]).toEqual([2, 2, 2]);
    expect(withRetrieve.stderr).toMatch(/That is a secret link .*needs the fill link/);
    expect(getFill.stderr).toMatch(/That is a fill link .*needs the secret link/);
  });

  it('fill - without --file exits 2: stdin cannot carry both the link and the secret', async () => {
    const result = await runCli(['fill', '-'], { stdin: 'https://x/f/y#z\n', env: NOWHERE });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/give --file/);
  });

  it('an empty or too large secret exits 2 and nothing is stored', async () => {
    const made = await request();

    const empty = await fill(made.fillLink, '');
    const large = await fill(made.fillLink, new Uint8Array(700 * 1024 + 1).fill(0x61));

    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/empty/);
    expect(large.code).toBe(2);
    expect(large.stderr).toMatch(/too large \(at most 700 KiB\)\. A request takes no more/);
    expect((await runCli(['get', made.retrieveLink])).code).toBe(8);
  });
});

describe('on a terminal', () => {
  /** Runs the CLI on a pseudo-terminal (test/cli/on-terminal.py), typing each answer at its prompt. */
  async function onTerminal(args: string[], answers: [string, string][] = []) {
    const spec = {
      argv: [process.execPath, path.join(ROOT, CLI_BUNDLE), ...args],
      env: env(),
      answers,
      seconds: 20,
    };
    const { stdout } = await promisify(execFile)('python3', [
      path.join(ROOT, 'test/cli/on-terminal.py'),
      JSON.stringify(spec),
    ]);
    return JSON.parse(stdout) as { code: number; output: string; timedOut: boolean };
  }

  it('request labels each link: which to send and which to keep', async () => {
    const shown = await onTerminal(['request', '--manage']);

    expect(shown.code).toBe(0);
    expect(shown.output).toMatch(
      /Fill link: send it to whoever holds the secret.*\r\n\S+\/f\/\S+\r\nRetrieve link: keep it to yourself.*\r\n\S+\/s\/\S+\r\nManage link: .*\r\n\S+\/m\/\S+\r\nThe request expires /,
    );
  });

  it('fill asks for the secret with echo off', async () => {
    const made = await request();

    const typed = await onTerminal(
      ['fill', made.fillLink],
      [['Secret (input hidden): ', `${SECRET}\r`]],
    );

    expect(typed.code).toBe(0);
    expect(typed.output).not.toContain(SECRET);
    expect(typed.output).toContain('filled; the person who asked can read it once');
    expect((await runCli(['get', made.retrieveLink])).stdout).toBe(SECRET);
  });
});

describe('help', () => {
  it.each(['request', 'fill'])('%s --help shows examples and exit codes', async (command) => {
    const result = await runCli([command, '--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Example');
    expect(result.stdout).toContain('9  already filled');
  });
});
