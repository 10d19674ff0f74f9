// Two `npm run bench` results side by side: each figure's median and ratio to its floor in run A and
// in run B. A change inside A's min–max of the ratio is within that run's own noise.
//   node bench/compare.ts A.json B.json
import { readFileSync } from 'node:fs';
import { num, type Section, type Spread } from './figures.ts';

interface Result {
  readonly startedAt: string;
  readonly machine: { readonly loadAtStart: readonly number[] };
  readonly sections: readonly Section[];
}

const [fileA, fileB] = process.argv.slice(2);
if (!fileA || !fileB) {
  console.error('usage: node bench/compare.ts A.json B.json');
  process.exit(2);
}
const [a, b] = [fileA, fileB].map((file) => JSON.parse(readFileSync(file, 'utf8')) as Result) as [
  Result,
  Result,
];

const times = (s: Spread | undefined) => (s ? `${s.median.toFixed(2)}×` : '—');
const within = (x: Spread | undefined, y: Spread | undefined) =>
  x && y && x.n > 1 && y.median >= x.min && y.median <= x.max ? 'within A’s spread' : '';

console.log(`A ${fileA}: ${a.startedAt}, load ${a.machine.loadAtStart.join(' ')}`);
console.log(`B ${fileB}: ${b.startedAt}, load ${b.machine.loadAtStart.join(' ')}`);
for (const sectionB of b.sections) {
  const sectionA = a.sections.find((s) => s.id === sectionB.id);
  console.log(`\n${sectionB.id}`);
  const rows = sectionB.figures.map((figB) => {
    const figA = sectionA?.figures.find((f) => f.name === figB.name);
    const value = (s: Spread | undefined) => (s ? `${num(s.median)} ${figB.unit}` : '—');
    return [
      figB.name,
      `${value(figA?.value)} → ${value(figB.value)}`,
      figB.ratio ? `ours/floor ${times(figA?.ratio)} → ${times(figB.ratio)}` : '',
      within(figA?.ratio ?? figA?.value, figB.ratio ?? figB.value),
    ];
  });
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows)
    console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd());
}
