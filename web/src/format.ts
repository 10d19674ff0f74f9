// Times, counts and sizes in words, for people rather than machines, in the page's language: dates,
// durations, numbers and relative times through Intl, plural words through the catalogs (Intl.PluralRules).
import { i18n } from './i18n/i18n.ts';

const cache = new Map<string, object>();

/** One formatter per language and kind, made on first use. */
function formatter<T extends object>(kind: string, make: (locale: string) => T): T {
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

/**
 * In right-to-left text, a date or a duration kept together as one piece (First Strong Isolate), so
 * its figures and the sentence's punctuation around it do not trade places.
 */
const isolated = (text: string): string => (i18n.dir() === 'rtl' ? `\u2068${text}\u2069` : text);

/**
 * "Dec 2, 2026, 10:05 AM GMT+1": a moment someone waits for, with the time zone it is shown in (this
 * browser's), since the sender and the recipient may live in different ones.
 */
export function formatDateWithZone(iso: string): string {
  return isolated(
    formatter(
      'zoned',
      (locale) =>
        new Intl.DateTimeFormat(locale, {
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
          timeZoneName: 'short',
        }),
    ).format(new Date(iso)),
  );
}

/** "Central European Time": this browser's time zone, which a date and time field is read in. */
export function localTimeZone(): string {
  const parts = formatter(
    'zone',
    (locale) => new Intl.DateTimeFormat(locale, { timeZoneName: 'longGeneric' }),
  ).formatToParts(new Date());
  const zone = parts.find((part) => part.type === 'timeZoneName')?.value;
  return zone === undefined ? '' : isolated(zone);
}

/** Intl.DurationFormat (Chromium 129, Firefox 136, Safari 16.4), not yet in TypeScript's lib. */
type DurationFormat = { format(duration: Partial<Record<DurationUnit, number>>): string };
type DurationUnit = 'days' | 'hours' | 'minutes' | 'seconds';
const DurationFormat = (
  Intl as unknown as {
    DurationFormat?: new (locale: string, options: Record<string, string>) => DurationFormat;
  }
).DurationFormat;
const DURATION_UNITS: readonly [DurationUnit, number][] = [
  ['days', 86_400],
  ['hours', 3600],
  ['minutes', 60],
  ['seconds', 1],
];

/**
 * "1 day, 3 hr, 0 min, 5 sec": a countdown, from its largest unit down to seconds (so it does not
 * change shape as a unit reaches zero), through Intl.DurationFormat where the browser has it, else
 * Intl.NumberFormat's units in an Intl.ListFormat list.
 */
export function formatDuration(totalSeconds: number): string {
  let rest = Math.max(0, Math.round(totalSeconds));
  const first = DURATION_UNITS.findIndex(([, size]) => rest >= size);
  const units = DURATION_UNITS.slice(first === -1 ? DURATION_UNITS.length - 1 : first);
  const duration: Partial<Record<DurationUnit, number>> = {};
  for (const [unit, size] of units) {
    duration[unit] = Math.floor(rest / size);
    rest %= size;
  }
  const largest = units[0]?.[0] ?? 'seconds';
  if (DurationFormat) {
    const always = Object.fromEntries(units.map(([unit]) => [`${unit}Display`, 'always']));
    return isolated(
      formatter(
        `duration-${largest}`,
        (locale) => new DurationFormat(locale, { style: 'short', ...always }),
      ).format(duration),
    );
  }
  const list = formatter(
    'unitList',
    (locale) => new Intl.ListFormat(locale, { type: 'unit', style: 'short' }),
  );
  return isolated(
    list.format(
      units.map(([unit]) =>
        formatter(
          `unit-${unit}`,
          (locale) =>
            new Intl.NumberFormat(locale, {
              style: 'unit',
              unit: unit.slice(0, -1),
              unitDisplay: 'short',
            }),
        ).format(duration[unit] ?? 0),
      ),
    ),
  );
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
