// "Destroy it now": a recipient who has read a secret with reads left ends it, with the read's own
// credentials, after a confirmation (focus handled as the receipt's revoke box does).
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../core/api.ts';
import { destroyRevealed, type RecipientAccess } from '../../../core/flows.ts';
import { api } from '../config.ts';
import { describeError } from '../errors.ts';
import { ErrorMessage } from './ui.tsx';

/** What the page says once the recipient's destroy is done (or found the secret already gone). */
export function endedText(what: 'secret' | 'file', alreadyGone: boolean): string {
  return alreadyGone
    ? `The ${what} was already gone: the link no longer opens it.`
    : `The ${what} is now destroyed. The link will not open it again.`;
}

export function DestroyBox({
  access,
  what,
  onDestroyed,
}: {
  access: RecipientAccess;
  what: 'secret' | 'file';
  /** `alreadyGone`: the API no longer knew it (read up, expired or ended meanwhile). */
  onDestroyed: (outcome: { alreadyGone: boolean }) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const destroyRef = useRef<HTMLButtonElement>(null);
  // Focus follows the dialog: onto its confirm button when it opens, back to "Destroy it now" when it
  // closes, once that button is rendered again.
  const opened = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (opened.current) destroyRef.current?.focus();
    opened.current = confirming;
  }, [confirming]);

  async function destroy() {
    setBusy(true);
    setError(null);
    try {
      await destroyRevealed(await api(), access);
      onDestroyed({ alreadyGone: false });
    } catch (caught) {
      // Gone already: what the recipient asked for is done.
      if (caught instanceof ApiError && caught.status === 404) {
        return onDestroyed({ alreadyGone: true });
      }
      setError(describeError(caught));
      setBusy(false);
    }
  }

  return (
    <div className="danger-zone">
      <h2>Done with it?</h2>
      <p className="muted">
        Destroy the {what} now, so that nobody else can open the link, even though it has reads
        left. This cannot be undone.
      </p>
      <ErrorMessage>{error}</ErrorMessage>
      {confirming ? (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="destroy-confirm-title"
          aria-describedby="destroy-confirm-text"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !busy) setConfirming(false);
          }}
        >
          <p id="destroy-confirm-title" className="confirm-title">
            Destroy this {what} now?
          </p>
          <p id="destroy-confirm-text">
            The link will not open it again, for you or anyone else.
            {what === 'secret' ? ' Copy it first if you still need it.' : ''}
          </p>
          <div className="actions">
            <button
              ref={confirmRef}
              type="button"
              className="button danger"
              disabled={busy}
              onClick={() => void destroy()}
            >
              Yes, destroy it
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => setConfirming(false)}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={destroyRef}
          type="button"
          className="button danger"
          onClick={() => setConfirming(true)}
        >
          Destroy it now
        </button>
      )}
    </div>
  );
}
