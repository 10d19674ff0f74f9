// The GitHub workflows, actions and Dependabot config: validated by real linters, the properties the
// pipeline's security rests on pinned (job graph, environments, OIDC-only permissions, one assembly
// deployed everywhere, no install scripts where credentials exist, SHA-pinned Node 24 actions), and
// the shell steps that decide what gets deployed run for real: in a real git history, with
// stand-ins for npx and node that record how they were called.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { actionValidator, actionlint } from './lint-actions.ts';
import { ROOT } from './run-cli.ts';

const GITHUB = path.join(ROOT, '.github');
const WORKFLOWS = readdirSync(path.join(GITHUB, 'workflows'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => path.join(GITHUB, 'workflows', f));
// Every folder with an action.yml (actions/lib holds the scripts the secret actions share).
const ACTION_DIRS = readdirSync(path.join(GITHUB, 'actions')).filter((d) =>
  existsSync(path.join(GITHUB, 'actions', d, 'action.yml')),
);
const ACTIONS = ACTION_DIRS.map((d) => path.join(GITHUB, 'actions', d, 'action.yml'));
const STAGES = ['dev', 'staging', 'prod'] as const;
/** The jobs that get AWS credentials, and the GitHub environment each runs in. */
const AWS_JOBS: Record<string, string> = {
  dev: 'dev',
  staging: 'staging',
  plan: 'prod-plan',
  prod: 'prod',
};
const DEPLOY_STAGE = './.pipeline/.github/actions/deploy-stage';
const PICKED = '${{ needs.commit.outputs.sha }}';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  name?: string;
  if?: string;
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string>;
  uses?: string;
  with?: Record<string, unknown>;
  'timeout-minutes'?: number;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, { inputs?: Record<string, Input>; branches?: string[] } | null>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean | string };
  jobs: Record<string, Job>;
}
interface Input {
  type?: string;
  required?: boolean;
  default?: string;
}
interface Action {
  inputs: Record<string, Input>;
  runs: { steps: Step[] };
}

const read = (file: string) => readFileSync(file, 'utf8');
const workflow = (name: string) => parse(read(path.join(GITHUB, 'workflows', name))) as Workflow;
const action = (name: string) =>
  parse(read(path.join(GITHUB, 'actions', name, 'action.yml'))) as Action;
const needsOf = (job: Job | undefined): string[] =>
  job?.needs === undefined ? [] : typeof job.needs === 'string' ? [job.needs] : job.needs;
const stepsOf = (job: Job | undefined): Step[] => job?.steps ?? [];
const usesAction = (s: Step, name: string) => s.uses?.startsWith(`${name}@`) ?? false;

/** Every job `name` waits for, directly or through others. */
function upstream(wf: Workflow, name: string): Set<string> {
  const seen = new Set<string>();
  const visit = (job: string) => {
    for (const n of needsOf(wf.jobs[job])) {
      if (!seen.has(n)) {
        seen.add(n);
        visit(n);
      }
    }
  };
  visit(name);
  return seen;
}

interface StepRun {
  readonly code: number | null;
  readonly log: string;
  readonly output: string;
  readonly summary: string;
  /** One line per argument of each stand-in call, in order. */
  readonly calls: string;
}

/**
 * Runs a step's script as the runner does on Linux, in `cwd`, with stand-ins for `npx` and `node`
 * that log their arguments first on PATH.
 */
