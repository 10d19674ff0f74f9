// The share form's "Recipients": one link by default, or up to 20 recipients, each with a link of its
// own and an optional label only the sender sees (docs/design.md §2, "Several recipients").
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { RecipientInput } from '../../../core/flows.ts';
import { LIMITS } from '../../../core/limits.ts';
import { formatNumber } from '../format.ts';

const { max: MAX_RECIPIENTS } = LIMITS.recipients;

/** One row of the list; `key` keeps a row's field (and its focus) when the rows above it go. */
export interface RecipientRow {
  readonly key: number;
  readonly label: string;
}

/** The rows the sender listed, or null for the default: one plain link. */
export type Recipients = readonly RecipientRow[] | null;

/** A label's length as core counts it: characters (code points) of its NFC form, not UTF-16 units. */
export const labelLength = (label: string) => [...label.trim().normalize('NFC')].length;

/** The id of row `index`'s label field; its error is `<id>-error`. */
export const recipientFieldId = (index: number) => `recipient-${index}` as const;

/**
 * What to share with: null for one plain link (no rows, or one row without a label, as by default),
 * else every row as a recipient with the form's reads; or the first row whose label is too long.
 */
export function recipientsOf(
  rows: Recipients,
  maxReads: number,
): { recipients: RecipientInput[] | null } | { tooLong: number } {
  if (rows === null) return { recipients: null };
  const tooLong = rows.findIndex((row) => labelLength(row.label) > LIMITS.labelChars);
  if (tooLong !== -1) return { tooLong };
  const labelled = rows.some((row) => row.label.trim() !== '');
  if (rows.length === 1 && !labelled) return { recipients: null };
  return {
    recipients: rows.map((row) => {
      const label = row.label.trim();
      return label === '' ? { maxReads } : { maxReads, label };
    }),
  };
}

export function RecipientsField({
  rows,
  onChange,
  disabled,
  fieldProps,
  errorOf,
}: {
  rows: Recipients;
  onChange: (rows: Recipients) => void;
  disabled: boolean;
  /** A row's field's aria attributes (invalid, described by its hint and error). */
  fieldProps: (index: number, hint: string) => Record<string, unknown>;
  /** A row's error, under its field. */
  errorOf: (index: number) => ReactNode;
}) {
  const { t } = useTranslation('share');
  const nextKey = useRef(1);
  // Where focus goes once the rows are rendered again: a new row's field, or the row that took a
  // removed one's place (the button that had focus is gone with its row).
  const [focusRow, setFocusRow] = useState<number | null>(null);
  useEffect(() => {
    if (focusRow === null) return;
    document.getElementById(recipientFieldId(focusRow))?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const count = rows?.length ?? 1;
  const full = count >= MAX_RECIPIENTS;

  function add() {
    const fresh = () => ({ key: nextKey.current++, label: '' });
    // The default's one link becomes recipient 1, and the new one recipient 2.
    const next = rows === null ? [fresh(), fresh()] : [...rows, fresh()];
    onChange(next);
    setFocusRow(next.length - 1);
  }

  function remove(index: number) {
    if (rows === null) return;
    const next = rows.filter((_, at) => at !== index);
    onChange(next);
    setFocusRow(Math.min(index, next.length - 1));
  }

  function relabel(index: number, label: string) {
    if (rows === null) return;
    onChange(rows.map((row, at) => (at === index ? { ...row, label } : row)));
  }

  return (
    <fieldset className="recipients" aria-describedby="recipients-hint">
      <legend>{t('recipients.legend')}</legend>
      <p id="recipients-hint" className="hint">
        {rows === null
          ? t('recipients.hintOne', { max: formatNumber(MAX_RECIPIENTS) })
          : t('recipients.hintSeveral')}
      </p>
      {rows === null ? null : (
        <>
          <ol className="recipient-rows">
            {rows.map((row, index) => {
              const id = recipientFieldId(index);
              const number = formatNumber(index + 1);
              return (
                <li key={row.key} className="field">
                  <label htmlFor={id}>
                    <Trans
                      t={t}
                      i18nKey="recipients.labelFor"
                      values={{ number }}
                      components={{ optional: <span className="optional" /> }}
                    />
                  </label>
                  <div className="input-with-button">
                    <input
                      id={id}
                      type="text"
                      dir="auto"
                      value={row.label}
                      onChange={(e) => relabel(index, e.target.value)}
                      autoComplete="off"
                      placeholder={t('recipients.placeholder')}
                      {...fieldProps(index, 'recipients-label-hint')}
                      disabled={disabled}
                    />
                    {rows.length > 1 ? (
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={t('recipients.remove', { number })}
                        onClick={() => remove(index)}
                        disabled={disabled}
                      >
                        {t('recipients.removeShort')}
                      </button>
                    ) : null}
                  </div>
                  {errorOf(index)}
                </li>
              );
            })}
          </ol>
          <p id="recipients-label-hint" className="hint">
            {t('recipients.labelHint', { max: formatNumber(LIMITS.labelChars) })}
          </p>
        </>
      )}
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          onClick={add}
          disabled={disabled || full}
          aria-describedby={full ? 'recipients-full' : undefined}
        >
          {t('recipients.add')}
        </button>
        {full ? (
          <p id="recipients-full" className="hint">
            {t('recipients.full', { max: formatNumber(MAX_RECIPIENTS) })}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
