// Prompts on a real pseudo-terminal (Python's pty), as a person at a terminal meets them: pipes
// hide the bugs that live here (a crash when the terminal was closed with a write queued).
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stackForThisFile } from '../helpers/localStack.ts';
import { CLI_BUNDLE, ROOT, runCli } from './run-cli.ts';

const run = promisify(execFile);
const work = mkdtempSync(path.join(tmpdir(), 'secretsentry-tty-'));
const stack = stackForThisFile();

interface Typed {
  readonly code: number;
  /** stdout and stderr as the terminal showed them, echo included. */
  readonly output: string;
  /** Still running after 20 s (then killed): a prompt that ignored its keys. */
  readonly timedOut: boolean;
}

/** Runs the CLI on a pseudo-terminal, typing each answer once its prompt shows. */
async function onTerminal(
  args: string[],
  answers: [string, string][],
  cwd = ROOT,
  api = stack.api,
): Promise<Typed> {
  const spec = {
    argv: [process.execPath, path.join(ROOT, CLI_BUNDLE), ...args],
    env: { SECRETSENTRY_API_URL: api },
    cwd,
    answers,
    seconds: 20,
  };
  const { stdout } = await run('python3', [
    path.join(ROOT, 'test/cli/on-terminal.py'),
    JSON.stringify(spec),
  ]);
  return JSON.parse(stdout) as Typed;
}

const PASSPHRASE = 'correct-horse-fixture';
const noCrash = (typed: Typed) => {
  expect(typed.output).not.toMatch(/Node\.js v\d|\n\s+at |EBADF/);
};

/** A link protected with PASSPHRASE, shared from a pipe (no terminal involved). */
async function shareProtected(reads = 1): Promise<string> {
  // A text secret (piped), which `get` shows on the terminal; a --file would be saved as a file.
  const shared = await runCli(['share', '--reads', String(reads)], {
    stdin: readFileSync(path.join(ROOT, 'package.json')),
    env: { SECRETSENTRY_API_URL: stack.api, SECRETSENTRY_PASSPHRASE: PASSPHRASE },
  });
  expect(shared.code).toBe(0);
  return shared.stdout.trim();
}

/** Reads left, asked without spending one. */
async function readsLeft(link: string): Promise<string> {
  const checked = await runCli(['check', link, '--json'], {
    env: { SECRETSENTRY_API_URL: stack.api },
  });
  return String((JSON.parse(checked.stdout) as { remainingReads?: number }).remainingReads);
}