function runStep(
  step: Step | undefined,
  cwd: string,
  env: Record<string, string> = {},
  standIn = 'exit 0',
): StepRun {
  if (!step?.run) throw new Error('no such step');
  const runner = mkdtempSync(path.join(tmpdir(), 'secretsentry-runner-'));
  const bin = path.join(runner, 'bin');
  mkdirSync(bin);
  for (const tool of ['npx', 'node']) {
    writeFileSync(
      path.join(bin, tool),
      `#!/bin/sh\nprintf '%s\\n' ${tool} "$@" >> "$CALLS"\n${standIn}\n`,
    );
    chmodSync(path.join(bin, tool), 0o755);
  }
  const files = { GITHUB_OUTPUT: 'output', GITHUB_STEP_SUMMARY: 'summary', CALLS: 'calls' };
  for (const f of Object.values(files)) writeFileSync(path.join(runner, f), '');
  const script = path.join(runner, 'step.sh');
  writeFileSync(script, step.run);
  // The runner's own command lines for `shell: bash` and for no shell (bash where there is one).
  const flags: Record<string, string[]> = {
    bash: ['--noprofile', '--norc', '-eo', 'pipefail'],
    '': ['-e'],
  };
  const shell = flags[step.shell ?? ''];
  if (!shell) throw new Error(`runStep runs bash steps only, not ${step.shell}`);
  const result = spawnSync('bash', [...shell, script], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      HOME: runner,
      RUNNER_TEMP: runner,
      GITHUB_REF: 'refs/heads/main',
      ...Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(runner, f)])),
      ...env,
    },
  });
  const file = (f: string) => read(path.join(runner, f));
  return {
    code: result.status,
    log: result.stdout + result.stderr,
    output: file('output'),
    summary: file('summary'),
    calls: file('calls'),
  };
}

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'ci',
      GIT_AUTHOR_EMAIL: 'ci@example.com',
      GIT_COMMITTER_NAME: 'ci',
      GIT_COMMITTER_EMAIL: 'ci@example.com',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
    },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * A checkout of main: a, b, c and a merge of `side` (one commit, s), which main then holds but never
 * had as its head. Made once: the steps run in it only read it.
 */
