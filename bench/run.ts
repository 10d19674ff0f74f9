// `npm run bench`: the figures a user of SecretSentry cares about, each against its floor measured in
// the same run, with its goal; printed, and written as JSON to bench/results/ so two runs compare
// (bench/compare.ts). Exits 0 whatever the figures say; only a crash fails it.
//   node bench/run.ts [--only page-size,aws-calls,cold-init,api-cycles,browser,file-transfer]
//                     [--file-mib 100] [--stream-mib 32] [--out FILE]
// BENCH_FILE_MIB=100,1024 adds the 1 GiB file (minutes more); BENCH_STREAM_MIB=0 leaves the
// page's body streams out. Each section can also run alone: node bench/<module>.ts.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { apiCycles } from './api-cycles.ts';
import { awsCalls } from './aws-calls.ts';
import { browserFigures } from './browser-body.ts';
import { pageSize } from './bundle-size.ts';
import { coldInit } from './cold-init.ts';
import { fileTransfer } from './file-transfer.ts';
import { formatSection, type Section } from './figures.ts';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    'file-mib': { type: 'string', default: process.env.BENCH_FILE_MIB ?? '100' },
    'stream-mib': { type: 'string', default: process.env.BENCH_STREAM_MIB ?? '32' },
    out: { type: 'string', default: path.join(RESULTS, 'latest.json') },
  },
});

const options = {
  // Fresh processes vary by ±10% on a shared 2-core machine: enough rounds for a steady median.
  coldInit: { rounds: 15 },
  apiCycles: { seconds: 2, rounds: 5, concurrency: [1, 8], warmSeconds: 5 },
  browser: {
    sealRounds: 21,
    pbkdf2Rounds: 15,
    streamMiB: Number(args['stream-mib']),
    streamRounds: 3,
    chunkKiB: 1024,
  },
  fileTransfer: { sizesMiB: args['file-mib'].split(',').map(Number), rounds: 3 },
};

const SECTIONS: Record<string, () => Promise<Section>> = {
  'page-size': () => pageSize(),
  'aws-calls': () => awsCalls(),
  'cold-init': () => coldInit(options.coldInit),
  'api-cycles': () => apiCycles(options.apiCycles),
  browser: () => browserFigures(options.browser),
  'file-transfer': () => fileTransfer(options.fileTransfer),
};
const only = args.only?.split(',');
const unknown = only?.filter((id) => !(id in SECTIONS)) ?? [];
if (unknown.length > 0) {
  console.error(
    `unknown section(s): ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`,
  );
  process.exit(2);
}

const started = new Date();
const load = () => loadavg().map((x) => Number(x.toFixed(2)));
const machine = {
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpu: `${availableParallelism()} × ${cpus()[0]?.model ?? 'unknown'}`,
  loadAtStart: load(),
};
console.log(
  `SecretSentry bench, ${started.toISOString()}: Node ${machine.node}, ${machine.cpu}, load average ${machine.loadAtStart.join(' ')}`,
);
console.log(
  'Every figure is a median with its min–max over the rounds; "ours/floor" is the median of per-round ratios. Goals are shown, never enforced.\n',
);

const sections: (Section & { seconds: number })[] = [];
const errors: { id: string; error: string }[] = [];
for (const [id, run] of Object.entries(SECTIONS)) {
  if (only && !only.includes(id)) continue;
  const start = performance.now();
  try {
    const section = await run();
    const seconds = Math.round((performance.now() - start) / 1000);
    sections.push({ ...section, seconds });
    console.log(`${formatSection(section)}\n  · ${seconds} s\n`);
  } catch (error) {
    // One section crashing still leaves the others' figures; the run then exits 1.
    console.error(`${id} crashed:`, error);
    errors.push({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
}

const seconds = Math.round((Date.now() - started.getTime()) / 1000);
const result = {
  startedAt: started.toISOString(),
  seconds,
  machine: { ...machine, loadAtEnd: load() },
  options,
  sections,
  errors,
};
const out = path.resolve(args.out);
mkdirSync(path.dirname(out), { recursive: true });
mkdirSync(RESULTS, { recursive: true });
const earlier = readdirSync(RESULTS, { withFileTypes: true })
  .filter((f) => f.isFile() && /^\d{4}-.*\.json$/.test(f.name))
  .map((f) => f.name)
  .sort()
  .at(-1);
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
// A dated copy beside latest.json, so the next run has this one to compare with.
const dated = path.join(RESULTS, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
copyFileSync(out, dated);

const relative = (file: string) => path.relative(process.cwd(), file);
console.log(`All figures in ${relative(out)} (and ${relative(dated)}); ${seconds} s in all.`);
console.log(
  earlier
    ? `Compare with the run before: node bench/compare.ts ${relative(path.join(RESULTS, earlier))} ${relative(out)}`
    : 'Compare two runs: node bench/compare.ts bench/results/<earlier>.json bench/results/latest.json',
);
if (errors.length > 0) process.exit(1);