describe('on a terminal', () => {
  it('share --passphrase asks twice with echo off, ten times in a row without a crash', async () => {
    for (let i = 0; i < 10; i++) {
      const typed = await onTerminal(
        ['share', '--passphrase', '--file', 'README.md'],
        [
          ['Passphrase: ', `${PASSPHRASE}\r`],
          ['Passphrase again: ', `${PASSPHRASE}\r`],
        ],
      );
      noCrash(typed);
      expect(typed.code).toBe(0);
      expect(typed.output).toMatch(/\/s\/[A-Za-z0-9_-]{22}#/);
      expect(typed.output).not.toContain(PASSPHRASE);
    }
  }, 120_000);

  it('get asks for the passphrase of a protected link and reveals it, ten times in a row', async () => {
    // The old prompt crashed in about a quarter of these runs: ten make a pass by luck unlikely.
    const link = await shareProtected(10);
    for (let i = 0; i < 10; i++) {
      const out = path.join(work, `revealed-${i}`);
      const typed = await onTerminal(
        ['get', link, '--out', out],
        [['Passphrase: ', `${PASSPHRASE}\r`]],
      );
      noCrash(typed);
      expect(typed.code).toBe(0);
      expect(typed.output).not.toContain(PASSPHRASE);
      // Shared piped, so less the one trailing newline.
      expect(readFileSync(out, 'utf8')).toBe(
        readFileSync(path.join(ROOT, 'package.json'), 'utf8').replace(/\n$/, ''),
      );
    }
  }, 120_000);

  it('Ctrl-C at the prompt cancels with exit 2 and one line, no stack trace, no read spent', async () => {
    const link = await shareProtected();
    for (let i = 0; i < 8; i++) {
      // share's prompt and get's, in turn; the old prompt crashed after "Cancelled." in about a third.
      const args = i % 2 === 0 ? ['share', '--passphrase', '--file', 'README.md'] : ['get', link];
      const typed = await onTerminal(args, [['Passphrase: ', 'half-typed\u0003']]);
      noCrash(typed);
      expect(typed.code).toBe(2);
      expect(typed.output).toContain('secretsentry: Cancelled.');
      expect(typed.output).not.toContain('half-typed');
    }
    expect(await readsLeft(link)).toBe('1');
  }, 60_000);

  it('gives the terminal back after the prompt: Ctrl-C then interrupts a stalled request', async () => {
    // An API that never answers: the command waits on the network after the prompts.
    const stalled = createServer(() => undefined).listen(0, '127.0.0.1');
    await once(stalled, 'listening');
    try {
      const { port } = stalled.address() as AddressInfo;
      const typed = await onTerminal(
        ['share', '--passphrase', '--file', 'README.md'],
        [
          ['Passphrase: ', `${PASSPHRASE}\r`],
          ['Passphrase again: ', `${PASSPHRASE}\r`],
          // The line the prompt ends with: by then raw mode must be off, so Ctrl-C is SIGINT again.
          ['\r\n', '\u0003'],
        ],
        ROOT,
        `http://127.0.0.1:${port}/api`,
      );
      expect(typed.timedOut).toBe(false);
      expect(typed.code).toBe(-2); // ended by SIGINT
    } finally {
      stalled.closeAllConnections();
      stalled.close();
    }
  });

  it('Ctrl-D on an empty line cancels too (end of input), with exit 2', async () => {
    const typed = await onTerminal(['get', await shareProtected()], [['Passphrase: ', '\u0004']]);
    expect(typed.timedOut).toBe(false);
    noCrash(typed);
    expect(typed.code).toBe(2);
    expect(typed.output).toContain('secretsentry: Cancelled.');
  });

  it('keeps arrow keys and other escape sequences out of a typed passphrase', async () => {
    const link = await shareProtected();
    // A wrong start erased with Ctrl-U, then the passphrase with Left, Home (SS3 form) and
    // Ctrl+Up pressed in between: the keys add nothing to it.
    const typed = await onTerminal(
      ['get', link],
      [['Passphrase: ', 'wrong\u0015correct-\u001b[Dhorse-\u001bOH\u001b[1;5Afixture\r']],
    );
    noCrash(typed);
    expect(typed.code).toBe(0);
    expect(typed.output).toContain('"name": "secretsentry"');
  });

  it('a file: progress while it goes, then saved under its own name, never over another file', async () => {
    const folder = mkdtempSync(path.join(work, 'files-'));
    const file = path.join(folder, 'plan.pdf');
    writeFileSync(file, randomBytes(3 * 1024 * 1024));
    const sent = await onTerminal(['share', '--file', file], [], folder);
    expect(sent.code).toBe(0);
    expect(sent.output).toMatch(/Uploading 3\.0 MiB of 3\.0 MiB \(100%/);
    const link = /http:\S+#\S+/.exec(sent.output)![0];

    // plan.pdf itself and plan (1).pdf are taken: the next free name is used.
    writeFileSync(path.join(folder, 'plan (1).pdf'), 'also keep');
    const got = await onTerminal(['get', link], [], folder);
    noCrash(got);
    expect(got.code).toBe(0);
    expect(got.output).toMatch(/Downloading .*\(100%/);
    expect(got.output).toContain('File plan.pdf (3.0 MiB) revealed; saved to plan (2).pdf');
    expect(readFileSync(path.join(folder, 'plan (2).pdf'))).toEqual(readFileSync(file));
    expect(readFileSync(path.join(folder, 'plan (1).pdf'), 'utf8')).toBe('also keep');
  });

  it('share with no input asks for the secret with echo off, instead of refusing', async () => {
    const secret = 'typed-secret-fixture';
    const typed = await onTerminal(['share'], [['Secret (input hidden): ', `${secret}\r`]]);
    noCrash(typed);
    expect(typed.code).toBe(0);
    expect(typed.output).not.toContain(secret);
    const link = /(http:\/\/\S+\/s\/\S+)/.exec(typed.output)?.[1] ?? '';
    expect((await runCli(['get', link])).stdout).toBe(secret);
  });

  it('shows text with its control sequences made visible, never raw', async () => {
    const hostile = 'title\u001b]0;pwned\u0007 clip\u001b]52;c;aGk=\u0007 end';
    const shared = await runCli(['share'], {
      stdin: hostile,
      env: { SECRETSENTRY_API_URL: stack.api },
    });
    const typed = await onTerminal(['get', shared.stdout.trim()], []);
    expect(typed.code).toBe(0);
    expect(typed.output).not.toContain('\u001b');
    expect(typed.output).not.toContain('\u0007');
    expect(typed.output).toContain('title\\x1b]0;pwned\\x07 clip');
    expect(typed.output).toContain('shown above as \\xNN escapes; a pipe or --out FILE');
  });

  it('keeps a binary secret off the screen: saved to a 0600 file instead', async () => {
    const binary = Buffer.from([0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a]);
    const shared = await runCli(['share'], {
      stdin: binary,
      env: { SECRETSENTRY_API_URL: stack.api },
    });
    const link = shared.stdout.trim();
    const id = /\/s\/([A-Za-z0-9_-]{22})/.exec(link)?.[1] ?? '';
    const typed = await onTerminal(['get', link], [], work);
    expect(typed.code).toBe(0);
    expect(typed.output).toContain(`saved to secretsentry-${id}.bin`);
    expect(typed.output).not.toContain('\u001b[2J');
    const saved = path.join(work, `secretsentry-${id}.bin`);
    expect(readFileSync(saved)).toEqual(binary);
    expect(statSync(saved).mode & 0o777).toBe(0o600);
  });

  it('shows a binary secret as base64 when it cannot be saved beside, rather than lose it', async () => {
    const binary = Buffer.from([0x00, 0xff, 0x1b, 0x63, 0x0a]);
    const shared = await runCli(['share'], {
      stdin: binary,
      env: { SECRETSENTRY_API_URL: stack.api },
    });
    const link = shared.stdout.trim();
    const id = /\/s\/([A-Za-z0-9_-]{22})/.exec(link)?.[1] ?? '';
    const cwd = mkdtempSync(path.join(work, 'taken-'));
    // A folder already holds the name the secret would be saved under.
    mkdirSync(path.join(cwd, `secretsentry-${id}.bin`));
    const typed = await onTerminal(['get', link], [], cwd);
    noCrash(typed);
    expect(typed.code).toBe(0);
    expect(typed.output).toContain(binary.toString('base64'));
    expect(typed.output).toContain('shown above as base64');
    expect(typed.output).not.toContain('\u001bc');
  });
});

describe('error text', () => {
  it('escapes control characters that the argument parser quotes back', async () => {
    const result = await runCli(['get', '--x\u001b]0;pwned\u0007\u001b[2J']);
    expect(result.code).toBe(2);
    expect([...result.stderr].filter((c) => c < ' ' && c !== '\n')).toEqual([]);
    expect(result.stderr).toContain("unknown option '--x\\x1b]0;pwned\\x07\\x1b[2J'");
  });
});