let history: ReturnType<typeof makeHistory> | undefined;
const mainHistory = () => (history ??= makeHistory());
function makeHistory() {
  const repo = mkdtempSync(path.join(tmpdir(), 'secretsentry-repo-'));
  git(repo, 'init', '-q', '-b', 'main');
  const commit = (m: string) => {
    git(repo, 'commit', '-q', '--allow-empty', '-m', m);
    return git(repo, 'rev-parse', 'HEAD');
  };
  const a = commit('a');
  const b = commit('b');
  git(repo, 'checkout', '-q', '-b', 'side');
  const s = commit('s');
  git(repo, 'checkout', '-q', 'main');
  const c = commit('c');
  git(repo, 'merge', '-q', '--no-ff', '-m', 'merge side', 'side');
  return { repo, a, b, c, s, head: git(repo, 'rev-parse', 'HEAD') };
}

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

  it('actionlint does catch an output deploy.yml reads from a job that does not have it', async () => {
    const file = path.join(GITHUB, 'workflows', 'deploy.yml');
    const broken = read(file).replaceAll('needs.commit.outputs.sha', 'needs.commit.outputs.commit');

    expect(await actionlint(broken, file)).not.toEqual([]);
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
  const pick = stepsOf(deploy.jobs.commit).find((s) => s.id === 'pick');

  it('runs on pushes to main, and by hand with at most a commit', () => {
    expect(deploy.on.push).toEqual({ branches: ['main'] });
    expect(Object.keys(deploy.on.workflow_dispatch?.inputs ?? {})).toEqual(['commit']);
    expect(deploy.on.workflow_dispatch?.inputs?.commit).toMatchObject({
      type: 'string',
      required: false,
    });
  });

  it('fails a run started from any branch but main before anything else', () => {
    const [guard] = stepsOf(deploy.jobs.commit);
    const dir = mkdtempSync(path.join(tmpdir(), 'secretsentry-guard-'));

    expect(guard?.if).toBe("github.ref != 'refs/heads/main'");
    expect(runStep(guard, dir).code).not.toBe(0);
  });

  it('deploys the head of main when no commit is given', () => {
    const { repo, head } = mainHistory();

    const run = runStep(pick, repo, { REQUESTED: '' });

    expect(run.code).toBe(0);
    expect(run.output).toBe(`sha=${head}\n`);
  });

  it('deploys an earlier head of main given by hand (a rollback)', () => {
    const { repo, b, c } = mainHistory();

    for (const sha of [b, c]) {
      const run = runStep(pick, repo, { REQUESTED: sha });

      expect(run.code).toBe(0);
      expect(run.output).toBe(`sha=${sha}\n`);
    }
  });

  it('refuses a commit that was never the head of main, even one that main merged', () => {
    const { repo, s } = mainHistory();
    const elsewhere = 'f'.repeat(40);

    for (const sha of [s, elsewhere]) {
      const run = runStep(pick, repo, { REQUESTED: sha });

      expect(run.code).not.toBe(0);
      expect(run.output).toBe('');
    }
  });

  it('refuses anything but a full lower-case SHA: no short SHA, branch, tag or shell', () => {
    const { repo, b } = mainHistory();

    for (const requested of [b.slice(0, 12), b.toUpperCase(), 'main', 'HEAD~1', '$(id)', `${b} `]) {
      const run = runStep(pick, repo, { REQUESTED: requested });

      expect(run.code).not.toBe(0);
      expect(run.output).toBe('');
    }
  });

  it('reads the requested commit from the environment, never from an expression in the script', () => {
    expect(pick?.env).toEqual({ REQUESTED: '${{ inputs.commit }}' });
    for (const job of Object.values(deploy.jobs)) {
      for (const s of stepsOf(job)) expect(s.run ?? '').not.toMatch(/\$\{\{/);
    }
  });

  it('gates every AWS job on the whole of ci.yml, run on the commit being deployed', () => {
    expect(deploy.jobs.ci?.uses).toBe('./.github/workflows/ci.yml');
    expect(deploy.jobs.ci?.with).toEqual({ commit: PICKED });
    expect(needsOf(deploy.jobs.ci)).toEqual(['commit']);
    for (const job of Object.keys(AWS_JOBS)) expect(upstream(deploy, job)).toContain('ci');
    // A job condition (`if: always()`, `!cancelled()`) could run a job whose needs failed.
    for (const [job, spec] of Object.entries(deploy.jobs))
      expect([job, spec.if]).toEqual([job, undefined]);
  });

  it('calls ci.yml with the inputs it declares, and every required one', () => {
    const declared = workflow('ci.yml').on.workflow_call?.inputs ?? {};
    const given = Object.keys(deploy.jobs.ci?.with ?? {});

    for (const name of given) expect(Object.keys(declared)).toContain(name);
    for (const [name, input] of Object.entries(declared)) {
      if (input.required) expect(given).toContain(name);
    }
  });

  it('promotes dev -> staging -> prod, and prod only after its diff', () => {
    expect(Object.keys(deploy.jobs).sort()).toEqual(
      ['ci', 'commit', ...Object.keys(AWS_JOBS)].sort(),
    );
    expect(needsOf(deploy.jobs.staging)).toContain('dev');
    expect(needsOf(deploy.jobs.prod)).toContain('staging');
    expect(needsOf(deploy.jobs.prod)).toContain('plan');
    expect(upstream(deploy, 'dev')).not.toContain('staging');
    expect(upstream(deploy, 'plan')).not.toContain('prod');
  });

  it('runs each AWS job in the GitHub environment of its stage, and no other job in any', () => {
    for (const [job, spec] of Object.entries(deploy.jobs)) {
      expect([job, spec.environment]).toEqual([job, AWS_JOBS[job]]);
    }
  });

  it('grants nothing by default, and id-token only to the jobs in an environment', () => {
    expect(deploy.permissions).toEqual({});
    for (const [job, spec] of Object.entries(deploy.jobs)) {
      const expected = AWS_JOBS[job]
        ? { contents: 'read', 'id-token': 'write' }
        : { contents: 'read' };
      expect([job, spec.permissions]).toEqual([job, expected]);
    }
  });

  it('never cancels a deploy halfway', () => {
    expect(deploy.concurrency).toEqual({ group: 'deploy', 'cancel-in-progress': false });
  });

  it('checks out the picked commit, and the deploy steps from the run’s own commit', () => {
    for (const job of Object.keys(AWS_JOBS)) {
      const steps = stepsOf(deploy.jobs[job]);
      const checkouts = steps.filter((s) => usesAction(s, 'actions/checkout'));
      const deployStep = steps.findIndex((s) => s.uses === DEPLOY_STAGE);

      expect(checkouts.map((s) => s.with)).toEqual([
        { ref: PICKED, 'persist-credentials': false },
        {
          ref: '${{ github.sha }}',
          path: '.pipeline',
          'sparse-checkout': '.github/actions/deploy-stage',
          'persist-credentials': false,
        },
      ]);
      expect(deployStep).toBe(steps.length - 1);
    }
  });

  it('deploys exactly the stage of each job with its environment’s role, region and account', () => {
    for (const stage of STAGES) {
      const step = stepsOf(deploy.jobs[stage]).find((s) => s.uses === DEPLOY_STAGE);

      expect(step?.with).toEqual({
        stage,
        'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}',
        'aws-region': '${{ vars.AWS_REGION }}',
        'aws-account-id': '${{ vars.AWS_ACCOUNT_ID }}',
        'alarm-email': '${{ vars.ALARM_EMAIL }}',
      });
    }
  });

  it('diffs prod, and only diffs it, in the plan job', () => {
    const step = stepsOf(deploy.jobs.plan).find((s) => s.uses === DEPLOY_STAGE);

    expect(step?.with).toEqual({
      stage: 'prod',
      mode: 'diff',
      'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}',
      'aws-region': '${{ vars.AWS_REGION }}',
      'aws-account-id': '${{ vars.AWS_ACCOUNT_ID }}',
    });
  });

  it('gives the deploy-stage action only inputs it declares, and every required one', () => {
    const declared = action('deploy-stage').inputs;
    for (const job of Object.keys(AWS_JOBS)) {
      const given = Object.keys(
        stepsOf(deploy.jobs[job]).find((s) => s.uses === DEPLOY_STAGE)?.with ?? {},
      );
      for (const name of given)
        expect([job, Object.keys(declared)]).toEqual([job, expect.arrayContaining([name])]);
      for (const [name, input] of Object.entries(declared)) {
        if (input.required) expect([job, given]).toEqual([job, expect.arrayContaining([name])]);
      }
    }
  });
});

describe('deploy-stage action', () => {
  const { inputs, runs } = action('deploy-stage');
  const steps = runs.steps;
  const index = (pred: (s: Step) => boolean) => steps.findIndex(pred);
  const named = (prefix: string) => steps.find((s) => s.name?.startsWith(prefix));
  const install = index((s) => s.run?.includes('npm ci') ?? false);
  const download = index((s) => usesAction(s, 'actions/download-artifact'));
  const oidc = index((s) => usesAction(s, 'aws-actions/configure-aws-credentials'));
  const deployStep = named('Deploy SecretSentry-');
  const doctorStep = named('Doctor SecretSentry-');
  const diffStep = named('Diff SecretSentry-');
  const workspace = () => mkdtempSync(path.join(tmpdir(), 'secretsentry-workspace-'));

  it('installs without lifecycle scripts, and before the credentials', () => {
    const installs = steps.flatMap((s) => s.run?.match(/\bnpm (ci|install|i)\b[^|]*/g) ?? []);

    expect(installs).toHaveLength(2); // npm ci, and npm install when npm ci rejects the lockfile
    for (const command of installs) expect(command).toContain('--ignore-scripts');
    expect(steps.some((s) => /\bnpm (run|test|start|exec)\b/.test(s.run ?? ''))).toBe(false);
    expect(install).toBeGreaterThanOrEqual(0);
    expect(install).toBeLessThan(oidc);
  });

  it('sets up Node 24 without an npm cache other runs could have written', () => {
    const setup = steps.find((s) => usesAction(s, 'actions/setup-node'));

    expect(setup?.with).toEqual({ 'node-version': 24, 'package-manager-cache': false });
  });

  it('deploys the assembly ci.yml uploaded, downloaded before the credentials', () => {
    const synth = stepsOf(workflow('ci.yml').jobs.synth);
    const upload = synth.find((s) => usesAction(s, 'actions/upload-artifact'));

    expect(steps[download]?.with).toEqual({
      name: '${{ inputs.assembly-artifact }}',
      path: 'cdk.out',
    });
    expect(inputs['assembly-artifact']?.default).toBe(upload?.with?.name);
    expect(download).toBeLessThan(oidc);
  });

  it('refuses credentials for any account but the stage’s', () => {
    expect(steps[oidc]?.with).toMatchObject({
      'role-to-assume': '${{ inputs.role-to-assume }}',
      'aws-region': '${{ inputs.aws-region }}',
      'allowed-account-ids': '${{ inputs.aws-account-id }}',
    });
    expect(inputs['aws-account-id']?.required).toBe(true);
  });

  it('deploys exactly SecretSentry-<stage> from cdk.out, after the credentials', () => {
    const run = runStep(deployStep, workspace(), { STAGE: 'staging', ALARM_EMAIL: '' });

    expect(run.code).toBe(0);
    expect(run.calls.split('\n')).toEqual([
      'npx',
      '--no',
      '--',
      'cdk',
      'deploy',
      '--app',
      'cdk.out',
      'SecretSentry-staging',
      '--exclusively',
      '--require-approval',
      'never',
      '--ci',
      '--progress',
      'events',
      '',
    ]);
    expect(deployStep?.env?.STAGE).toBe('${{ inputs.stage }}');
    expect(steps.indexOf(deployStep ?? {})).toBeGreaterThan(oidc);
  });

  it('passes the alarm e-mail as the stack parameter only when one is given', () => {
    const run = runStep(deployStep, workspace(), {
      STAGE: 'prod',
      ALARM_EMAIL: 'ops@example.com',
    });

    expect(run.code).toBe(0);
    expect(run.calls).toContain('--parameters\nSecretSentry-prod:AlarmEmail=ops@example.com\n');
  });

  it('fails the job when the deploy fails', () => {
    const run = runStep(deployStep, workspace(), { STAGE: 'dev', ALARM_EMAIL: '' }, 'exit 1');

    expect(run.code).not.toBe(0);
  });

  it('runs the committed CLI’s doctor on the same stage after the deploy', () => {
    const run = runStep(doctorStep, workspace(), { STAGE: 'staging' });

    expect(run.calls).toBe('node\npackages/cli/dist/cli.js\ndoctor\n--stage\nstaging\n');
    expect(doctorStep?.env?.STAGE).toBe('${{ inputs.stage }}');
    expect(steps.indexOf(doctorStep ?? {})).toBeGreaterThan(steps.indexOf(deployStep ?? {}));
  });

  it('deploys and doctors in deploy mode only, and diffs in diff mode only', () => {
    expect(deployStep?.if).toBe("inputs.mode == 'deploy'");
    expect(doctorStep?.if).toBe("inputs.mode == 'deploy'");
    expect(diffStep?.if).toBe("inputs.mode == 'diff'");
    expect(inputs.mode?.default).toBe('deploy');
  });

  describe('checks its inputs first', () => {
    const check = named('Check the inputs');
    const good = {
      STAGE: 'prod',
      MODE: 'diff',
      ROLE: 'arn:aws:iam::111122223333:role/SecretSentryPlan-prod',
      REGION: 'eu-west-1',
      ACCOUNT: '111122223333',
    };
    const verdict = (env: Partial<typeof good>) =>
      runStep(check, workspace(), { ...good, ...env }).code;

    it('accepts a stage, a mode and an environment that fit together', () => {
      expect(verdict({})).toBe(0);
      expect(steps.indexOf(check ?? {})).toBe(0);
      expect(check?.env).toEqual({
        STAGE: '${{ inputs.stage }}',
        MODE: '${{ inputs.mode }}',
        ROLE: '${{ inputs.role-to-assume }}',
        REGION: '${{ inputs.aws-region }}',
        ACCOUNT: '${{ inputs.aws-account-id }}',
      });
    });

    it('refuses a stage or mode it does not know', () => {
      expect(verdict({ STAGE: 'production' })).not.toBe(0);
      expect(verdict({ MODE: 'destroy' })).not.toBe(0);
    });

    it('refuses a missing account, which would turn the account check off', () => {
      // Each with a role that names the same account, so only the account check stands in the way.
      for (const account of ['', '1111-2222-3333']) {
        const role = `arn:aws:iam::${account}:role/SecretSentryPlan-prod`;
        expect(verdict({ ACCOUNT: account, ROLE: role })).not.toBe(0);
      }
    });

    it('refuses a role of another account, and a missing region', () => {
      expect(verdict({ ROLE: 'arn:aws:iam::444455556666:role/SecretSentryPlan-prod' })).not.toBe(0);
      expect(verdict({ ROLE: '' })).not.toBe(0);
      expect(verdict({ REGION: '' })).not.toBe(0);
    });
  });

  it('refuses an assembly without the stage’s stack', () => {
    const check = named('Check the assembly holds');
    const dir = workspace();
    mkdirSync(path.join(dir, 'cdk.out'));
    writeFileSync(path.join(dir, 'cdk.out', 'manifest.json'), '{}');
    writeFileSync(path.join(dir, 'cdk.out', 'SecretSentry-dev.template.json'), '{}');

    expect(runStep(check, dir, { STAGE: 'dev' }).code).toBe(0);
    expect(runStep(check, dir, { STAGE: 'prod' }).code).not.toBe(0);
  });

  it('writes the template diff of the stage to the job summary, read-only', () => {
    const { repo, head } = mainHistory();

    const run = runStep(diffStep, repo, { STAGE: 'prod' }, 'echo "[~] AWS::Lambda::Function Api"');

    expect(run.code).toBe(0);
    expect(run.calls.split('\n').slice(0, 9)).toEqual([
      'npx',
      '--no',
      '--',
      'cdk',
      'diff',
      '--app',
      'cdk.out',
      'SecretSentry-prod',
      '--exclusively',
    ]);
    expect(run.calls).toContain('--method\ntemplate\n');
    expect(run.summary).toContain('cdk diff of SecretSentry-prod');
    expect(run.summary).toContain(head);
    expect(run.summary).toContain('[~] AWS::Lambda::Function Api');
  });

  it('fails the plan when the diff cannot be made, so prod is never approved blind', () => {
    const { repo } = mainHistory();

    const run = runStep(diffStep, repo, { STAGE: 'prod' }, 'echo AccessDenied; exit 1');

    expect(run.code).not.toBe(0);
  });
});

describe('ci.yml', () => {
  const ci = workflow('ci.yml');
  const jobs = Object.values(ci.jobs);
  const runs = jobs.flatMap((j) => stepsOf(j).map((s) => s.run ?? ''));
  const synth = stepsOf(ci.jobs.synth);

  it('runs on pull requests and when deploy.yml calls it, with no AWS access at all', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'workflow_call']);
    expect(ci.permissions).toEqual({});
    for (const job of jobs) expect(job.permissions).toEqual({ contents: 'read' });
    expect(read(path.join(GITHUB, 'workflows', 'ci.yml'))).not.toMatch(/id-token|environment:/);
  });

  it('lints, tests with zsh and fish, runs the browser tests with Debian Chromium and synthesizes every stage', () => {
    for (const command of ['npm run lint', 'npm test', 'npm run test:e2e', 'npm run synth']) {
      expect(runs).toContain(command);
    }
    expect(runs.join('\n')).toMatch(/apt-get install .*chromium/);
    expect(runs.join('\n')).toMatch(/apt-get install .*zsh fish/);
  });

  it('checks out the commit deploy.yml asks for, in every job', () => {
    for (const job of jobs) {
      const checkout = stepsOf(job).find((s) => usesAction(s, 'actions/checkout'));
      expect(checkout?.with).toEqual({ ref: '${{ inputs.commit }}', 'persist-credentials': false });
    }
  });

  it('uploads the synthesized assembly when called, and fails when it is missing', () => {
    const synthIndex = synth.findIndex((s) => s.run === 'npm run synth');
    const uploadIndex = synth.findIndex((s) => usesAction(s, 'actions/upload-artifact'));

    expect(uploadIndex).toBeGreaterThan(synthIndex);
    expect(synth[uploadIndex]?.if).toBe('inputs.commit');
    expect(synth[uploadIndex]?.with).toMatchObject({
      path: 'cdk.out',
      'if-no-files-found': 'error',
    });
  });

  it('refuses an assembly that misses a stage before uploading it', () => {
    const check = synth.find((s) => s.name === 'Check the assembly holds every stage');
    const dir = mkdtempSync(path.join(tmpdir(), 'secretsentry-synth-'));
    mkdirSync(path.join(dir, 'cdk.out'));
    writeFileSync(path.join(dir, 'cdk.out', 'manifest.json'), '{}');
    for (const stage of ['dev', 'staging']) {
      writeFileSync(path.join(dir, 'cdk.out', `SecretSentry-${stage}.template.json`), '{}');
    }

    expect(runStep(check, dir).code).not.toBe(0);
    writeFileSync(path.join(dir, 'cdk.out', 'SecretSentry-prod.template.json'), '{}');
    expect(runStep(check, dir).code).toBe(0);
  });

  it('cancels superseded pull request runs only, never a run deploy.yml called', () => {
    expect(ci.concurrency?.['cancel-in-progress']).toBe(
      "${{ github.event_name == 'pull_request' }}",
    );
  });
});

