// What every bench module returns and how `npm run bench` prints it: a figure is our median with its
// spread, the floor's measured in the same run, their ratio and the goal that ratio (or the figure)
// is held to. Figures only: nothing here fails on time.

/** A sample's median, quartiles and extremes. */
export interface Spread {
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export interface Goal {
  /** What the goal is on: the ratio to the floor, or the figure itself. */
  readonly on: 'ratio' | 'value';
  readonly op: '<=' | '>=';
  readonly limit: number;
}

export interface Figure {
  readonly name: string;
  /** The unit of `value` and `floor`, e.g. `ms CPU`, `cycles/s`. */
  readonly unit: string;
  readonly value: Spread;
  /** What the same work costs with nothing of ours around it, measured in the same run. */
  readonly floor?: Spread;
  /** value / floor: the median and spread of per-round (paired) ratios where rounds pair up. */
  readonly ratio?: Spread;
  /** Absent where no goal was set: the figure is shown for what it tells. */
  readonly goal?: Goal;
  /** Whether the median meets the goal; shown, never acted on. */
  readonly met?: boolean;
}

export interface Section {
  /** Stable key for comparing runs, e.g. `cold-init`. */
  readonly id: string;
  readonly title: string;
  readonly figures: readonly Figure[];
  /** How it was measured and what to keep in mind, printed under the table. */
  readonly notes: readonly string[];
  /** Anything else worth keeping in the JSON (sizes, raw samples). */
  readonly details?: unknown;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
    n: sorted.length,
  };
}

/** A figure that was counted or read, not sampled. */
export const exact = (value: number): Spread => spread([value]);

/** Per-round ratios of two interleaved sample lists of the same length. */
export const pairedRatios = (ours: readonly number[], floor: readonly number[]): number[] =>
  ours.map((value, i) => value / floor[i]!);

export function meets(goal: Goal, figure: { value: Spread; ratio?: Spread }): boolean {
  const x = goal.on === 'ratio' ? (figure.ratio?.median ?? NaN) : figure.value.median;
  return goal.op === '<=' ? x <= goal.limit : x >= goal.limit;
}

/** A figure against its floor; the ratio is paired round by round when both lists pair up. */
export function compared(
  name: string,
  unit: string,
  ours: readonly number[],
  floor: readonly number[],
  goal?: Goal,
): Figure {
  const value = spread(ours);
  const floorSpread = spread(floor);
  const ratio =
    ours.length === floor.length
      ? spread(pairedRatios(ours, floor))
      : exact(value.median / floorSpread.median);
  return {
    name,
    unit,
    value,
    floor: floorSpread,
    ratio,
    ...(goal ? { goal, met: meets(goal, { value, ratio }) } : {}),
  };
}

/** Rounds of every side in turn, the order changing each round, so none always runs on a warmer machine. */
export async function interleave<K extends string>(
  rounds: number,
  sides: Readonly<Record<K, () => number | Promise<number>>>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(sides) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
    K,
    number[]
  >;
  for (let round = 0; round < rounds; round += 1) {
    const order =
      names.length === 2 ? (round % 2 === 0 ? names : [...names].reverse()) : shuffled(names);
    for (const name of order) samples[name].push(await sides[name]());
  }
  return samples;
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---- printing ----

/** Three significant figures, fewer decimals for large numbers. */
export function num(x: number): string {
  if (!Number.isFinite(x) || Number.isInteger(x)) return String(x);
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return x.toFixed(digits);
}

const range = (s: Spread, format: (x: number) => string) =>
  s.n > 1 ? ` (${format(s.min)}–${format(s.max)})` : '';

const withSpread = (s: Spread, unit: string) => `${num(s.median)} ${unit}${range(s, num)}`;

const times = (x: number) => `${x.toFixed(2)}×`;

export function formatGoal(goal: Goal, unit: string): string {
  const op = goal.op === '<=' ? '≤' : '≥';
  return goal.on === 'ratio' ? `${op} ${goal.limit}×` : `${op} ${num(goal.limit)} ${unit}`;
}

/** The section as a table: figure, floor, ratio (median, min–max), goal and whether it is met. */
export function formatSection(section: Section): string {
  const rows = section.figures.map((f) => [
    f.name,
    withSpread(f.value, f.unit),
    f.floor ? withSpread(f.floor, f.unit) : '',
    f.ratio ? `${times(f.ratio.median)}${range(f.ratio, times)}` : '',
    f.goal ? `goal ${formatGoal(f.goal, f.unit)}` : 'no goal',
    f.met === undefined ? '' : f.met ? 'met' : 'NOT met',
  ]);
  const header = ['', 'ours (min–max)', 'floor (min–max)', 'ours/floor', '', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [
    section.title,
    line(header),
    ...rows.map(line),
    ...section.notes.map((note) => `  · ${note}`),
  ].join('\n');
}
