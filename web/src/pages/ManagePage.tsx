// `/m/<id>#<manageToken>`: the sender's receipt (state, reads, expiry) and early revocation.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../config.ts';
import { ApiError, type Receipt, type ReceiptState } from '../../../core/api.ts';
import { describeError } from '../errors.ts';
import { formatDate, fromNow, plural } from '../format.ts';
import { Busy, ErrorMessage, FocusHeading, Notice } from '../components/ui.tsx';
import { IncompleteLink } from './Messages.tsx';

const STATE_WORDS: Record<ReceiptState, { label: string; detail: string }> = {
  pending: {
    label: 'Uploading',
    detail: 'The file is not sealed yet; the link does not work yet.',
  },
  active: { label: 'Active', detail: 'The link still works.' },
  burned: { label: 'Read and destroyed', detail: 'Every read was used; the secret is gone.' },
  revoked: { label: 'Revoked', detail: 'You ended it; the secret is gone.' },
  expired: { label: 'Expired', detail: 'Its time ran out; the secret is gone.' },
};

type View =
  | { kind: 'loading' }
  | { kind: 'ready'; receipt: Receipt }
  | { kind: 'gone' }
  | { kind: 'failed'; message: string };

export function ManagePage({ id, fragment }: { id: string; fragment: string }) {
  const token = fragment.replace(/^#/, '');
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return <IncompleteLink what="manage" />;
  return <Manage id={id} token={token} />;
}

function Manage({ id, token }: { id: string; token: string }) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const receipt = await (await api()).receipt(id, token);
      setView({ kind: 'ready', receipt });
    } catch (error) {
      setView(
        error instanceof ApiError && error.status === 404
          ? { kind: 'gone' }
          : { kind: 'failed', message: describeError(error) },
      );
    }
  }, [id, token]);

  useEffect(() => {
    void load();
  }, [load]);

  if (view.kind === 'loading') {
    return (
      <section className="card">
        <h1>Secret receipt</h1>
        <Busy label="Loading the receipt" />
      </section>
    );
  }
  if (view.kind === 'gone') {
    return (
      <section className="card message" aria-labelledby="gone-heading">
        <FocusHeading id="gone-heading" level={1}>
          This receipt is no longer available
        </FocusHeading>
        <p>
          The manage link is wrong, or the secret ended long enough ago that even its receipt has
          been deleted.
        </p>
      </section>
    );
  }
  if (view.kind === 'failed') {
    return (
      <section className="card" aria-labelledby="failed-heading">
        <FocusHeading id="failed-heading" level={1}>
          Could not load the receipt
        </FocusHeading>
        <ErrorMessage>{view.message}</ErrorMessage>
        <button type="button" className="button primary" onClick={() => void load()}>
          Try again
        </button>
      </section>
    );
  }
  const { receipt } = view;
  const state = STATE_WORDS[receipt.state];
  const used = receipt.maxReads - receipt.remainingReads;
  return (
    <section className="card" aria-labelledby="receipt-heading">
      <h1 id="receipt-heading">Secret receipt</h1>
      {notice ? (
        <div role="status">
          <Notice tone="success">{notice}</Notice>
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>State</dt>
          <dd>
            <span className={`badge ${receipt.state}`} data-state={receipt.state}>
              {state.label}
            </span>{' '}
            <span className="muted">{state.detail}</span>
          </dd>
        </div>
        <div>
          <dt>Reads</dt>
          <dd>
            {used} of {receipt.maxReads} used
            {receipt.state === 'active'
              ? `, ${plural(receipt.remainingReads, 'read')} remaining`
              : ''}
          </dd>
        </div>
        <div>
          <dt>{receipt.state === 'active' ? 'Expires' : 'Would have expired'}</dt>
          <dd>
            {receipt.state === 'active' ? `${fromNow(receipt.expiresAt)}, ` : null}
            <time dateTime={receipt.expiresAt}>{formatDate(receipt.expiresAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <time dateTime={receipt.createdAt}>{formatDate(receipt.createdAt)}</time>
          </dd>
        </div>
      </dl>
      <h2>Read history</h2>
      {receipt.reads.length === 0 ? (
        <p className="muted" id="reads-empty">
          Nobody has read it yet.
        </p>
      ) : (
        <ol className="reads" aria-label="Read history">
          {receipt.reads.map((read, index) => (
            <li key={`${read.at}-${index}`}>
              Read {index + 1}: <time dateTime={read.at}>{formatDate(read.at)}</time>{' '}
              <span className="muted">({fromNow(read.at)})</span>
            </li>
          ))}
        </ol>
      )}
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      {receipt.state === 'active' ? (
        <RevokeBox
          id={id}
          token={token}
          onRevoked={async () => {
            setNotice('The secret was revoked. The link no longer opens it.');
            await load();
          }}
          onGone={() => setView({ kind: 'gone' })}
        />
      ) : null}
    </section>
  );
}

function RevokeBox({
  id,
  token,
  onRevoked,
  onGone,
}: {
  id: string;
  token: string;
  onRevoked: () => Promise<void>;
  onGone: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const revokeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      await (await api()).revoke(id, token);
      await onRevoked();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) return onGone();
      setError(describeError(caught));
      setBusy(false);
    }
  }

  return (
    <div className="danger-zone">
      <h2>Revoke</h2>
      <p className="muted">
        Destroy the secret now, before anyone else reads it. This cannot be undone.
      </p>
      <ErrorMessage>{error}</ErrorMessage>
      {confirming ? (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="confirm-title"
          aria-describedby="confirm-text"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !busy) {
              setConfirming(false);
              revokeRef.current?.focus();
            }
          }}
        >
          <p id="confirm-title" className="confirm-title">
            Revoke this secret?
          </p>
          <p id="confirm-text">Anyone who opens the link will be told it is no longer available.</p>
          <div className="actions">
            <button
              ref={confirmRef}
              type="button"
              className="button danger"
              disabled={busy}
              onClick={revoke}
            >
              Yes, revoke it
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
          ref={revokeRef}
          type="button"
          className="button danger"
          onClick={() => setConfirming(true)}
        >
          Revoke
        </button>
      )}
    </div>
  );
}
