// Times, counts and sizes in words, for people rather than machines, in the page's language: dates,
// numbers and relative times through Intl, plural words through the catalogs (Intl.PluralRules).
import { i18n } from './i18n/i18n.ts';

const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();

/** One formatter per language and kind, made on first use. */
function formatter<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(
  kind: string,
  make: (locale: string) => T,
): T {
  const locale = i18n.language || 'en';
  const key = `${kind}:${locale}`;
  let found = cache.get(key) as T | undefined;
  if (!found) {
    found = make(locale);
    cache.set(key, found);
  }
  return found;
}

export function formatDate(iso: string): string {
  return formatter(
    'date',
    (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(new Date(iso));
}

/** "in 3 days", "in 59 minutes", "2 hours ago". */
export function fromNow(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 60) return seconds < 0 ? i18n.t('time.justNow') : i18n.t('time.underAMinute');
  const relative = formatter(
    'relative',
    (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
  );
  if (abs < 90 * 60) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 36 * 3600) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86400), 'day');
}

/** "once", "3 times". */
export function times(n: number): string {
  return i18n.t('count.times', { count: n });
}

/** "14:05": a time within the next minutes, where the date goes without saying. */
export function formatTime(iso: string): string {
  return formatter(
    'clock',
    (locale) => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }),
  ).format(new Date(iso));
}

/** A number as the page's language writes it ("1,5" in German). */
export function formatNumber(value: number, fractionDigits = 0): string {
  return formatter(
    `number${fractionDigits}`,
    (locale) =>
      new Intl.NumberFormat(locale, {
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
  ).format(value);
}

const UNITS = ['KiB', 'MiB', 'GiB'] as const;

/** "0 bytes", "512 bytes", "1.5 KiB", "12.3 MiB", "1.00 GiB": binary units, as the limits are. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return i18n.t('count.bytes', { count: bytes });
  let value = bytes;
  let unit: (typeof UNITS)[number] = 'KiB';
  for (const next of UNITS) {
    value /= 1024;
    unit = next;
    if (value < 1024) break;
  }
  const size = `${formatNumber(value, value < 10 && unit === 'GiB' ? 2 : 1)} ${unit}`;
  // In right-to-left text "700.0 KiB" would show as "KiB 700.0": kept left to right as one piece.
  return i18n.dir() === 'rtl' ? `\u2066${size}\u2069` : size;
}
