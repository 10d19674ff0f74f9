// The share-secret and receive-secret actions: their scripts against the real local stack, with
// the committed CLI bundle they run on a runner, and the workflow examples their documents show,
// linted, checked for the ways a runner prints secrets, and their secret-making steps executed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { startStack, type RunningStack } from '../helpers/localStack.ts';
import { actionValidator, actionlint } from './lint-actions.ts';
import { ROOT, runCli } from './run-cli.ts';

const ACTIONS = path.join(ROOT, '.github/actions');
const BUNDLE = path.join(ROOT, 'packages/cli/dist/cli.js');
const PASSPHRASE = 'handoff passphrase, example only';

let stack: RunningStack;
/** A `node` that logs its arguments, then runs the real one: argv must never hold a secret. */
let stubBin: string;

beforeAll(async () => {
  stack = await startStack();
  stubBin = mkdtempSync(path.join(tmpdir(), 'secretsentry-stub-'));
  writeFileSync(
    path.join(stubBin, 'node'),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> "$ARGV_LOG"\nexec "${process.execPath}" "$@"\n`,
  );
  chmodSync(path.join(stubBin, 'node'), 0o755);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

interface ActionRun {
  readonly code: number | null;
  /** stdout and stderr, in order: what the job log would show. */
  readonly log: string;
  readonly outputs: Record<string, string>;
  readonly env: Record<string, string>;
  /** Every argument list `node` was started with. */
  readonly argv: string;
  readonly runnerTemp: string;
}

/** Runs an action's script as its one step would, with the runner's files in a fresh folder. */
function runAction(
  action: 'share-secret' | 'receive-secret',
  env: Record<string, string>,
): Promise<ActionRun> {
  const runnerTemp = mkdtempSync(path.join(tmpdir(), 'secretsentry-runner-'));
  const files = { GITHUB_OUTPUT: 'output', GITHUB_ENV: 'env', ARGV_LOG: 'argv' };
  for (const f of Object.values(files)) writeFileSync(path.join(runnerTemp, f), '');
  const script = path.join(ACTIONS, action, action === 'share-secret' ? 'share.sh' : 'receive.sh');
  const child = spawn('bash', ['--noprofile', '--norc', script], {
    cwd: runnerTemp,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: `${stubBin}:${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      RUNNER_TEMP: runnerTemp,
      ...Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(runnerTemp, f)])),
      ...env,
    },
  });
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const read = (f: string) => readFileSync(path.join(runnerTemp, f), 'utf8');
  return new Promise((resolve) => {
    child.once('close', (code) =>
      resolve({
        code,
        log,
        outputs: parseRunnerFile(read(files.GITHUB_OUTPUT)),
        env: parseRunnerFile(read(files.GITHUB_ENV)),
        argv: read(files.ARGV_LOG),
        runnerTemp,
      }),
    );
  });
}

/** GITHUB_OUTPUT and GITHUB_ENV as the runner reads them: `name=value`, or `name<<DELIMITER`. */
function parseRunnerFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const end = lines.indexOf(delimiter ?? '', i + 1);
      if (end === -1) throw new Error(`${name} has no closing delimiter`);
      values[name] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line !== '') {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}

/** What add-mask lines the runner needs to hide each non-blank line of a value. */
const masksOf = (value: string) =>
  value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `::add-mask::${l.replaceAll('%', '%25').replaceAll('\r', '%0D')}`);

/** The log as it shows once the runner has consumed its commands. */
const visible = (log: string) =>
  log
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

const secretFile = (contents: string) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'secretsentry-secret-')), 'secret');
  writeFileSync(file, contents, { mode: 0o600 });
  return file;
};

const getWithBundle = (link: string, env: Record<string, string> = {}) =>
  runCli(['get', '-'], { stdin: link, env, entry: BUNDLE });

