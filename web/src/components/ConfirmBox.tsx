// A destructive action behind a confirmation (the sender's revoke, the recipient's destroy): focus
// goes onto the confirm button when the question opens and back to the button that opened it when it
// closes (Cancel, Escape), once that button is rendered again; a failure shows in the box. Without a
// heading it is a button in its place (one link's revoke among several), not a box of its own.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../errors.ts';
import { ErrorMessage } from './ui.tsx';

export function ConfirmBox({
  id,
  heading,
  explanation,
  question,
  detail,
  openLabel,
  openDescribedBy,
  confirmLabel,
  action,
}: {
  /** Prefix of the dialog's element ids, unique on the page. */
  id: string;
  /** With its explanation, a box of its own; absent: the button and its question only. */
  heading?: string;
  explanation?: ReactNode;
  question: string;
  detail: ReactNode;
  openLabel: string;
  /** What the opening button acts on, when its label alone does not say (one of several links). */
  openDescribedBy?: string;
  confirmLabel: string;
  /** Does the thing; a throw is shown in the box, and the buttons work again. */
  action: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  // Focusing the opening button in the same handler that closes the dialog finds no button and
  // drops focus to the page's body: the effect runs once it is rendered again. A layout effect, so
  // focus moves as the buttons swap rather than a frame later, when a key may already have landed.
  const opened = useRef(false);
  useLayoutEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (opened.current) openRef.current?.focus();
    opened.current = confirming;
  }, [confirming]);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  }

  return (
    <div className={heading === undefined ? 'confirm-inline' : 'danger-zone'}>
      {heading === undefined ? null : (
        <>
          <h2>{heading}</h2>
          <p className="muted">{explanation}</p>
        </>
      )}
      <ErrorMessage>{error}</ErrorMessage>
      {confirming ? (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-text`}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !busy) setConfirming(false);
          }}
        >
          <p id={`${id}-title`} className="confirm-title">
            {question}
          </p>
          <p id={`${id}-text`}>{detail}</p>
          <div className="actions">
            <button
              ref={confirmRef}
              type="button"
              className="button danger"
              disabled={busy}
              onClick={() => void confirm()}
            >
              {confirmLabel}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => setConfirming(false)}
            >
              {t('actions.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={openRef}
          type="button"
          className="button danger"
          aria-describedby={openDescribedBy}
          onClick={() => setConfirming(true)}
        >
          {openLabel}
        </button>
      )}
    </div>
  );
}
