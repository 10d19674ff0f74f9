// Times and counts in words, for people rather than machines.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDate(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "in 3 days", "in 59 minutes", "2 hours ago". */
export function fromNow(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 60) return seconds < 0 ? 'just now' : 'in under a minute';
  if (abs < 90 * 60) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 36 * 3600) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86400), 'day');
}

export function times(n: number): string {
  if (n === 1) return 'once';
  if (n === 2) return 'twice';
  return `${n} times`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "14:05": a time within the next minutes, where the date goes without saying. */
export function formatTime(iso: string): string {
  return clock.format(new Date(iso));
}

const UNITS = ['KiB', 'MiB', 'GiB'] as const;

/** "0 bytes", "512 bytes", "1.5 KiB", "12.3 MiB", "1.00 GiB": binary units, as the limits are. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  let value = bytes;
  let unit: (typeof UNITS)[number] = 'KiB';
  for (const next of UNITS) {
    value /= 1024;
    unit = next;
    if (value < 1024) break;
  }
  return `${value.toFixed(value < 10 && unit === 'GiB' ? 2 : 1)} ${unit}`;
}
