// Cold init of every Lambda against its floor: the import of the deployed bundle (ESM, source maps
// on through the function's own NODE_OPTIONS) in a fresh Node process, over the same for a bundle of
// the bare SDK clients (bench/cold-init-baseline.ts), built through the same CDK construct.
//   node bench/cold-init.ts [rounds = 7]
// Process CPU time (user + system, all threads) of the import is the figure, not wall time: on a
// shared 2-core machine wall time mostly measures the wait for a core, which swings with the other
// load, while the CPU time is the work the import does, and that is what a Lambda's share of a
// vCPU pays for. Wall time is kept in the JSON. Rounds run every bundle once in a shuffled order; the
// ratio is the median of per-round ratios, which cancels slow swings of the machine's load.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  compared,
  formatSection,
  interleave,
  spread,
  type Figure,
  type Section,
} from './figures.ts';
import { bundleLambdas, type LambdaBundle } from './lambda-bundles.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BASELINE = 'bench/cold-init-baseline.ts';
export const COLD_INIT_GOAL = { on: 'ratio', op: '<=', limit: 1.2 } as const;

/** What Lambda's runtime sets and the SDK or Powertools read at start-up; no credentials. */
const RUNTIME_ENVIRONMENT = {
  AWS_REGION: 'eu-west-1',
  AWS_DEFAULT_REGION: 'eu-west-1',
  AWS_LAMBDA_FUNCTION_NAME: 'secretsentry-bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
};

/** Runs in the fresh process: times the import alone, not Node's own start. */
const probe = (file: string) =>
  `const cpu0 = process.cpuUsage(); const t0 = performance.now();
   const m = await import(${JSON.stringify(pathToFileURL(file).href)});
   const wall = performance.now() - t0; const cpu = process.cpuUsage(cpu0);
   if (typeof m.handler !== 'function') throw new Error('no handler export');
   console.log(JSON.stringify({ wall, cpu: (cpu.user + cpu.system) / 1000 }));`;

interface Init {
  readonly wall: number;
  readonly cpu: number;
}

function coldStart(bundle: LambdaBundle): Init {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe(bundle.file)], {
    // Only what Lambda would set: NODE_OPTIONS (--enable-source-maps) comes from the construct.
    env: { ...RUNTIME_ENVIRONMENT, ...bundle.environment },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`${bundle.entry}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Init;
}

const handlerName = (entry: string) => path.basename(path.dirname(entry));

export interface ColdInitOptions {
  readonly rounds: number;
}

export async function coldInit({ rounds }: ColdInitOptions): Promise<Section> {
  const entries = readdirSync(path.join(ROOT, 'lambdas'))
    .filter((dir) =>
      statSync(path.join(ROOT, 'lambdas', dir, 'handler.ts'), { throwIfNoEntry: false }),
    )
    .sort()
    .map((dir) => `lambdas/${dir}/handler.ts`);
  const outdir = mkdtempSync(path.join(tmpdir(), 'secretsentry-bench-lambdas-'));
  try {
    const started = performance.now();
    const bundles = await bundleLambdas(outdir, [BASELINE, ...entries]);
    const bundleSeconds = (performance.now() - started) / 1000;
    const [baseline, ...handlers] = bundles as [LambdaBundle, ...LambdaBundle[]];

    // No warm-up round: the bundles were just written, so the page cache holds them already.
    const inits = new Map<LambdaBundle, Init[]>(bundles.map((b) => [b, []]));
    await interleave(
      rounds,
      Object.fromEntries(
        bundles.map((bundle) => [
          bundle.entry,
          () => {
            const init = coldStart(bundle);
            inits.get(bundle)!.push(init);
            return init.cpu;
          },
        ]),
      ),
    );
    const cpu = (bundle: LambdaBundle) => inits.get(bundle)!.map((i) => i.cpu);
    const figures: Figure[] = handlers.map((bundle) =>
      compared(handlerName(bundle.entry), 'ms', cpu(bundle), cpu(baseline), COLD_INIT_GOAL),
    );
    const nodeOptions = baseline.environment.NODE_OPTIONS ?? '(none)';
    return {
      id: 'cold-init',
      title: `Cold init: CPU ms of importing each Lambda bundle in a fresh Node ${process.version} process, over the bare SDK clients (${rounds} shuffled rounds)`,
      figures,
      notes: [
        `bundled by the CDK's NodejsFunction through ApiFunction (${bundleSeconds.toFixed(0)} s); run with the function's NODE_OPTIONS=${nodeOptions}`,
        `floor: ${BASELINE} (S3 + DynamoDB document client), ${kb(baseline.bytes)} + ${kb(baseline.mapBytes)} map`,
        'CPU time (user + system) rather than wall time: on this shared machine wall time is mostly the wait for a core; wall medians are in the JSON',
      ],
      details: Object.fromEntries(
        bundles.map((b) => [
          b.entry,
          {
            bytes: b.bytes,
            mapBytes: b.mapBytes,
            cpuMs: spread(cpu(b)),
            wallMs: spread(inits.get(b)!.map((i) => i.wall)),
          },
        ]),
      ),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

if (import.meta.main) {
  console.log(formatSection(await coldInit({ rounds: Number(process.argv[2] ?? 7) })));
}
