// `--ttl` values: a number of seconds, or a number with a unit (s, m, h, d), e.g. `90m`, `1h`, `3d`.
import { usage } from './exit.ts';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseDuration(text: string): number {
  const match = /^(\d+)\s*([smhd]?)$/i.exec(text.trim());
  if (!match) throw usage(`--ttl must look like 3600, 90m, 1h or 3d, not "${text}".`);
  const seconds = Number(match[1]) * (UNIT_SECONDS[(match[2] || 's').toLowerCase()] ?? 1);
  if (seconds < 60 || seconds > 259_200) {
    throw usage('--ttl must be between 1 minute (60s) and 3 days (3d).');
  }
  return seconds;
}

export function parseReads(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw usage(`--reads must be a whole number, not "${text}".`);
  const reads = Number(text);
  if (reads < 1 || reads > 100) throw usage('--reads must be between 1 and 100.');
  return reads;
}
