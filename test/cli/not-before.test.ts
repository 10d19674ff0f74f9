// `share --not-before` and what `get`, `check` and `receipt` say of a secret that opens later, against
// the real local stack (issue 15): the wait is refused before any request, a get before the time
// exits 7 with the time and spends nothing, and the same link reads once the time has come.
import { describe, expect, it } from '@jest/globals';
import { stackForThisFile } from '../helpers/localStack.ts';
import { runCli } from './run-cli.ts';

const stack = stackForThisFile();
const env = () => ({ SECRETSENTRY_API_URL: stack.api });

interface Shared {
  link: string;
  manageLink: string;
  expiresAt: string;
  notBefore?: string;
}

async function share(args: string[], secret = 'fixture-opens-later'): Promise<Shared> {
  const result = await runCli(['share', '--manage', '--json', ...args], {
    stdin: secret,
    env: env(),
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Shared;
}

describe('share --not-before', () => {
  it('takes a wait from now and answers the opening time', async () => {
    const before = Date.now();
    const shared = await share(['--not-before', '2h']);
    const opens = Date.parse(shared.notBefore ?? '');
    expect(opens).toBeGreaterThanOrEqual(before + 2 * 3600_000);
    expect(opens).toBeLessThan(Date.now() + 2 * 3600_000 + 1000);
  });

  it('takes a date and time with a zone, and one without in the local zone', async () => {
    const at = new Date(Date.now() + 3 * 3600_000);
    at.setUTCSeconds(0, 0);
    const zoned = await share(['--not-before', at.toISOString().replace('.000Z', '+00:00')]);
    expect(zoned.notBefore).toBe(at.toISOString());

    // A time without a zone is this machine's: the same wall-clock time in Kolkata (UTC+5:30, no
    // daylight saving) is the instant 5 h 30 min earlier.
    const target = new Date(Date.now() + 3 * 3600_000);
    target.setUTCSeconds(0, 0);
    const wall = new Date(target.getTime() + 5.5 * 3600_000).toISOString().slice(0, 16);
    const unzoned = await runCli(['share', '--json', '--not-before', wall.replace('T', ' ')], {
      stdin: 'fixture-local-zone',
      env: { ...env(), TZ: 'Asia/Kolkata' },
    });
    expect(unzoned.stderr).toBe('');
    expect((JSON.parse(unzoned.stdout) as Shared).notBefore).toBe(target.toISOString());
  });

  it.each([
    ['a time in the past', '2020-01-01T00:00:00Z', /must be in the future/],
    ['a wait past the expiry', '2h', /must come before the secret expires/, ['--ttl', '1h']],
    ['words', 'tomorrow', /must be a wait such as 30m or 2h, or a date and time/],
    ['a date that does not exist', '2027-02-30 09:00', /must be a wait such as 30m/],
    ['a date without a time', '2027-02-03', /must be a wait such as 30m/],
  ])('refuses %s (2) and sends nothing', async (_, value, message, extra: string[] = []) => {
    const result = await runCli(['share', '--not-before', value, ...extra], {
      stdin: 'fixture-refused',
      // Nothing listens here: a request would fail with 5, not 2.
      env: { SECRETSENTRY_API_URL: 'http://127.0.0.1:9/api' },
    });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('before the opening time', () => {
  it('get exits 7 with the time, asks no passphrase and spends nothing; check and receipt say when', async () => {
    const shared = await share(['--not-before', '1h', '--reads', '1']);
    const got = await runCli(['get', shared.link]);
    expect(got.code).toBe(7);
    expect(got.stdout).toBe('');
    expect(got.stderr).toContain(`This secret opens at ${shared.notBefore}`);
    expect(got.stderr).toMatch(/\(in (59 min \d+ s|1 h)\); nothing was read/);

    const checked = await runCli(['check', shared.link, '--json']);
    expect(JSON.parse(checked.stdout)).toMatchObject({
      readable: true,
      remainingReads: 1,
      notBefore: shared.notBefore,
    });
    expect((await runCli(['check', shared.link])).stdout).toContain(`opens ${shared.notBefore}`);

    const receipt = await runCli(['receipt', shared.manageLink]);
    expect(receipt.stdout).toMatch(new RegExp(`^opens +${shared.notBefore}$`, 'm'));
    expect(receipt.stdout).toMatch(/^state +active$/m);
    expect(receipt.stdout).toMatch(/^reads +0 of 1$/m);
  });

  it('a protected secret exits 7 without asking for the passphrase it will need later', async () => {
    const shared = await runCli(['share', '--json', '--not-before', '30m'], {
      stdin: 'fixture-protected-later',
      env: { ...env(), SECRETSENTRY_PASSPHRASE: 'correct horse' },
    });
    expect(shared.code).toBe(0);
    const { link } = JSON.parse(shared.stdout) as Shared;
    // No passphrase anywhere: were it asked for first, this would exit 4.
    const got = await runCli(['get', link]);
    expect(got.code).toBe(7);
    expect(got.stderr).not.toMatch(/passphrase/i);
  });
});

describe('from the opening time on', () => {
  it('the same link reads once the time has come', async () => {
    const shared = await share(['--not-before', '3s']);
    expect((await runCli(['get', shared.link])).code).toBe(7);
    await new Promise((resolve) =>
      setTimeout(resolve, Date.parse(shared.notBefore!) - Date.now() + 200),
    );
    const got = await runCli(['get', shared.link]);
    expect(got.code).toBe(0);
    expect(got.stdout).toBe('fixture-opens-later');
  }, 30_000);
});
