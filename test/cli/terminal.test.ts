// Prompts on a real pseudo-terminal (Python's pty), as a person at a terminal meets them: pipes
// hide the bugs that live here (a crash when the terminal was closed with a write queued).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startStack, type RunningStack } from '../helpers/localStack.ts';
import { ROOT, runCli } from './run-cli.ts';

const run = promisify(execFile);
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
async function onTerminal(args: string[], answers: [string, string][]): Promise<Typed> {
  const spec = {
    argv: [process.execPath, path.join(ROOT, 'bin/cli.ts'), ...args],
    env: { SECRETSENTRY_API_URL: stack.api },
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
      const typed = await onTerminal(
        ['get', link, '--out', '/dev/null'],
        [['Passphrase: ', `${PASSPHRASE}\r`]],
      );
      noCrash(typed);
      expect(typed.code).toBe(0);
      expect(typed.output).not.toContain(PASSPHRASE);
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
});
