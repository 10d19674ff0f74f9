// The share form's choices beyond the secret: when it expires (a preset or a date and time within
// the three-day bound), how many reads (presets or a number), and how much of the size limit the
// text takes, as it is typed.
import { useState } from 'react';
import { LIMITS } from '../../../core/limits.ts';
import { formatBytes } from '../format.ts';

export const EXPIRY_PRESETS = [
  { seconds: 300, label: '5 minutes' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 4 * 3600, label: '4 hours' },
  { seconds: 86_400, label: '1 day' },
  { seconds: LIMITS.ttlSeconds.max, label: '3 days' },
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

/**
 * The seconds to ask for, or why the choice cannot be sent. A custom time is taken as the browser's
 * local time; it must lie between a minute from now and the three-day bound.
 */
export function ttlSecondsOf(
  expiry: Expiry,
  now = Date.now(),
): { seconds: number } | { problem: string } {
  if (expiry.choice !== CUSTOM) return { seconds: Number(expiry.choice) };
  if (expiry.at === '') return { problem: 'Pick the date and time the link stops working.' };
  const at = new Date(expiry.at).getTime();
  if (Number.isNaN(at)) return { problem: 'That is not a date and time.' };
  const seconds = Math.round((at - now) / 1000);
  if (seconds < LIMITS.ttlSeconds.min) {
    return { problem: 'Pick a time at least a minute from now.' };
  }
  if (seconds > LIMITS.ttlSeconds.max) {
    return { problem: 'Pick a time within the next 3 days: links live 3 days at most.' };
  }
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
  // The picker's bounds, from when the form was opened; the send checks again against the clock.
  const [bounds] = useState(() => ({
    min: localInput(Date.now() + 2 * 60_000),
    max: localInput(Date.now() + LIMITS.ttlSeconds.max * 1000 - 60_000),
  }));
  const custom = expiry.choice === CUSTOM;
  return (
    <div className="field">
      <label htmlFor="expires">Expires</label>
      <select
        id="expires"
        value={expiry.choice}
        onChange={(e) => onChange({ ...expiry, choice: e.target.value })}
        aria-describedby="expires-hint"
        disabled={disabled}
      >
        {EXPIRY_PRESETS.map((preset) => (
          <option key={preset.seconds} value={String(preset.seconds)}>
            {preset.label}
          </option>
        ))}
        <option value={CUSTOM}>A date and time…</option>
      </select>
      <p id="expires-hint" className="hint">
        {custom ? 'within the next 3 days, your local time' : 'after creation'}
      </p>
      {custom ? (
        <>
          <label htmlFor="expires-at" className="sub-label">
            Date and time
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
  return (
    <div className="presets" role="group" aria-label="Common read counts">
      {READ_PRESETS.map((n) => (
        <button
          key={n}
          type="button"
          className="button preset"
          aria-pressed={reads === String(n)}
          onClick={() => onPick(String(n))}
          disabled={disabled}
        >
          {n}
        </button>
      ))}
    </div>
  );
}

const encoder = new TextEncoder();

/** "1.2 KiB of 700 KiB", live under the secret; past the limit it says by how much. */
export function SecretSize({ id, secret }: { id: string; secret: string }) {
  const bytes = encoder.encode(secret).length;
  const over = bytes - LIMITS.secretBytes;
  const near = !(over > 0) && bytes > 0.9 * LIMITS.secretBytes;
  return (
    <p id={id} className={over > 0 ? 'hint size over' : near ? 'hint size near' : 'hint size'}>
      {over > 0
        ? `${formatBytes(bytes)}: ${formatBytes(over)} over the ${formatBytes(LIMITS.secretBytes)} limit. Share it as a file instead.`
        : `${formatBytes(bytes)} of ${formatBytes(LIMITS.secretBytes)}`}
    </p>
  );
}
