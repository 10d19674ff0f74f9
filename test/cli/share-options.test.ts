// `share --generate` and `share --key-separately`, against the real local stack.
import { describe, expect, it } from '@jest/globals';
import { stackForThisFile } from '../helpers/localStack.ts';
import { runCli } from './run-cli.ts';

const stack = stackForThisFile();
const env = () => ({ SECRETSENTRY_API_URL: stack.api });
const READABLE = /^[ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789]+$/;

describe('share --generate', () => {
  it('shares a new random password and shows it once, in JSON', async () => {
    const shared = await runCli(['share', '--generate', '--json'], { env: env() });
    expect(shared.code).toBe(0);
    const { link, secret } = JSON.parse(shared.stdout) as { link: string; secret: string };
    expect(secret).toHaveLength(24);
    expect(secret).toMatch(READABLE);
    expect(shared.stderr).not.toContain(secret);
    expect((await runCli(['get', link])).stdout).toBe(secret);
  });

  it('prints the password last, after the links, and takes a length', async () => {
    const shared = await runCli(['share', '--generate', '40', '--manage'], { env: env() });
    const [link = '', manageLink = '', secret = '', ...rest] = shared.stdout.trim().split('\n');
    expect(rest).toEqual([]);
    expect(manageLink).toContain('/m/');
    expect(secret).toHaveLength(40);
    expect((await runCli(['get', link])).stdout).toBe(secret);
  });

  it('draws a different password every time', async () => {
    const secrets = await Promise.all(
      [1, 2, 3].map(async () =>
        JSON.parse((await runCli(['share', '--generate', '--json'], { env: env() })).stdout),
      ),
    );
    expect(new Set(secrets.map((s: { secret: string }) => s.secret)).size).toBe(3);
  });

  it.each([['5'], ['129'], ['abc']])('refuses a length of %s (2)', async (length) => {
    const result = await runCli(['share', '--generate', length], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--generate takes a length from 12 to 128/);
  });

  it('refuses --generate with --file (2)', async () => {
    const result = await runCli(['share', '--generate', '--file', 'README.md'], { env: env() });
    expect(result.code).toBe(2);
  });
});

describe('share --key-separately', () => {
  it('prints a link without its key and the key apart; the two open it together', async () => {
    const shared = await runCli(['share', '--key-separately'], {
      stdin: 'fixture-apart',
      env: env(),
    });
    const [link = '', key = ''] = shared.stdout.trim().split('\n');
    expect(link).not.toContain('#');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const withKey = await runCli(['get', link], { env: { SECRETSENTRY_KEY: key } });
    expect(withKey).toMatchObject({ code: 0, stdout: 'fixture-apart' });
  });

  it('gives the joined link to the page and everyone else as usual', async () => {
    const shared = await runCli(['share', '--key-separately', '--json'], {
      stdin: 'fixture-joined',
      env: env(),
    });
    const { link, key } = JSON.parse(shared.stdout) as { link: string; key: string };
    expect((await runCli(['get', `${link}#${key}`])).stdout).toBe('fixture-joined');
  });

  it('asks for the key, and says where it can come from when nothing can ask (2), spending nothing', async () => {
    const shared = await runCli(['share', '--key-separately', '--reads', '1'], {
      stdin: 'fixture-no-key',
      env: env(),
    });
    const [link = '', key = ''] = shared.stdout.trim().split('\n');
    const missing = await runCli(['get', link]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('SECRETSENTRY_KEY');
    expect((await runCli(['get', `${link}#${key}`])).stdout).toBe('fixture-no-key');
  });
});
