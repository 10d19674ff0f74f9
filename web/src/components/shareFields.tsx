// The share form's choices beyond the secret: when it expires (a preset or a date and time within
// the three-day bound), how many reads (presets or a number), and how much of the size limit the
// text takes, as it is typed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../core/limits.ts';
import { formatBytes, formatNumber } from '../format.ts';

/** The longest a link lives, in days (the custom time's bound, said in its hint and its error). */
export const MAX_DAYS = Math.floor(LIMITS.ttlSeconds.max / 86_400);

/** Each preset's length, said in its unit with the language's plural form. */
export const EXPIRY_PRESETS = [
  { seconds: 300, unit: 'minutes', count: 5 },
  { seconds: 3600, unit: 'hours', count: 1 },
  { seconds: 4 * 3600, unit: 'hours', count: 4 },
  { seconds: 86_400, unit: 'days', count: 1 },
  { seconds: LIMITS.ttlSeconds.max, unit: 'days', count: MAX_DAYS },
] as const;

export const READ_PRESETS = [1, 2, 5, 10] as const;

/** A preset's seconds as a string, or CUSTOM with a local date and time (`YYYY-MM-DDTHH:mm`). */
export const CUSTOM = 'custom';
export interface Expiry {
  readonly choice: string;
  readonly at: string;
}

/** The `datetime-local` value of a moment, in this browser's time zone. */
function localInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** Why a custom expiry cannot be sent (the page words it: `problems.<kind>` in the share catalog). */
export type ExpiryProblem = 'expiryMissing' | 'expiryInvalid' | 'expiryTooSoon' | 'expiryTooFar';

/**
 * The seconds to ask for, or why the choice cannot be sent. A custom time is taken as the browser's
 * local time; it must lie between a minute from now and the three-day bound.
 */
export function ttlSecondsOf(
  expiry: Expiry,
  now = Date.now(),
): { seconds: number } | { problem: ExpiryProblem } {
  if (expiry.choice !== CUSTOM) return { seconds: Number(expiry.choice) };
  if (expiry.at === '') return { problem: 'expiryMissing' };
  const at = new Date(expiry.at).getTime();
  if (Number.isNaN(at)) return { problem: 'expiryInvalid' };
  const seconds = Math.round((at - now) / 1000);
  if (seconds < LIMITS.ttlSeconds.min) return { problem: 'expiryTooSoon' };
  if (seconds > LIMITS.ttlSeconds.max) return { problem: 'expiryTooFar' };
  return { seconds };
}

export function ExpiryField({
  expiry,
  onChange,
  disabled,
  describedBy,
  invalid,
}: {
  expiry: Expiry;
  onChange: (expiry: Expiry) => void;
  disabled: boolean;
  /** The error's id when the custom time is refused. */
  describedBy?: string;
  invalid: boolean;
}) {
  const { t } = useTranslation('share');
  // The picker's bounds, from when the form was opened; the send checks again against the clock.
  const [bounds] = useState(() => ({
    min: localInput(Date.now() + 2 * 60_000),
    max: localInput(Date.now() + LIMITS.ttlSeconds.max * 1000 - 60_000),
  }));
  const custom = expiry.choice === CUSTOM;
  return (
    <div className="field">
      <label htmlFor="expires">{t('expiry.label')}</label>
      <select
        id="expires"
        value={expiry.choice}
        onChange={(e) => onChange({ ...expiry, choice: e.target.value })}
        aria-describedby="expires-hint"
        disabled={disabled}
      >
        {EXPIRY_PRESETS.map((preset) => (
          <option key={preset.seconds} value={String(preset.seconds)}>
            {t(`expiry.${preset.unit}`, { count: preset.count })}
          </option>
        ))}
        <option value={CUSTOM}>{t('expiry.custom')}</option>
      </select>
      <p id="expires-hint" className="hint">
        {custom ? t('expiry.customHint', { count: MAX_DAYS }) : t('expiry.afterCreation')}
      </p>
      {custom ? (
        <>
          <label htmlFor="expires-at" className="sub-label">
            {t('expiry.atLabel')}
          </label>
          <input
            id="expires-at"
            type="datetime-local"
            value={expiry.at}
            min={bounds.min}
            max={bounds.max}
            onChange={(e) => onChange({ ...expiry, at: e.target.value })}
            aria-invalid={invalid}
            aria-describedby={['expires-hint', describedBy].filter(Boolean).join(' ')}
            disabled={disabled}
          />
        </>
      ) : null}
    </div>
  );
}

/** Buttons for the usual read counts beside the number field. */
export function ReadPresets({
  reads,
  onPick,
  disabled,
}: {
  reads: string;
  onPick: (reads: string) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation('share');
  return (
    <div className="presets" role="group" aria-label={t('form.readPresets')}>
      {READ_PRESETS.map((n) => (
        <button
          key={n}
          type="button"
          className="button preset"
          aria-pressed={reads === String(n)}
          onClick={() => onPick(String(n))}
          disabled={disabled}
        >
          {formatNumber(n)}
        </button>
      ))}
    </div>
  );
}

const encoder = new TextEncoder();

/** "1.2 KiB of 700 KiB", live under the secret; past the limit it says by how much. */
export function SecretSize({ id, secret }: { id: string; secret: string }) {
  const { t } = useTranslation('share');
  const bytes = encoder.encode(secret).length;
  const over = bytes - LIMITS.secretBytes;
  const near = !(over > 0) && bytes > 0.9 * LIMITS.secretBytes;
  return (
    <p id={id} className={over > 0 ? 'hint size over' : near ? 'hint size near' : 'hint size'}>
      {over > 0
        ? t('size.over', {
            size: formatBytes(bytes),
            over: formatBytes(over),
            limit: formatBytes(LIMITS.secretBytes),
          })
        : t('size.of', { size: formatBytes(bytes), limit: formatBytes(LIMITS.secretBytes) })}
    </p>
  );
}
