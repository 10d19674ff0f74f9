// The passphrase fields' helpers: a Show/Hide toggle (both pages) and a generator (the share page).
import { useTranslation } from 'react-i18next';

/** 32 symbols, none that reads like another (no l, o, 0, 1): five bits each, read aloud safely. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 5;

/**
 * A passphrase of 100 random bits from WebCrypto, as four groups of five ("k7f3q-9x2mv-…"): far beyond
 * guessing through the five tries the service allows, and short enough to dictate or type.
 */
export function generatePassphrase(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(GROUPS * GROUP_LENGTH));
  // 256 is a multiple of 32: the low five bits of a uniform byte are uniform.
  const symbols = Array.from(bytes, (byte) => ALPHABET[byte & 31]!).join('');
  const groups: string[] = [];
  for (let at = 0; at < symbols.length; at += GROUP_LENGTH) {
    groups.push(symbols.slice(at, at + GROUP_LENGTH));
  }
  return groups.join('-');
}

/** Shows or hides the passphrase in the field `controls`; the field's own label names it. */
export function ShowToggle({
  controls,
  shown,
  onToggle,
  disabled,
}: {
  controls: string;
  shown: boolean;
  onToggle: () => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button secondary toggle"
      aria-controls={controls}
      aria-pressed={shown}
      onClick={onToggle}
      disabled={disabled}
    >
      {shown ? t('passphrase.hide') : t('passphrase.show')}
    </button>
  );
}
