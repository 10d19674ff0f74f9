// `--ttl` values: a number of seconds, or a number with a unit (s, m, h, d), e.g. `90m`, `1h`, `3d`.
import { LIMITS } from '../core/limits.ts';
import { usage } from './exit.ts';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseDuration(text: string): number {
  const match = /^(\d+)\s*([smhd]?)$/i.exec(text.trim());
  if (!match) throw usage(`--ttl must look like 3600, 90m, 1h or 3d, not "${text}".`);
  const seconds = Number(match[1]) * (UNIT_SECONDS[(match[2] || 's').toLowerCase()] ?? 1);
  const { min, max } = LIMITS.ttlSeconds;
  if (seconds < min || seconds > max) {
    throw usage(`--ttl must be between ${spell(min)} and ${spell(max)}.`);
  }
  return seconds;
}

export function parseReads(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw usage(`--reads must be a whole number, not "${text}".`);
  const reads = Number(text);
  const { min: least, max: most } = LIMITS.maxReads;
  if (reads < least || reads > most) throw usage(`--reads must be between ${least} and ${most}.`);
  return reads;
}

/** 60 → "1 minute (60s)", 259200 → "3 days (3d)": the bound in words and in the flag's own units. */
function spell(seconds: number): string {
  for (const [unit, size, word] of [
    ['d', 86400, 'day'],
    ['h', 3600, 'hour'],
    ['m', 60, 'minute'],
  ] as const) {
    if (seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${word}${n === 1 ? '' : 's'} (${unit === 'm' ? `${seconds}s` : `${n}${unit}`})`;
    }
  }
  return `${seconds}s`;
}
