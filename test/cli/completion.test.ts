// Tab completion, loaded into real shells (bash, zsh, fish) as a user's rc file would.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'secretsentry-completion-'));
const scripts: Record<string, string> = {};

beforeAll(async () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const result = await runCli(['completion', shell]);
    expect(result.code).toBe(0);
    scripts[shell] = path.join(dir, `completion.${shell}`);
    writeFileSync(scripts[shell], result.stdout);
  }
});

const shell = (name: string, script: string) =>
  execFileSync(name, ['-c', script], { encoding: 'utf8', env: { ...process.env, HOME: dir } });

/** What bash's completion offers for the words typed so far (the last one being completed). */
const bashOffers = (...words: string[]) =>
  shell(
    'bash',
    `source ${scripts.bash}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); ` +
      `COMP_CWORD=${words.length - 1}; _secretsentry; printf '%s\\n' "\${COMPREPLY[@]}"`,
  )
    .split('\n')
    .filter(Boolean);

describe('shell completion', () => {
  it('bash completes commands, and each command its own options', () => {
    expect(bashOffers('secretsentry', 'ch')).toEqual(['check']);
    expect(bashOffers('secretsentry', 'share', '--ge')).toEqual(['--generate']);
    expect(bashOffers('secretsentry', 'get', '--o')).toEqual(['--out']);
    expect(bashOffers('secretsentry', 'get', '--ge')).toEqual([]);
  });

  it('bash completes the secret request commands and their options', () => {
    expect(bashOffers('secretsentry', 'fi')).toEqual(['fill']);
    expect(bashOffers('secretsentry', 'req')).toEqual(['request']);
    expect(bashOffers('secretsentry', 'request', '--')).toEqual(
      expect.arrayContaining(['--ttl', '--manage', '--json', '--page-url', '--api']),
    );
    expect(bashOffers('secretsentry', 'fill', '--f')).toEqual(['--file']);
    expect(bashOffers('secretsentry', 'request', '--f')).toEqual([]);
  });

  it('bash completes the options for several recipients, and revoke of one link', () => {
    expect(bashOffers('secretsentry', 'share', '--rec')).toEqual(['--recipients']);
    expect(bashOffers('secretsentry', 'share', '--t')).toEqual(['--ttl', '--to']);
    expect(bashOffers('secretsentry', 'revoke', '--')).toEqual(
      expect.arrayContaining(['--recipient', '--to']),
    );
    expect(bashOffers('secretsentry', 'receipt', '--rec')).toEqual([]);
  });

  it('zsh loads it and binds it to secretsentry', () => {
    expect(shell('zsh', `source ${scripts.zsh}; print -r -- $_comps[secretsentry]`)).toMatch(
      /_bash_complete .*-F _secretsentry/,
    );
  });

  it('fish completes commands and options', () => {
    const offers = shell(
      'fish',
      `source ${scripts.fish}; complete -C'secretsentry rev'; complete -C'secretsentry share --key'`,
    );
    expect(offers).toMatch(/^revoke\t/m);
    expect(offers).toMatch(/^--key-separately$/m);
  });

  it('refuses a shell it does not know (2)', async () => {
    expect((await runCli(['completion', 'powershell'])).code).toBe(2);
  });
});
