// `share --recipients N` and `share --to LABEL` against the real local stack (issue 15): one secret,
// a link per recipient with its own reads and credential, so that one link neither reads nor uses up
// another; receipt lists each link, revoke ends one alone; bad counts and labels exit 2 before
// anything is sent.
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stackForThisFile } from '../helpers/localStack.ts';
import { CLI_BUNDLE, ROOT, runCli } from './run-cli.ts';

const stack = stackForThisFile();
const env = () => ({ SECRETSENTRY_API_URL: stack.api });
const work = mkdtempSync(path.join(tmpdir(), 'secretsentry-recipients-'));
const SECRET = 'fixture-deploy-key-not-real';
/** Nothing listens here: a command that sent anything would exit 5, not 2. */
const NOWHERE = { SECRETSENTRY_API_URL: 'http://127.0.0.1:9/api' };

interface SharedLink {
  number: number;
  index: number;
  label?: string;
  link: string;
  key?: string;
  manageLink?: string;
  id: string;
  expiresAt: string;
  maxReads: number;
  passphrase: boolean;
}

interface LinkReceipt {
  index: number;
  label?: string;
  state: string;
  maxReads: number;
  remainingReads: number;
  failedAttempts: number;
  reads: { at: string }[];
}

/** `share --manage --json` with these options: the array of links. */
async function share(args: string[], runEnv: Record<string, string> = {}): Promise<SharedLink[]> {
  const result = await runCli(['share', '--manage', '--json', ...args], {
    stdin: SECRET,
    env: { ...env(), ...runEnv },
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as SharedLink[];
}

const get = (link: string, args: string[] = [], runEnv: Record<string, string> = {}) =>
  runCli(['get', link, ...args], { env: runEnv });

async function receiptJson(manageLink: string): Promise<{ recipients?: LinkReceipt[] }> {
  const result = await runCli(['receipt', manageLink, '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { recipients?: LinkReceipt[] };
}

/** The manage link every object of a share carries, the same in each. */
const manageLinkOf = (links: SharedLink[]): string => {
  expect(new Set(links.map((l) => l.manageLink)).size).toBe(1);
  return links[0]!.manageLink!;
};

describe('share --recipients', () => {
  it('prints one link a line, each its own; each reads once, then is gone (3) while the others still read', async () => {
    const shared = await runCli(['share', '--recipients', '3'], { stdin: SECRET, env: env() });

    expect(shared.code).toBe(0);
    expect(shared.stderr).toBe('');
    const links = shared.stdout.trim().split('\n');
    expect(links).toHaveLength(3);
    expect(new Set(links).size).toBe(3);
    // One secret: the same id and K in each, then the recipient's own part after a dot.
    const fragments = links.map((link) =>
      new RegExp(`^${stack.url}/s/([\\w-]{22})#([\\w-]{43})\\.([\\w-]{43})$`).exec(link),
    );
    expect(fragments.every((m) => m !== null)).toBe(true);
    expect(new Set(fragments.map((m) => `${m![1]}#${m![2]}`)).size).toBe(1);

    const first = await get(links[0]!);
    const firstAgain = await get(links[0]!);
    const second = await get(links[1]!);
    const third = await get(links[2]!);

    expect(first).toMatchObject({ code: 0, stdout: SECRET, stderr: '' });
    expect(firstAgain.code).toBe(3);
    expect(firstAgain.stdout).toBe('');
    expect(second).toMatchObject({ code: 0, stdout: SECRET });
    expect(third).toMatchObject({ code: 0, stdout: SECRET });
  });

  it('--json prints an array, one object per link in order: {index, label?, link, maxReads, id, expiresAt, ...}', async () => {
    const labelled = await share(['--to', 'Ops on-call', '--to', 'DBA', '--reads', '2']);
    const plain = await runCli(['share', '--recipients', '2', '--json'], {
      stdin: SECRET,
      env: env(),
    });

    expect(labelled.map((l) => [l.number, l.index, l.label, l.maxReads])).toEqual([
      [1, 0, 'Ops on-call', 2],
      [2, 1, 'DBA', 2],
    ]);
    expect(Object.keys(labelled[0]!).sort()).toEqual(
      [
        'number',
        'index',
        'label',
        'link',
        'manageLink',
        'id',
        'expiresAt',
        'maxReads',
        'passphrase',
      ].sort(),
    );
    expect(labelled[0]!.link).toContain(`/s/${labelled[0]!.id}#`);
    expect(labelled[0]!.link).not.toBe(labelled[1]!.link);
    expect(manageLinkOf(labelled)).toContain(`/m/${labelled[0]!.id}#`);
    expect(labelled[1]!.expiresAt).toBe(labelled[0]!.expiresAt);
    const unlabelled = JSON.parse(plain.stdout) as SharedLink[];
    expect(unlabelled.map((l) => Object.keys(l).sort())).toEqual([
      ['expiresAt', 'id', 'index', 'link', 'maxReads', 'number', 'passphrase'],
      ['expiresAt', 'id', 'index', 'link', 'maxReads', 'number', 'passphrase'],
    ]);
  });

  it('without --recipients or --to, --json is still one object', async () => {
    const result = await runCli(['share', '--json'], { stdin: SECRET, env: env() });

    expect(Object.keys(JSON.parse(result.stdout) as object).sort()).toEqual(
      ['expiresAt', 'id', 'link', 'maxReads', 'passphrase'].sort(),
    );
  });

  it('--reads applies to each link: one read twice is gone, another still reads twice', async () => {
    const [one, two] = await share(['--recipients', '2', '--reads', '2']);

    const reads = [await get(one!.link), await get(one!.link), await get(one!.link)];
    const checked = await runCli(['check', two!.link, '--json']);

    expect(reads.map((r) => r.code)).toEqual([0, 0, 3]);
    expect(JSON.parse(checked.stdout)).toMatchObject({ readable: true, remainingReads: 2 });
    expect((await get(two!.link)).stdout).toBe(SECRET);
    expect((await get(two!.link)).stdout).toBe(SECRET);
  });

  it('a label of exactly 100 characters is taken, and the receipt shows it', async () => {
    const label = 'l'.repeat(100);
    const links = await share(['--to', label]);

    const receipt = await receiptJson(manageLinkOf(links));

    expect(links[0]!.label).toBe(label);
    expect(receipt.recipients?.[0]?.label).toBe(label);
  });

  it('on a terminal, stderr says which link is which, with its label, before each one', async () => {
    const spec = {
      argv: [
        process.execPath,
        path.join(ROOT, CLI_BUNDLE),
        'share',
        '--file',
        'README.md',
        '--to',
        'Ops on-call',
        '--to',
        'DBA',
        '--manage',
      ],
      env: env(),
      cwd: ROOT,
      answers: [],
      seconds: 20,
    };
    const { stdout } = await promisify(execFile)('python3', [
      path.join(ROOT, 'test/cli/on-terminal.py'),
      JSON.stringify(spec),
    ]);
    const typed = JSON.parse(stdout) as { code: number; output: string };

    expect(typed.code).toBe(0);
    expect(typed.output).toMatch(
      new RegExp(
        [
          'Link 1 \\(Ops on-call\\): can be read once\\.',
          `${stack.url}/s/\\S+`,
          'Link 2 \\(DBA\\): can be read once\\.',
          `${stack.url}/s/\\S+`,
          'Manage link: receipt, and revoke \\(one link with --recipient N\\)\\.',
          `${stack.url}/m/\\S+`,
          'The links expire \\S+\\.',
        ].join('\\r\\n'),
      ),
    );
  });
});

describe('receipt of several links', () => {
  it('lists each link with its label, state, reads left of max, read times and wrong passphrases', async () => {
    const links = await share(['--to', 'Ops on-call', '--to', 'DBA', '--reads', '2'], {
      SECRETSENTRY_PASSPHRASE: 'fixture-passphrase',
    });
    const right = { SECRETSENTRY_PASSPHRASE: 'fixture-passphrase' };
    await get(links[0]!.link, [], right);
    await get(links[1]!.link, [], right);
    await get(links[1]!.link, [], right);
    const wrong = await get(links[0]!.link, [], { SECRETSENTRY_PASSPHRASE: 'not-it' });

    const text = await runCli(['receipt', manageLinkOf(links)]);
    const json = await receiptJson(manageLinkOf(links));

    expect(wrong.code).toBe(4);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(/^state +active$/m);
    expect(text.stdout).toMatch(/^reads +3 of 4$/m);
    expect(text.stdout).toMatch(/^links +2$/m);
    expect(text.stdout).toMatch(
      new RegExp(
        [
          'link 1 +Ops on-call',
          '  state +active',
          '  reads +1 of 2, 1 left',
          '  failed +1 wrong passphrase',
          '  read 1 +\\S+Z',
          'link 2 +DBA',
          '  state +burned',
          '  reads +2 of 2',
          '  failed +0 wrong passphrases',
          '  read 1 +\\S+Z',
          '  read 2 +\\S+Z',
        ].join('\\n'),
      ),
    );
    expect(json.recipients).toEqual([
      expect.objectContaining({
        index: 0,
        label: 'Ops on-call',
        state: 'active',
        maxReads: 2,
        remainingReads: 1,
        failedAttempts: 1,
        reads: [{ at: expect.any(String) }],
      }),
      expect.objectContaining({
        index: 1,
        label: 'DBA',
        state: 'burned',
        remainingReads: 0,
        failedAttempts: 0,
      }),
    ]);
  });

  it('a secret with one link has the receipt it had: no links, no recipients', async () => {
    const shared = await runCli(['share', '--manage'], { stdin: SECRET, env: env() });
    const [link, manageLink] = shared.stdout.trim().split('\n');
    await get(link!);

    const text = await runCli(['receipt', manageLink!]);
    const json = await receiptJson(manageLink!);

    expect(text.stdout).toMatch(/^read 1 +\S+Z$/m);
    expect(text.stdout).not.toMatch(/^links? /m);
    expect(json.recipients).toBeUndefined();
  });
});

describe('revoke one link', () => {
  it('--recipient N ends that link only: it is gone (3), the others still read', async () => {
    const links = await share(['--recipients', '3']);

    // Numbered as people count (and as receipt and the page show): link 2 is the second.
    const revoked = await runCli(['revoke', manageLinkOf(links), '--recipient', '2']);
    const again = await runCli(['revoke', manageLinkOf(links), '--recipient', '2']);

    expect(revoked).toMatchObject({ code: 0, stderr: '' });
    expect(revoked.stdout).toBe('revoked link 2; the other links keep working\n');
    expect(again.stdout).toBe('link 2 already revoked; nothing to revoke\n');
    expect((await get(links[1]!.link)).code).toBe(3);
    expect((await get(links[0]!.link)).stdout).toBe(SECRET);
    expect((await get(links[2]!.link)).stdout).toBe(SECRET);
    const receipt = await receiptJson(manageLinkOf(links));
    expect(receipt.recipients?.map((r) => r.state)).toEqual(['burned', 'revoked', 'burned']);
  });

  it('--to LABEL ends the link with that label', async () => {
    const links = await share(['--to', 'Ops on-call', '--to', 'DBA']);

    const revoked = await runCli(['revoke', manageLinkOf(links), '--to', 'DBA']);

    expect(revoked.stdout).toBe('revoked link 2 (DBA); the other links keep working\n');
    expect((await get(links[1]!.link)).code).toBe(3);
    expect((await get(links[0]!.link)).stdout).toBe(SECRET);
  });

  it('without --recipient, revoke ends every link (the manage link holding the labels key too)', async () => {
    const links = await share(['--to', 'Ops on-call', '--to', 'DBA']);

    const revoked = await runCli(['revoke', manageLinkOf(links)]);

    expect(revoked.stdout).toBe('revoked\n');
    expect((await get(links[0]!.link)).code).toBe(3);
    expect((await get(links[1]!.link)).code).toBe(3);
  });

  it.each([
    ['a number past the links', ['--recipient', '3'], /has links 1 to 2; there is no link 3/],
    [
      'link 0 (numbers start at 1)',
      ['--recipient', '0'],
      /--recipient takes a link's number from 1/,
    ],
    ['a number that is not one', ['--recipient', 'first'], /--recipient takes a link's number/],
    ['a label no link has', ['--to', 'nobody'], /No link has that label/],
    ['both --recipient and --to', ['--recipient', '1', '--to', 'DBA'], /not both/],
  ])('refuses %s (2) and revokes nothing', async (_, args, message) => {
    const links = await share(['--to', 'Ops on-call', '--to', 'DBA']);

    const refused = await runCli(['revoke', manageLinkOf(links), ...args]);

    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(message);
    const receipt = await receiptJson(manageLinkOf(links));
    expect(receipt.recipients?.map((r) => r.state)).toEqual(['active', 'active']);
  });

  it('refuses --recipient and --to (2) for a secret with one link, which stays readable', async () => {
    const shared = await runCli(['share', '--manage'], { stdin: SECRET, env: env() });
    const [link, manageLink] = shared.stdout.trim().split('\n');

    const byNumber = await runCli(['revoke', manageLink!, '--recipient', '1']);
    const byLabel = await runCli(['revoke', manageLink!, '--to', 'DBA']);

    expect(byNumber.code).toBe(2);
    expect(byNumber.stderr).toMatch(/one link: revoke it without --recipient/);
    expect(byLabel.code).toBe(2);
    expect((await get(link!)).stdout).toBe(SECRET);
  });
});

describe('refused before anything is sent', () => {
  const labels = (n: number) => Array.from({ length: n }, (_, i) => ['--to', `r${i}`]).flat();
  it.each([
    ['21 recipients', ['--recipients', '21'], /--recipients takes a whole number from 1 to 20/],
    ['0 recipients', ['--recipients', '0'], /--recipients takes a whole number from 1 to 20/],
    ['a count that is not one', ['--recipients', 'three'], /--recipients takes a whole number/],
    ['21 labels', labels(21), /at most 20 recipients, not 21/],
    ['a label of 101 characters', ['--to', 'l'.repeat(101)], /101 characters long; .* at most 100/],
    ['an empty label', ['--to', ''], /--to number 1 is empty/],
    ['a label with a newline', ['--to', 'Ops\non-call'], /control character/],
    ['--recipients with --to', ['--recipients', '2', '--to', 'DBA'], /not both/],
  ])('%s (2)', async (_, args, message) => {
    const result = await runCli(['share', ...args], { stdin: SECRET, env: NOWHERE });

    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('files and keys sent apart', () => {
  it('share --file with --recipients 2: each link gets the file byte for byte, once', async () => {
    const bytes = new Uint8Array([0x00, 0xff, 0x0a, 0x41, 0x0a, 0x1b]);
    const file = path.join(work, 'fixture.bin');
    writeFileSync(file, bytes);
    const links = await share(['--file', file, '--recipients', '2']);
    const outs = [path.join(work, 'first.bin'), path.join(work, 'second.bin')];

    const first = await get(links[0]!.link, ['--out', outs[0]!]);
    const second = await get(links[1]!.link, ['--out', outs[1]!]);
    const again = await get(links[0]!.link, ['--out', path.join(work, 'again.bin')]);

    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(new Uint8Array(readFileSync(outs[0]!))).toEqual(bytes);
    expect(new Uint8Array(readFileSync(outs[1]!))).toEqual(bytes);
    expect(again.code).toBe(3);
  });

  it('--key-separately prints each link without its key, then its own key; get takes it from SECRETSENTRY_KEY', async () => {
    const shared = await runCli(['share', '--recipients', '2', '--key-separately'], {
      stdin: SECRET,
      env: env(),
    });
    const [link0, key0, link1, key1, ...rest] = shared.stdout.split('\n');

    expect(rest).toEqual(['']);
    expect(link0).toMatch(new RegExp(`^${stack.url}/s/[\\w-]{22}$`));
    expect(link1).toBe(link0);
    expect(key0).toMatch(/^[\w-]{43}\.[\w-]{43}$/);
    expect(key1).not.toBe(key0);
    expect(await get(link0!, [], { SECRETSENTRY_KEY: key1! })).toMatchObject({
      code: 0,
      stdout: SECRET,
    });
    expect((await get(`${link0!}#${key0!}`)).stdout).toBe(SECRET);
  });

  it("get --destroy-after ends the reader's own link only", async () => {
    const [one, two] = await share(['--recipients', '2', '--reads', '3']);

    const destroyed = await get(one!.link, ['--destroy-after']);

    expect(destroyed).toMatchObject({ code: 0, stdout: SECRET });
    expect((await get(one!.link)).code).toBe(3);
    expect((await get(two!.link)).stdout).toBe(SECRET);
  });
});
