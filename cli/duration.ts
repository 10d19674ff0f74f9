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

/**
 * `--not-before`: when the secret opens, as a wait from now (the forms `--ttl` takes: `90m`, `2h`,
 * `1d`, seconds) or a date and time: ISO 8601 with a zone (`2026-12-02T09:00:00Z`, `…+01:00`), or
 * without one (`2026-12-02 09:00`, `2026-12-02T09:00`) in this machine's time zone. It must come
 * after now and before the expiry (`ttlSeconds` from now): checked here, before anything is sent.
 */
export function parseOpening(text: string, now: Date, ttlSeconds: number): Date {
  const trimmed = text.trim();
  const wait = /^(\d+)\s*([smhd]?)$/i.exec(trimmed);
  let at: number;
  if (wait) {
    at =
      now.getTime() + Number(wait[1]) * (UNIT_SECONDS[(wait[2] || 's').toLowerCase()] ?? 1) * 1000;
  } else {
    const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
    const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(
      trimmed,
    );
    if (local) {
      const [, y, mo, d, h, mi, s] = local.map(Number) as number[];
      const date = new Date(y!, mo! - 1, d!, h!, mi!, s || 0);
      // new Date rolls 2026-02-30 over into March: a date that does not exist is refused instead.
      at = date.getDate() === d && date.getMonth() === mo! - 1 ? date.getTime() : NaN;
    } else {
      at = zoned ? Date.parse(trimmed) : NaN;
    }
    if (Number.isNaN(at)) {
      throw usage(
        `--not-before must be a wait such as 30m or 2h, or a date and time such as ` +
          `2026-12-02T09:00:00Z or "2026-12-02 09:00" (this machine's time zone), not "${text}".`,
      );
    }
  }
  if (at <= now.getTime()) throw usage('--not-before must be in the future.');
  if (at >= now.getTime() + ttlSeconds * 1000) {
    throw usage(
      '--not-before must come before the secret expires: choose an earlier time or a longer --ttl.',
    );
  }
  return new Date(at);
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
