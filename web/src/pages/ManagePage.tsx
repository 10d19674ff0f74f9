// `/m/<id>#<manageToken>`: the sender's receipt (state, reads, expiry) and early revocation.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../config.ts';
import { ApiError, type Receipt, type ReceiptState } from '../../../core/api.ts';
import { LIMITS } from '../../../core/limits.ts';
import { describeError } from '../errors.ts';
import { ConfirmBox } from '../components/ConfirmBox.tsx';
import { formatDate, fromNow, plural } from '../format.ts';
import { Busy, ErrorMessage, FocusedStatus, FocusHeading, Notice } from '../components/ui.tsx';
import { IncompleteLink } from './Messages.tsx';

const STATE_WORDS: Record<ReceiptState, { label: string; detail: string }> = {
  pending: {
    label: 'Uploading',
    detail: 'The file is not sealed yet; the link does not work yet.',
  },
  active: { label: 'Active', detail: 'The link still works.' },
  burned: { label: 'Read and destroyed', detail: 'Every read was used; the secret is gone.' },
  locked: {
    label: `Destroyed after ${LIMITS.maxFailedAttempts} wrong passphrases`,
    detail: 'The secret is gone; nobody can read it now.',
  },
  revoked: { label: 'Revoked', detail: 'You ended it; the secret is gone.' },
  destroyed: {
    label: 'Destroyed by the recipient',
    detail: 'A recipient ended it after reading it, with reads still left; the secret is gone.',
  },
  expired: { label: 'Expired', detail: 'Its time ran out; the secret is gone.' },
};

/** "2 wrong passphrases were tried". */
const wrongTried = (n: number) =>
  `${plural(n, 'wrong passphrase')} ${n === 1 ? 'was' : 'were'} tried`;

/** What the read history says when nobody read the secret: never silent about guessing. */
function noReadsText({ state, failedAttempts }: Receipt): string {
  if (state === 'locked') return 'Nobody read it before it was destroyed.';
  if (state !== 'active' && state !== 'pending') return 'Nobody read it.';
  if (failedAttempts > 0) return `Nobody has read it yet, but ${wrongTried(failedAttempts)}.`;
  return 'Nobody has read it yet.';
}

/** How often an open, visible receipt asks again while its secret can still change. */
const POLL_SECONDS = 10;
const LIVE_STATES: ReadonlySet<ReceiptState> = new Set(['active', 'pending']);

type View =
  | { kind: 'loading' }
  | { kind: 'ready'; receipt: Receipt }
  | { kind: 'gone' }
  | { kind: 'failed'; message: string };

export function ManagePage({ id, fragment }: { id: string; fragment: string }) {
  const token = fragment.replace(/^#/, '');
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return <IncompleteLink />;
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

  // While the secret can still change (read, expire) and the page is in sight, the receipt keeps
  // itself up to date: every POLL_SECONDS, and at once when the tab comes back into view. A poll
  // that fails leaves the last receipt on screen; "Refresh" says why.
  const live = view.kind === 'ready' && LIVE_STATES.has(view.receipt.state);
  useEffect(() => {
    if (!live) return;
    const poll = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        setView({ kind: 'ready', receipt: await (await api()).receipt(id, token) });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) setView({ kind: 'gone' });
      }
    };
    const timer = window.setInterval(() => void poll(), POLL_SECONDS * 1000);
    const onVisible = () => void poll();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [live, id, token]);

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
      {notice ? <FocusedStatus>{notice}</FocusedStatus> : null}
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
        {receipt.failedAttempts > 0 ? (
          <div>
            <dt>Passphrase</dt>
            <dd data-failed-attempts={receipt.failedAttempts}>
              {wrongTried(receipt.failedAttempts)}
            </dd>
          </div>
        ) : null}
      </dl>
      {receipt.state === 'locked' ? (
        <Notice tone="warning">
          <strong>
            Someone with the link tried {LIMITS.maxFailedAttempts} wrong passphrases in a row.
          </strong>{' '}
          If it was not your recipient, the link may have reached someone else.
        </Notice>
      ) : null}
      <h2>Read history</h2>
      {receipt.reads.length === 0 ? (
        <p className="muted" id="reads-empty">
          {noReadsText(receipt)}
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
        {LIVE_STATES.has(receipt.state) ? (
          <p className="hint" id="receipt-live">
            Updates on its own while this page is open.
          </p>
        ) : null}
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
  return (
    <ConfirmBox
      id="confirm"
      heading="Revoke"
      explanation="Destroy the secret now, before anyone else reads it. This cannot be undone."
      question="Revoke this secret?"
      detail="Anyone who opens the link will be told it is no longer available."
      openLabel="Revoke"
      confirmLabel="Yes, revoke it"
      action={async () => {
        try {
          await (await api()).revoke(id, token);
        } catch (caught) {
          if (caught instanceof ApiError && caught.status === 404) return onGone();
          throw caught;
        }
        await onRevoked();
      }}
    />
  );
}
