// The share form's choices beyond the secret: when it expires (a preset or a date and time within
// the three-day bound), when it opens (at once or at a date and time before it expires), how many
// reads (presets or a number), how much of the size limit the text takes, as it is typed, and where
// to notify the sender (an optional webhook URL).
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../core/limits.ts';
import { formatBytes, formatNumber, localTimeZone } from '../format.ts';

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

/** When the chosen expiry ends, in ms since the epoch (a preset counts from `now`). */
export function expiresAtOf(expiry: Expiry, seconds: number, now = Date.now()): number {
  return expiry.choice === CUSTOM ? new Date(expiry.at).getTime() : now + seconds * 1000;
}

/** When the link opens: at once, or CUSTOM with a local date and time (`YYYY-MM-DDTHH:mm`). */
export const AT_ONCE = 'now';
export interface Opening {
  readonly choice: typeof AT_ONCE | typeof CUSTOM;
  readonly at: string;
}

/** Why an opening time cannot be sent (the page words it: `problems.<kind>` in the share catalog). */
export type OpeningProblem = 'opensMissing' | 'opensInvalid' | 'opensPast' | 'opensAfterExpiry';

/**
 * The `notBefore` to send (null: at once), or why the choice cannot be sent. A chosen time is the
 * browser's local time; it must lie after now and before `expiresAt`, as the API requires.
 */