describe('every workflow and action', () => {
  const files = [...WORKFLOWS, ...ACTIONS];
  const uses = files.flatMap((f) =>
    [...read(f).matchAll(/^\s*-?\s*uses:\s*(\S+)(.*)$/gm)].map((m) => ({
      file: path.relative(ROOT, f),
      ref: m[1] ?? '',
      rest: m[2] ?? '',
    })),
  );
  const remote = uses.filter((u) => !u.ref.startsWith('./'));
  // The first major of each action that runs on Node 24 (`runs.using: node24`), from each
  // action's action.yml and release notes at that tag.
  const NODE24_SINCE: Record<string, number> = {
    'actions/checkout': 5,
    'actions/setup-node': 5,
    'actions/upload-artifact': 6,
    'actions/download-artifact': 7,
    'aws-actions/configure-aws-credentials': 5,
  };

  it('pins every remote action to a full commit SHA with its release in a comment', () => {
    expect(remote.length).toBeGreaterThanOrEqual(5);
    for (const u of remote) {
      expect([u.file, u.ref]).toEqual([
        u.file,
        expect.stringMatching(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/),
      ]);
      expect([u.file, u.rest]).toEqual([u.file, expect.stringMatching(/^\s+# v\d+\.\d+\.\d+$/)]);
    }
  });

  it('uses one SHA and one release per action everywhere', () => {
    const byAction = new Map<string, Set<string>>();
    for (const u of remote) {
      const [name] = u.ref.split('@') as [string];
      byAction.set(name, (byAction.get(name) ?? new Set()).add(`${u.ref}${u.rest}`));
    }
    for (const [name, pins] of byAction) expect([name, pins.size]).toEqual([name, 1]);
  });

  it('runs every remote action on a Node 24 release', () => {
    for (const u of remote) {
      const name = u.ref.split('@')[0] ?? '';
      const major = Number(/# v(\d+)\./.exec(u.rest)?.[1]);
      expect([name, major >= (NODE24_SINCE[name] ?? Infinity)]).toEqual([name, true]);
    }
  });

  it('never leaves the GitHub token in a checkout', () => {
    const checkouts = files.flatMap((f) => {
      const doc = parse(read(f)) as Partial<Workflow & Action>;
      const steps = [
        ...Object.values(doc.jobs ?? {}).flatMap((j) => stepsOf(j)),
        ...(doc.runs?.steps ?? []),
      ];
      return steps.filter((s) => usesAction(s, 'actions/checkout'));
    });

    expect(checkouts.length).toBeGreaterThan(0);
    for (const s of checkouts) expect(s.with?.['persist-credentials']).toBe(false);
  });

  it('gives every job that runs steps a timeout', () => {
    for (const f of WORKFLOWS) {
      for (const [name, job] of Object.entries((parse(read(f)) as Workflow).jobs)) {
        if (job.steps) expect([name, job['timeout-minutes']]).toEqual([name, expect.any(Number)]);
      }
    }
  });

  it('stores no AWS keys: credentials come only from OIDC', () => {
    for (const f of files) {
      expect(read(f)).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
    }
  });
});

describe('dependabot.yml', () => {
  interface Update {
    'package-ecosystem': string;
    directory?: string;
    directories?: string[];
    schedule: { interval: string };
    groups?: Record<string, { patterns?: string[] }>;
  }
  const { version, updates } = parse(read(path.join(GITHUB, 'dependabot.yml'))) as {
    version: number;
    updates: Update[];
  };
  const ecosystem = (name: string) => updates.filter((u) => u['package-ecosystem'] === name);

  it('updates the actions of the workflows and of every composite action, weekly', () => {
    const [actions, ...more] = ecosystem('github-actions');

    expect(version).toBe(2);
    expect(more).toEqual([]);
    expect(actions?.directories?.sort()).toEqual(
      ['/', ...ACTION_DIRS.map((d) => `/.github/actions/${d}`)].sort(),
    );
    expect(actions?.schedule.interval).toBe('weekly');
  });

  it('updates the npm packages weekly, the CDK CLI and library in one group', () => {
    const [npm, ...more] = ecosystem('npm');

    expect(more).toEqual([]);
    expect(npm?.directory).toBe('/');
    expect(npm?.schedule.interval).toBe('weekly');
    expect(npm?.groups?.['aws-cdk']?.patterns).toEqual(
      expect.arrayContaining(['aws-cdk', 'aws-cdk-lib']),
    );
  });

  it('covers every ecosystem it names and no other', () => {
    expect(updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  });
});