describe('share-secret (share.sh, the committed bundle, the local stack)', () => {
  it('masks every line of the secret before it prints anything, and its link opens once to the exact bytes', async () => {
    const secret = '  user=svc-deploy\r\npassword=100%0A-example\n\n';

    const result = await runAction('share-secret', {
      INPUT_FILE: secretFile(secret),
      INPUT_API_URL: stack.api,
      INPUT_TTL: '1h',
    });

    expect(result.code).toBe(0);
    expect(result.log.split('\n').slice(0, 2)).toEqual([
      '::add-mask::user=svc-deploy',
      '::add-mask::password=100%250A-example',
    ]);
    const { link = '', 'manage-link': manage = '' } = result.outputs;
    expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{22}#/);
    expect(manage).toMatch(/\/m\/[A-Za-z0-9_-]{22}#/);
    expect(result.log).toContain(`::add-mask::${link}`);
    expect(result.log).toContain(`::add-mask::${manage}`);
    for (const shown of [link, manage, 'svc-deploy', '100%0A-example']) {
      expect(visible(result.log)).not.toContain(shown);
    }
    expect(await getWithBundle(link)).toMatchObject({ code: 0, stdout: secret });
    expect((await getWithBundle(link)).code).toBe(3);
  });

  it('with as-file, shares a binary file as a file: no line masked, back byte for byte under --out', async () => {
    const bytes = randomBytes(300_000);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'secretsentry-asfile-')), 'backup.tar');
    writeFileSync(file, bytes);

    const result = await runAction('share-secret', {
      INPUT_FILE: file,
      INPUT_AS_FILE: 'true',
      INPUT_API_URL: stack.api,
    });

    expect(result.code).toBe(0);
    const { link = '' } = result.outputs;
    expect(result.log.split('\n').filter((l) => l.startsWith('::add-mask::'))).toHaveLength(2);
    const out = path.join(path.dirname(file), 'received.tar');
    expect((await runCli(['get', link, '--out', out], { entry: BUNDLE })).code).toBe(0);
    expect(readFileSync(out)).toEqual(bytes);
  });

  it('refuses as-file without a file, and anything but true or false', async () => {
    const noFile = await runAction('share-secret', {
      INPUT_ENV_VAR: 'TOKEN_FOR_TEST',
      TOKEN_FOR_TEST: 'x',
      INPUT_AS_FILE: 'true',
    });
    expect(noFile.code).not.toBe(0);
    expect(noFile.log).toContain('as-file: true shares the file given in file.');
    const bad = await runAction('share-secret', {
      INPUT_FILE: secretFile('x'),
      INPUT_AS_FILE: 'yes',
    });
    expect(bad.code).not.toBe(0);
    expect(bad.log).toContain('as-file is true or false.');
  });

  it('shares the variable env-var names, exact bytes, with its passphrase, and puts no secret, passphrase or link in argv', async () => {
    const token = 'token-line-1\ntoken-line-2\n';

    const result = await runAction('share-secret', {
      INPUT_ENV_VAR: 'VENDOR_TOKEN',
      VENDOR_TOKEN: token,
      SECRETSENTRY_PASSPHRASE: PASSPHRASE,
      SECRETSENTRY_API_URL: stack.api,
    });

    expect(result.code).toBe(0);
    expect(result.log).toContain(masksOf(PASSPHRASE)[0]);
    expect(result.argv).toContain(' share ');
    for (const secret of ['token-line', PASSPHRASE, result.outputs.link ?? '?']) {
      expect(result.argv).not.toContain(secret);
    }
    expect(
      await getWithBundle(result.outputs.link ?? '', { SECRETSENTRY_PASSPHRASE: PASSPHRASE }),
    ).toMatchObject({ code: 0, stdout: token });
  });

  it('with mask-link false and a passphrase, leaves only the link unmasked, for a job output', async () => {
    const passphraseFile = secretFile(`${PASSPHRASE}\n`);

    const result = await runAction('share-secret', {
      INPUT_FILE: secretFile('generated-password-example'),
      INPUT_PASSPHRASE_FILE: passphraseFile,
      INPUT_MASK_LINK: 'false',
      INPUT_API_URL: stack.api,
    });

    expect(result.code).toBe(0);
    expect(result.log).not.toContain(`::add-mask::${result.outputs.link}`);
    expect(result.log).toContain(`::add-mask::${result.outputs['manage-link']}`);
    expect(result.log).toContain(`::add-mask::${PASSPHRASE}`);
  });

  it.each<[string, Record<string, string>]>([
    ['both file and env-var', { INPUT_FILE: '/etc/hostname', INPUT_ENV_VAR: 'HOME' }],
    ['neither file nor env-var', {}],
    ['a value where env-var wants a name', { INPUT_ENV_VAR: 'hunter2 is the password' }],
    ['env-var naming an unset variable', { INPUT_ENV_VAR: 'NOT_SET_ANYWHERE' }],
    [
      'mask-link false without a passphrase',
      { INPUT_FILE: '/etc/hostname', INPUT_MASK_LINK: 'false' },
    ],
  ])('fails with usage (2) and outputs nothing given %s', async (_, env) => {
    const result = await runAction('share-secret', { INPUT_API_URL: stack.api, ...env });

    expect(result.code).toBe(2);
    expect(result.outputs).toEqual({});
    expect(result.log).not.toContain('hunter2');
  });
});