export function notBeforeOf(
  opening: Opening,
  expiresAt: number,
  now = Date.now(),
): { notBefore: Date | null } | { problem: OpeningProblem } {
  if (opening.choice !== CUSTOM) return { notBefore: null };
  if (opening.at === '') return { problem: 'opensMissing' };
  const at = new Date(opening.at).getTime();
  if (Number.isNaN(at)) return { problem: 'opensInvalid' };
  if (at <= now) return { problem: 'opensPast' };
  if (at >= expiresAt) return { problem: 'opensAfterExpiry' };
  return { notBefore: new Date(at) };
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

/** "Opens": at once, or at a date and time (local, its zone said) before the link expires. */
export function OpeningField({
  opening,
  onChange,
  latest,
  disabled,
  describedBy,
  invalid,
}: {
  opening: Opening;
  onChange: (opening: Opening) => void;
  /** The picker's upper bound, in ms: when the chosen expiry ends (NaN while it is unknown). */
  latest: number;
  disabled: boolean;
  /** The error's id when the opening time is refused. */
  describedBy?: string;
  invalid: boolean;
}) {
  const { t } = useTranslation('share');
  // The picker's lower bound, from when the form was opened; the send checks again against the clock.
  const [earliest] = useState(() => localInput(Date.now() + 60_000));
  const custom = opening.choice === CUSTOM;
  return (
    <div className="field opens-field">
      <label htmlFor="opens">{t('opens.label')}</label>
      <select
        id="opens"
        value={opening.choice}
        onChange={(e) => onChange({ ...opening, choice: e.target.value as Opening['choice'] })}
        aria-describedby="opens-hint"
        disabled={disabled}
      >
        <option value={AT_ONCE}>{t('opens.now')}</option>
        <option value={CUSTOM}>{t('opens.custom')}</option>
      </select>
      <p id="opens-hint" className="hint">
        {custom ? t('opens.customHint', { zone: localTimeZone() }) : t('opens.nowHint')}
      </p>
      {custom ? (
        <>
          <label htmlFor="opens-at" className="sub-label">
            {t('opens.atLabel')}
          </label>
          <input
            id="opens-at"
            type="datetime-local"
            value={opening.at}
            min={earliest}
            {...(Number.isNaN(latest) ? {} : { max: localInput(latest) })}
            onChange={(e) => onChange({ ...opening, at: e.target.value })}
            aria-invalid={invalid}
            aria-describedby={['opens-hint', describedBy].filter(Boolean).join(' ')}
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

/**
 * "1.2 KiB of 700 KiB", live under the secret; past the limit it says by how much (and, on the share
 * form, that a file can take it; a request's fill takes text only).
 */
export function SecretSize({
  id,
  secret,
  fileInstead = true,
}: {
  id: string;
  secret: string;
  fileInstead?: boolean;
}) {
  const { t } = useTranslation('share');
  const bytes = encoder.encode(secret).length;
  const over = bytes - LIMITS.secretBytes;
  const near = !(over > 0) && bytes > 0.9 * LIMITS.secretBytes;
  return (
    <p id={id} className={over > 0 ? 'hint size over' : near ? 'hint size near' : 'hint size'}>
      {over > 0
        ? t(fileInstead ? 'size.over' : 'size.overText', {
            size: formatBytes(bytes),
            over: formatBytes(over),
            limit: formatBytes(LIMITS.secretBytes),
          })
        : t('size.of', { size: formatBytes(bytes), limit: formatBytes(LIMITS.secretBytes) })}
    </p>
  );
}

/** Why a webhook URL cannot be sent (the page words it: `problems.<kind>` in the share catalog). */
export type WebhookProblem =
  'webhookNotUrl' | 'webhookNotHttps' | 'webhookCredentials' | 'webhookFragment' | 'webhookTooLong';

/** Hosts that name this machine: plain http to them is left for the server to judge (a local stack). */
const LOOPBACK_HOST = /^(?:127(?:\.\d{1,3}){3}|\[::1\]|(?:[^.]+\.)*localhost\.?)$/i;

/**
 * The webhook URL to send (null: none), or why it cannot be sent. What a browser can tell alone: an
 * absolute https URL with no user, password or fragment, within the API's length. Whether its host is
 * public only the server can say (it resolves the name); plain http to this machine passes, since a
 * local stack may allow it, and the server refuses it everywhere else.
 */
export function webhookUrlOf(text: string): { url: string | null } | { problem: WebhookProblem } {
  const typed = text.trim();
  if (typed === '') return { url: null };
  if (typed.length > LIMITS.webhookUrlChars) return { problem: 'webhookTooLong' };
  // Not URL.canParse: Safari before 17 lacks it.
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return { problem: 'webhookNotUrl' };
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) return { problem: 'webhookNotHttps' };
  if (url.username !== '' || url.password !== '') return { problem: 'webhookCredentials' };
  if (typed.includes('#')) return { problem: 'webhookFragment' };
  return { url: typed };
}

/**
 * "Notify me": a checkbox, off by default, that opens a field for a webhook URL. Only an open section
 * sends its URL; closing it keeps what was typed, unsent.
 */
export function WebhookField({
  open,
  onOpen,
  url,
  onChange,
  disabled,
  describedBy,
  invalid,
  children,
}: {
  open: boolean;
  onOpen: (open: boolean) => void;
  url: string;
  onChange: (url: string) => void;
  disabled: boolean;
  /** The error's id when the URL is refused (here or by the server). */
  describedBy?: string;
  invalid: boolean;
  /** The URL's error, under its hint. */
  children?: ReactNode;
}) {
  const { t } = useTranslation('share');
  return (
    <div className="webhook-section">
      <div className="field checkbox">
        <input
          id="webhook"
          type="checkbox"
          checked={open}
          onChange={(e) => onOpen(e.target.checked)}
          aria-controls="webhook-fields"
          disabled={disabled}
        />
        <label htmlFor="webhook">{t('webhook.label')}</label>
      </div>
      <div id="webhook-fields" className="field webhook-fields" hidden={!open}>
        {open ? (
          <>
            <label htmlFor="webhook-url" className="sub-label">
              {t('webhook.urlLabel')}
            </label>
            <input
              id="webhook-url"
              type="url"
              inputMode="url"
              dir="ltr"
              value={url}
              onChange={(e) => onChange(e.target.value)}
              autoComplete="off"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck="false"
              placeholder="https://example.com/hooks/secretsentry"
              aria-invalid={invalid}
              aria-describedby={['webhook-hint', describedBy].filter(Boolean).join(' ')}
              disabled={disabled}
            />
            <p id="webhook-hint" className="hint">
              {t('webhook.hint')}
            </p>
            {children}
          </>
        ) : null}
      </div>
    </div>
  );
}
