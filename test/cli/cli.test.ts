// Every `secretsentry` command against the real local stack, spawned once for this file.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiClient } from '../../core/api.ts';
import { openFileBody } from '../../core/file-flows.ts';
import { prepareReveal, revealSecret, shareSecret } from '../../core/flows.ts';
import { parseLink } from '../../core/links.ts';
import { startStack, type RunningStack } from '../helpers/localStack.ts';
import { runCli, type CliResult } from './run-cli.ts';

let stack: RunningStack;
let work: string;
const SECRET = 'example-db-password-not-real';
const PASSPHRASE = 'correct horse battery staple';

beforeAll(async () => {
  stack = await startStack();
  work = mkdtempSync(path.join(tmpdir(), 'secretsentry-cli-'));
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const apiEnv = () => ({ SECRETSENTRY_API_URL: stack.api });

/** Nothing that decrypts or authorizes ever reaches stderr. */
function expectCleanStderr(result: CliResult, ...secrets: string[]) {
  for (const s of secrets) expect(result.stderr).not.toContain(s);
  expect(result.stderr).not.toMatch(/#[A-Za-z0-9_-]{20,}/);
  expect(result.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(1);
}

async function share(
  args: string[] = [],
  stdin: string = SECRET,
  env: Record<string, string> = apiEnv(),
) {
  const result = await runCli(['share', '--manage', ...args], { stdin, env });
  expect(result.code).toBe(0);
  const [link, manageLink] = result.stdout.trim().split('\n');
  return { link: link ?? '', manageLink: manageLink ?? '', result };
}

/** What the reveal page does with a link (RevealPage.tsx), using the same core modules. */
async function revealAsThePage(link: string, passphrase?: string): Promise<string> {
  const parsed = parseLink(link);
  const config = (await (await fetch(`${parsed.origin}/config.json`)).json()) as { apiUrl: string };
  const api = createApiClient(new URL(config.apiUrl, parsed.origin).href);
  const revealed = await revealSecret(api, await prepareReveal(api, parsed), { passphrase });
  if (revealed.kind === 'text') return new TextDecoder().decode(revealed.plaintext);
  return new Response(await openFileBody(revealed)).text();
}

/** What the share page does (SharePage.tsx): the share flow, links on the page origin. */
async function shareAsThePage(secret: string, passphrase?: string): Promise<string> {
  const shared = await shareSecret(createApiClient(stack.api), {
    secret,
    pageOrigin: stack.url,
    maxReads: 1,
    ttlSeconds: 3600,
    passphrase,
  });
  return shared.link;
}

describe('share', () => {
  it('shares stdin and prints a secret link and a manage link on the page origin', async () => {
    const { link, manageLink, result } = await share();

    expect(link).toMatch(new RegExp(`^${stack.url}/s/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$`));
    expect(manageLink).toMatch(new RegExp(`^${stack.url}/m/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$`));
    expectCleanStderr(result, SECRET);
  });

  it('prints only the secret link without --manage', async () => {
    const result = await runCli(['share'], { stdin: SECRET, env: apiEnv() });

    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('prints JSON with --json, honouring --reads and --ttl', async () => {
    const before = Date.now();
    const result = await runCli(['share', '--json', '--manage', '--reads', '3', '--ttl', '1h'], {
      stdin: SECRET,
      env: apiEnv(),
    });

    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ maxReads: 3, passphrase: false });
    expect(String(out.link)).toContain('/s/');
    expect(String(out.manageLink)).toContain('/m/');
    const ttl = Date.parse(String(out.expiresAt)) - before;
    expect(ttl).toBeGreaterThan(3590_000);
    expect(ttl).toBeLessThan(3610_000);
  });

  it('drops the one trailing newline echo adds to stdin', async () => {
    const { link } = await share([], `${SECRET}\n`);

    expect(await revealAsThePage(link)).toBe(SECRET);
  });

  it('shares --file as a file, exact bytes', async () => {
    const file = path.join(work, 'key.pem');
    writeFileSync(file, 'line one\nline two\n');
    const { link } = await share(['--file', file], '');

    expect(await revealAsThePage(link)).toBe('line one\nline two\n');
  });

  it('finds the API through --page-url and the page config.json', async () => {
    const { link } = await share(['--page-url', stack.url], SECRET, {});

    expect(link.startsWith(`${stack.url}/s/`)).toBe(true);
    expect(await revealAsThePage(link)).toBe(SECRET);
  });

  it('fails with usage (2) on an empty secret', async () => {
    const result = await runCli(['share'], { stdin: '', env: apiEnv() });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^secretsentry: .*empty/);
  });

  it('fails with usage (2) when a secret is given as an argument', async () => {
    const result = await runCli(['share', SECRET], { stdin: '', env: apiEnv() });

    expect(result.code).toBe(2);
  });

  it('fails with usage (2) on an out-of-range --reads or --ttl', async () => {
    const reads = await runCli(['share', '--reads', '0'], { stdin: SECRET, env: apiEnv() });
    const ttl = await runCli(['share', '--ttl', '4d'], { stdin: SECRET, env: apiEnv() });

    expect([reads.code, ttl.code]).toEqual([2, 2]);
  });

  it('fails with usage (2) when it cannot tell where the service is', async () => {
    const result = await runCli(['share'], { stdin: SECRET, env: {} });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SECRETSENTRY_API_URL');
  });

  it('refuses plain http to a remote host (2)', async () => {
    const result = await runCli(['share', '--api', 'http://example.com/api'], { stdin: SECRET });

    expect(result.code).toBe(2);
  });

  it('fails with network failure (5) when the API is unreachable', async () => {
    const result = await runCli(['share', '--api', 'http://127.0.0.1:1/api'], { stdin: SECRET });

    expect(result.code).toBe(5);
    expectCleanStderr(result, SECRET);
  });
});

describe('get', () => {
  it('reveals a secret to stdout, byte for byte, and it is gone after its last read (3)', async () => {
    const { link } = await share();

    const first = await runCli(['get', link]);
    const second = await runCli(['get', link]);

    expect(first).toMatchObject({ code: 0, stdout: SECRET });
    expect(second.code).toBe(3);
    expect(second.stdout).toBe('');
    expectCleanStderr(first, SECRET);
  });

  it('with --destroy-after, destroys a secret with reads left once written: the link is gone (3), the receipt says destroyed', async () => {
    const env = { SECRETSENTRY_PASSPHRASE: PASSPHRASE };
    const { link, manageLink } = await share(['--reads', '3'], SECRET, { ...apiEnv(), ...env });

    const first = await runCli(['get', link, '--destroy-after'], { env });
    const second = await runCli(['get', link], { env });
    const receipt = await runCli(['receipt', manageLink]);

    expect(first).toMatchObject({ code: 0, stdout: SECRET });
    expect(second.code).toBe(3);
    expect(receipt.stdout).toMatch(/^state +destroyed \(by the recipient, after a read\)$/m);
    expect(receipt.stdout).toMatch(/^remaining +2$/m);
    expectCleanStderr(first, SECRET, PASSPHRASE);
  });

  it('finds the API from the link page config.json without --api', async () => {
    const { link } = await share();

    const result = await runCli(['get', link], { env: {} });

    expect(result).toMatchObject({ code: 0, stdout: SECRET });
  });

  it('writes --out with mode 0600 and nothing on stdout', async () => {
    const { link } = await share();
    const out = path.join(work, 'revealed.txt');

    const result = await runCli(['get', link, '--out', out]);

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(SECRET);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('narrows an existing --out file to 0600 before writing', async () => {
    const { link } = await share();
    const out = path.join(work, 'existing.txt');
    writeFileSync(out, 'old', { mode: 0o644 });

    expect((await runCli(['get', link, '--out', out, '--force'])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toBe(SECRET);
  });

  it('answers not found (3) for a link whose key does not fit, like an unknown id', async () => {
    const { link } = await share();
    const wrongKey = link.replace(/#.*/, '#' + 'A'.repeat(43));

    const result = await runCli(['get', wrongKey]);

    expect(result.code).toBe(3);
    expect((await runCli(['get', link])).code).toBe(0);
  });

  it('fails with usage (2) on a manage link, a cut link or no link', async () => {
    const { manageLink, link } = await share();

    const results = await Promise.all([
      runCli(['get', manageLink]),
      runCli(['get', link.replace(/#.*/, '')]),
      runCli(['get']),
    ]);

    expect(results.map((r) => r.code)).toEqual([2, 2, 2]);
  });
});

describe('passphrases', () => {
  it('protects with --passphrase-file and opens with SECRETSENTRY_PASSPHRASE', async () => {
    const file = path.join(work, 'pass.txt');
    writeFileSync(file, `${PASSPHRASE}\n`);
    const shared = await runCli(['share', '--passphrase-file', file, '--json'], {
      stdin: SECRET,
      env: apiEnv(),
    });
    const { link, passphrase } = JSON.parse(shared.stdout) as { link: string; passphrase: boolean };

    const result = await runCli(['get', link], { env: { SECRETSENTRY_PASSPHRASE: PASSPHRASE } });

    expect(passphrase).toBe(true);
    expect(result).toMatchObject({ code: 0, stdout: SECRET });
    expectCleanStderr(result, SECRET, PASSPHRASE);
  });

  it('answers unauthorized (4) to a wrong passphrase, and the right one still works', async () => {
    const { link } = await share([], SECRET, { ...apiEnv(), SECRETSENTRY_PASSPHRASE: PASSPHRASE });

    const wrong = await runCli(['get', link], { env: { SECRETSENTRY_PASSPHRASE: 'not it' } });
    const right = await runCli(['get', link], { env: { SECRETSENTRY_PASSPHRASE: PASSPHRASE } });

    expect(wrong.code).toBe(4);
    expect(wrong.stdout).toBe('');
    expectCleanStderr(wrong, SECRET, PASSPHRASE, 'not it');
    expect(right).toMatchObject({ code: 0, stdout: SECRET });
  });

  it('counts the tries down, says the fifth wrong one destroyed the secret (6), and the receipt says locked', async () => {
    const { link, manageLink } = await share([], SECRET, {
      ...apiEnv(),
      SECRETSENTRY_PASSPHRASE: PASSPHRASE,
    });
    const wrongTry = () => runCli(['get', link], { env: { SECRETSENTRY_PASSPHRASE: 'not it' } });

    const lines: string[] = [];
    for (let i = 0; i < 4; i++) {
      const wrong = await wrongTry();
      expect(wrong.code).toBe(4);
      expectCleanStderr(wrong, SECRET, PASSPHRASE, 'not it');
      lines.push(wrong.stderr);
    }
    const fifth = await wrongTry();
    const sixth = await runCli(['get', link], { env: { SECRETSENTRY_PASSPHRASE: PASSPHRASE } });
    const json = await runCli(['receipt', manageLink, '--json']);
    const human = await runCli(['receipt', manageLink]);

    expect(lines).toEqual([
      'secretsentry: Wrong passphrase. 4 tries left before the secret is destroyed.\n',
      'secretsentry: Wrong passphrase. 3 tries left before the secret is destroyed.\n',
      'secretsentry: Wrong passphrase. 2 tries left before the secret is destroyed.\n',
      'secretsentry: Wrong passphrase. 1 try left: one more wrong passphrase destroys the secret.\n',
    ]);
    expect(fifth).toMatchObject({ code: 6, stdout: '' });
    expect(fifth.stderr).toMatch(/secret is now destroyed/);
    expectCleanStderr(fifth, SECRET, PASSPHRASE, 'not it');
    expect(sixth.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({
      state: 'locked',
      failedAttempts: 5,
      remainingReads: 1,
      reads: [],
    });
    expect(human.stdout).toMatch(
      /^state\s+locked \(destroyed after 5 wrong passphrases in a row\)$/m,
    );
    expect(human.stdout).toMatch(/^failed\s+5 wrong passphrases$/m);
  });

  it('keeps counting wrong passphrases in the receipt after a right one read the secret', async () => {
    const { link, manageLink } = await share(['--reads', '2'], SECRET, {
      ...apiEnv(),
      SECRETSENTRY_PASSPHRASE: PASSPHRASE,
    });

    await runCli(['get', link], { env: { SECRETSENTRY_PASSPHRASE: 'not it' } });
    await runCli(['get', link], { env: { SECRETSENTRY_PASSPHRASE: 'not it either' } });
    const right = await runCli(['get', link], { env: { SECRETSENTRY_PASSPHRASE: PASSPHRASE } });
    const receipt = await runCli(['receipt', manageLink]);

    expect(right).toMatchObject({ code: 0, stdout: SECRET });
    expect(receipt.stdout).toMatch(/^state\s+active$/m);
    expect(receipt.stdout).toMatch(/^failed\s+2 wrong passphrases$/m);
  });

  it('answers unauthorized (4) without spending a read when no passphrase can be had', async () => {
    const { link } = await share([], SECRET, { ...apiEnv(), SECRETSENTRY_PASSPHRASE: PASSPHRASE });

    const none = await runCli(['get', link]);

    expect(none.code).toBe(4);
    expect(none.stderr).toContain('passphrase');
    expect(await revealAsThePage(link, PASSPHRASE)).toBe(SECRET);
  });

  it('fails with usage (2) when --passphrase must prompt but there is no terminal', async () => {
    const result = await runCli(['share', '--passphrase'], { stdin: SECRET, env: apiEnv() });

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('receipt and revoke', () => {
  it('shows an active receipt, then the read, as text and as JSON', async () => {
    const { link, manageLink } = await share(['--reads', '2']);

    const before = await runCli(['receipt', manageLink, '--json']);
    await runCli(['get', link]);
    const after = await runCli(['receipt', manageLink]);

    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toMatchObject({
      state: 'active',
      maxReads: 2,
      remainingReads: 2,
      failedAttempts: 0,
      reads: [],
    });
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/state\s+active/);
    expect(after.stdout).toMatch(/reads\s+1 of 2/);
    expect(after.stdout).toMatch(/read 1\s+\d{4}-/);
    expect(after.stdout).toMatch(/^failed\s+0 wrong passphrases$/m);
  });

  it('revokes: the secret is gone (3), and the receipt says revoked', async () => {
    const { link, manageLink } = await share();

    const revoked = await runCli(['revoke', manageLink]);
    const read = await runCli(['get', link]);
    const receipt = await runCli(['receipt', manageLink, '--json']);

    expect(revoked).toMatchObject({ code: 0, stdout: 'revoked\n' });
    expect(read.code).toBe(3);
    expect(JSON.parse(receipt.stdout)).toMatchObject({ state: 'revoked' });
  });

  it('answers not found (3) to a manage link with a wrong token', async () => {
    const { manageLink } = await share();

    const result = await runCli(['receipt', manageLink.replace(/#.*/, '#' + 'B'.repeat(43))]);

    expect(result.code).toBe(3);
  });

  it('fails with usage (2) when given a secret link', async () => {
    const { link } = await share();

    expect((await runCli(['revoke', link])).code).toBe(2);
    expect((await runCli(['receipt', link])).code).toBe(2);
  });
});

describe('interoperability with the page', () => {
  it('a link shared by the CLI opens with the page code path', async () => {
    const { link } = await share();

    expect(await revealAsThePage(link)).toBe(SECRET);
  });

  it('a passphrase link shared by the CLI opens with the page code path', async () => {
    const { link } = await share([], SECRET, { ...apiEnv(), SECRETSENTRY_PASSPHRASE: PASSPHRASE });

    expect(await revealAsThePage(link, PASSPHRASE)).toBe(SECRET);
  });

  it('a link shared by the page opens with the CLI', async () => {
    const link = await shareAsThePage(SECRET);

    expect(await runCli(['get', link], { env: {} })).toMatchObject({ code: 0, stdout: SECRET });
  });

  it('a passphrase link shared by the page opens with the CLI', async () => {
    const link = await shareAsThePage(SECRET, PASSPHRASE);

    const result = await runCli(['get', link], { env: { SECRETSENTRY_PASSPHRASE: PASSPHRASE } });

    expect(result).toMatchObject({ code: 0, stdout: SECRET });
  });
});

describe('help and usage', () => {
  it.each(['share', 'get', 'receipt', 'revoke', 'doctor'])(
    '%s --help shows examples and exit codes',
    async (command) => {
      const result = await runCli([command, '--help']);

      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Example');
      expect(result.stdout).toContain('Exit codes');
    },
  );

  it('fails with usage (2) on an unknown command or option', async () => {
    const results = await Promise.all([runCli(['nope']), runCli(['share', '--nope'])]);

    expect(results.map((r) => r.code)).toEqual([2, 2]);
  });
});