describe('receive-secret (receive.sh, the committed bundle, the local stack)', () => {
  async function share(secret: string, env: Record<string, string> = {}): Promise<string> {
    const shared = await runCli(['share', '--file', '-'], {
      stdin: secret,
      env: { SECRETSENTRY_API_URL: stack.api, ...env },
      entry: BUNDLE,
    });
    expect(shared.code).toBe(0);
    return shared.stdout.trim();
  }

  it('masks the link first, then writes the secret to a 0600 file, exact bytes, the link never in argv', async () => {
    const secret = 'db-password-example\n';
    const link = await share(secret);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'secretsentry-out-')), 'db-password');

    const result = await runAction('receive-secret', { SECRETSENTRY_LINK: link, INPUT_FILE: out });

    expect(result.code).toBe(0);
    expect(result.log.split('\n')[0]).toBe(`::add-mask::${link}`);
    expect(result.log).toContain('::add-mask::db-password-example');
    expect(readFileSync(out, 'utf8')).toBe(secret);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(result.argv).toContain('get -');
    expect(result.argv).not.toContain(link.slice(link.indexOf('#')));
    expect(visible(result.log)).not.toContain('db-password-example');
  });

  it('exports a multi-line secret as a masked variable that no line of it can end early, and leaves no file', async () => {
    const secret = 'first line\nEOF\nSECRETSENTRY_\n\n  last line with a trailing newline\n';
    const link = await share(secret);

    const result = await runAction('receive-secret', {
      SECRETSENTRY_LINK: link,
      INPUT_ENV_VAR: 'DB_PASSWORD',
    });

    expect(result.code).toBe(0);
    expect(result.env).toEqual({ DB_PASSWORD: secret });
    const masks = result.log.split('\n').filter((l) => l.startsWith('::add-mask::'));
    expect(masks).toEqual([`::add-mask::${link}`, ...masksOf(secret)]);
    expect(readdirSync(result.runnerTemp).sort()).toEqual(['argv', 'env', 'output']);
  });

  it('opens a link handed over between jobs: unmasked by share-secret, opened with the shared passphrase', async () => {
    const shared = await runAction('share-secret', {
      INPUT_FILE: secretFile('handed-over-example'),
      INPUT_MASK_LINK: 'false',
      SECRETSENTRY_PASSPHRASE: PASSPHRASE,
      INPUT_API_URL: stack.api,
    });
    const link = shared.outputs.link ?? '';

    const wrong = await runAction('receive-secret', {
      SECRETSENTRY_LINK: link,
      SECRETSENTRY_PASSPHRASE: 'not the passphrase',
      INPUT_ENV_VAR: 'HANDED_OVER',
    });
    const right = await runAction('receive-secret', {
      SECRETSENTRY_LINK: link,
      SECRETSENTRY_PASSPHRASE: PASSPHRASE,
      INPUT_ENV_VAR: 'HANDED_OVER',
    });

    expect(wrong.code).toBe(4);
    expect(wrong.env).toEqual({});
    expect(right.code).toBe(0);
    expect(right.env).toEqual({ HANDED_OVER: 'handed-over-example' });
    expect(right.log).toContain(`::add-mask::${PASSPHRASE}`);
  });

  it('fails without a link (2) and on a link already read (3), exporting nothing', async () => {
    const link = await share('read-once-example');
    await getWithBundle(link);

    const none = await runAction('receive-secret', { INPUT_ENV_VAR: 'X' });
    const used = await runAction('receive-secret', { SECRETSENTRY_LINK: link, INPUT_ENV_VAR: 'X' });

    expect([none.code, used.code]).toEqual([2, 3]);
    expect([none.env, used.env]).toEqual([{}, {}]);
  });
});

