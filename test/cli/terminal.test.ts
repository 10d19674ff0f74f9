// Prompts on a real pseudo-terminal (Python's pty), as a person at a terminal meets them: pipes
// hide the bugs that live here (a crash when the terminal was closed with a write queued).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startStack, type RunningStack } from '../helpers/localStack.ts';
import { CLI_BUNDLE, ROOT, runCli } from './run-cli.ts';

const run = promisify(execFile);
const work = mkdtempSync(path.join(tmpdir(), 'secretsentry-tty-'));
let stack: RunningStack;

beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

interface Typed {
  readonly code: number;
  readonly output: string;
}

/** Runs the CLI on a pseudo-terminal, typing each answer once its prompt shows. */
async function onTerminal(args: string[], answers: [string, string][], cwd = ROOT): Promise<Typed> {
  const spec = {
    argv: [process.execPath, path.join(ROOT, CLI_BUNDLE), ...args],
    env: { SECRETSENTRY_API_URL: stack.api },
    cwd,
    answers,
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

  it('get asks for the passphrase of a protected link and reveals it, five times in a row', async () => {
    for (let i = 0; i < 5; i++) {
      const shared = await runCli(['share', '--file', 'package.json'], {
        env: { SECRETSENTRY_API_URL: stack.api, SECRETSENTRY_PASSPHRASE: PASSPHRASE },
      });
      const link = shared.stdout.trim();
      const out = path.join(work, `revealed-${i}`);
      const typed = await onTerminal(
        ['get', link, '--out', out],
        [['Passphrase: ', `${PASSPHRASE}\r`]],
      );
      noCrash(typed);
      expect(typed.code).toBe(0);
      expect(typed.output).not.toContain(PASSPHRASE);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    }
  }, 120_000);

  it('Ctrl-C at the prompt cancels with exit 2 and one line, no stack trace', async () => {
    const typed = await onTerminal(
      ['share', '--passphrase', '--file', 'README.md'],
      [['Passphrase: ', '\u0003']],
    );
    noCrash(typed);
    expect(typed.code).toBe(2);
    expect(typed.output).toContain('secretsentry: Cancelled.');
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
});