describe('the actions take no secret as an input', () => {
  // The runner prints a step's inputs in the log before any mask applies: every input is a path,
  // a variable's name, a number, a duration, a URL or a switch; secrets come through env or files.
  const NOT_SECRET: Record<string, string[]> = {
    'share-secret': [
      'api-url',
      'as-file',
      'env-var',
      'file',
      'mask-link',
      'page-url',
      'passphrase-file',
      'reads',
      'ttl',
    ],
    'receive-secret': ['env-var', 'file', 'passphrase-file'],
  };

  it.each(Object.entries(NOT_SECRET))('%s', (action, inputs) => {
    const yml = readFileSync(path.join(ACTIONS, action, 'action.yml'), 'utf8');
    const declared = parse(yml) as { inputs: Record<string, unknown> };

    expect(Object.keys(declared.inputs).sort()).toEqual(inputs);
    // Nor does any step of it read a secret from a context the runner would print.
    expect(yml).not.toMatch(/\$\{\{\s*(secrets|env)\./);
  });
});

// ---------------------------------------------------------------------------------------------
// The examples in the documents, which people copy: each must be safe exactly as written.

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  outputs?: Record<string, string>;
  steps: Step[];
}
interface Writer {
  readonly file: string;
  readonly writer: Step | undefined;
}
interface Example {
  readonly title: string;
  readonly workflow: { jobs: Record<string, Job> };
}

const DOCUMENTS = [
  'README.md',
  'docs/cli.md',
  '.github/actions/share-secret/README.md',
  '.github/actions/receive-secret/README.md',
];

/** The YAML blocks that use the actions; a list of steps is wrapped into a workflow. */
function examples(): Example[] {
  return DOCUMENTS.flatMap((doc) =>
    [...readFileSync(path.join(ROOT, doc), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .filter((text) => /(share|receive)-secret/.test(text))
      .map((text, i) => {
        const parsed = parse(text) as Step[] | Example['workflow'];
        const workflow = Array.isArray(parsed)
          ? {
              on: 'workflow_dispatch',
              permissions: {},
              jobs: { example: { 'runs-on': 'ubuntu-latest', steps: parsed } },
            }
          : parsed;
        return { title: `${doc} #${i + 1}`, workflow };
      }),
  );
}

const ACTION_REF =
  /^(?:\.\/|<owner>\/<repo>\/)\.github\/actions\/(share-secret|receive-secret)(?:@<full-commit-sha>)?$/;
const actionOf = (step: Step) => ACTION_REF.exec(step.uses ?? '')?.[1];
const inputsOf = (action: string) =>
  Object.keys(
    (
      parse(readFileSync(path.join(ACTIONS, action, 'action.yml'), 'utf8')) as {
        inputs: Record<string, unknown>;
      }
    ).inputs,
  );
const fromSecret = (value: string | undefined) =>
  /^\$\{\{\s*secrets\.\w+\s*\}\}$/.test(value ?? '');
const hasPassphrase = (step: Step) =>
  fromSecret(step.env?.SECRETSENTRY_PASSPHRASE) || Boolean(step.with?.['passphrase-file']);

describe('documented examples', () => {
  const all = examples();
  const steps = all.flatMap((e) =>
    Object.values(e.workflow.jobs).flatMap((job) =>
      job.steps.filter((s) => s.uses?.includes('/.github/actions/')).map((step) => ({ e, step })),
    ),
  );

  it('exist in every document that describes the actions', () => {
    for (const doc of DOCUMENTS) expect(all.some((e) => e.title.startsWith(doc))).toBe(true);
    for (const e of all) expect(steps.some((s) => s.e === e)).toBe(true);
  });

  it.each<[string, Example]>(all.map((e) => [e.title, e]))(
    '%s: actionlint and action-validator accept it',
    async (_, e) => {
      const file = path.join(
        mkdtempSync(path.join(tmpdir(), 'secretsentry-example-')),
        'example.yml',
      );
      writeFileSync(file, stringify(e.workflow));

      expect(await actionlint(readFileSync(file, 'utf8'), file)).toEqual([]);
      expect(await actionValidator(file)).toEqual({ code: 0, output: '' });
    },
  );

  it.each<[string, string, Step]>(steps.map(({ e, step }) => [e.title, step.uses ?? '', step]))(
    '%s: %s gets only literals and paths in with:, secrets only through env:',
    (_, __, step) => {
      const action = actionOf(step);
      expect(action).toBeDefined();
      expect(inputsOf(action ?? '')).toEqual(expect.arrayContaining(Object.keys(step.with ?? {})));
      for (const value of Object.values(step.with ?? {})) {
        expect(String(value).replace(/\$\{\{\s*runner\.temp\s*\}\}/g, '')).not.toContain('${{');
      }
      if (typeof step.with?.['env-var'] === 'string' && action === 'share-secret') {
        expect(fromSecret(step.env?.[step.with['env-var']])).toBe(true);
      }
      if (action === 'receive-secret') {
        expect(step.env?.SECRETSENTRY_LINK).toMatch(
          /^\$\{\{\s*(secrets\.\w+|needs\.[\w-]+\.outputs\.[\w-]+)\s*\}\}$/,
        );
      }
    },
  );

  it('hand a link to another job only unmasked on purpose and with a passphrase, on both sides', () => {
    const handoffs = all.flatMap((e) =>
      Object.entries(e.workflow.jobs).flatMap(([jobId, job]) =>
        Object.values(job.outputs ?? {}).map((value) => {
          const id = /steps\.([\w-]+)\.outputs\.link/.exec(value)?.[1];
          const step = job.steps.find((s) => s.id === id);
          const readers = Object.values(e.workflow.jobs).flatMap((j) =>
            j.steps.filter((s) => s.env?.SECRETSENTRY_LINK?.includes(`needs.${jobId}.outputs.`)),
          );
          return { step, readers };
        }),
      ),
    );

    expect(handoffs.length).toBeGreaterThanOrEqual(1);
    for (const { step, readers } of handoffs) {
      expect(step && actionOf(step)).toBe('share-secret');
      expect(step?.with?.['mask-link']).toBe(false);
      expect(step && hasPassphrase(step)).toBe(true);
      expect(readers.length).toBeGreaterThanOrEqual(1);
      for (const reader of readers) expect(hasPassphrase(reader)).toBe(true);
    }
  });

  // The step that makes the secret file share-secret reads, run as the runner would run it.
  const writers = steps.flatMap(({ e, step }) => {
    const file = step.with?.file;
    if (actionOf(step) !== 'share-secret' || typeof file !== 'string') return [];
    const job = Object.values(e.workflow.jobs).find((j) => j.steps.includes(step));
    const name = path.basename(file);
    const writer = job?.steps.find((s) => s.run?.includes(`$RUNNER_TEMP/${name}`));
    return [[e.title, writer?.name ?? '(none)', { file, writer }] as [string, string, Writer]];
  });

  it.each<[string, string, Writer]>(writers)(
    '%s: "%s" masks the secret before anything else and leaves it readable by its owner only',
    async (_, __, { file, writer }) => {
      expect(writer?.run).toBeDefined();
      const runnerTemp = mkdtempSync(path.join(tmpdir(), 'secretsentry-runner-'));
      // A stand-in for openssl, so the test needs none; any other generator runs as it is.
      const bin = path.join(runnerTemp, 'bin');
      mkdirSync(bin);
      writeFileSync(path.join(bin, 'openssl'), '#!/bin/sh\necho generated-example-value\n');
      chmodSync(path.join(bin, 'openssl'), 0o755);
      const script = path.join(runnerTemp, 'step.sh');
      writeFileSync(script, writer?.run ?? '');

      const log = await new Promise<string>((resolve, reject) => {
        // A runner's umask (022) lets everyone read a new file: the step itself must narrow it.
        const command = 'umask 022 && exec bash --noprofile --norc -eo pipefail "$0"';
        const child = spawn('bash', ['--noprofile', '--norc', '-c', command, script], {
          env: { PATH: `${bin}:${process.env.PATH ?? ''}`, RUNNER_TEMP: runnerTemp },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(out))));
      });

      const written = file.replace(/\$\{\{\s*runner\.temp\s*\}\}/, runnerTemp);
      const secret = readFileSync(written, 'utf8');
      expect(masksOf(secret).length).toBeGreaterThan(0);
      expect(log.split('\n').slice(0, masksOf(secret).length)).toEqual(masksOf(secret));
      for (const line of secret.split('\n').filter((l) => l.trim())) {
        expect(visible(log)).not.toContain(line.trim());
      }
      expect(statSync(written).mode & 0o077).toBe(0);
    },
  );
});
