// `/m/<id>#<manageToken>`: the sender's receipt (state, reads, opening time, expiry) and early
// revocation.
import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../config.ts';
import { ApiError, type Receipt, type ReceiptState } from '../../../core/api.ts';
import { LIMITS } from '../../../core/limits.ts';
import { describeError } from '../errors.ts';
import { ConfirmBox } from '../components/ConfirmBox.tsx';
import { formatDate, formatDateWithZone, fromNow } from '../format.ts';
import { Busy, ErrorMessage, FocusedStatus, FocusHeading, Notice } from '../components/ui.tsx';
import { IncompleteLink } from './Messages.tsx';

type T = TFunction<'manage'>;

/** A state's name: "Destroyed after 5 wrong passphrases" counts, the others do not. */
function stateLabel(t: T, state: ReceiptState): string {
  return state === 'locked'
    ? t('states.locked.label', { count: LIMITS.maxFailedAttempts })
    : t(`states.${state}.label`);
}

/** What the read history says when nobody read the secret: never silent about guessing. */
function noReadsText(t: T, { state, failedAttempts }: Receipt): string {
  if (state === 'locked') return t('history.noneBeforeLock');
  if (state !== 'active' && state !== 'pending') return t('history.none');
  if (failedAttempts > 0) return t('history.noneYetButWrong', { count: failedAttempts });
  return t('history.noneYet');
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
  const { t } = useTranslation('manage');
  const [view, setView] = useState<View>({ kind: 'loading' });
  // Kept as a fact, not a sentence, so a language switch re-renders it.
  const [revoked, setRevoked] = useState(false);

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
        <h1>{t('heading')}</h1>
        <Busy label={t('loading')} />
      </section>
    );
  }
  if (view.kind === 'gone') {
    return (
      <section className="card message" aria-labelledby="gone-heading">
        <FocusHeading id="gone-heading" level={1}>
          {t('gone.heading')}
        </FocusHeading>
        <p>{t('gone.body')}</p>
      </section>
    );
  }
  if (view.kind === 'failed') {
    return (
      <section className="card" aria-labelledby="failed-heading">
        <FocusHeading id="failed-heading" level={1}>
          {t('failed.heading')}
        </FocusHeading>
        <ErrorMessage>{view.message}</ErrorMessage>
        <button type="button" className="button primary" onClick={() => void load()}>
          {t('failed.retry')}
        </button>
      </section>
    );
  }
  const { receipt } = view;
  const used = receipt.maxReads - receipt.remainingReads;
  // Said with its countdown while the link can still open; afterwards it stays, as a fact.
  const opensLater =
    receipt.notBefore !== undefined &&
    LIVE_STATES.has(receipt.state) &&
    new Date(receipt.notBefore).getTime() > Date.now();
  return (
    <section className="card" aria-labelledby="receipt-heading">
      <h1 id="receipt-heading">{t('heading')}</h1>
      {revoked ? <FocusedStatus>{t('revoke.done')}</FocusedStatus> : null}
      <dl className="facts">
        <div>
          <dt>{t('facts.state')}</dt>
          <dd>
            <span className={`badge ${receipt.state}`} data-state={receipt.state}>
              {stateLabel(t, receipt.state)}
            </span>{' '}
            <span className="muted">{t(`states.${receipt.state}.detail`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('facts.reads')}</dt>
          <dd>
            {receipt.state === 'active'
              ? t('facts.readsUsedRemaining', {
                  used,
                  max: receipt.maxReads,
                  count: receipt.remainingReads,
                })
              : t('facts.readsUsed', { used, max: receipt.maxReads })}
          </dd>
        </div>
        {receipt.notBefore !== undefined ? (
          <div>
            <dt>{opensLater ? t('facts.opens') : t('facts.openingTime')}</dt>
            <dd data-not-before={receipt.notBefore}>
              {opensLater ? (
                <Trans
                  t={t}
                  i18nKey="facts.opensAt"
                  values={{
                    relative: fromNow(receipt.notBefore),
                    date: formatDateWithZone(receipt.notBefore),
                  }}
                  components={{ time: <time dateTime={receipt.notBefore} /> }}
                />
              ) : (
                <time dateTime={receipt.notBefore}>{formatDateWithZone(receipt.notBefore)}</time>
              )}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{receipt.state === 'active' ? t('facts.expires') : t('facts.wouldHaveExpired')}</dt>
          <dd>
            {receipt.state === 'active' ? (
              <Trans
                t={t}
                i18nKey="facts.expiresAt"
                values={{
                  relative: fromNow(receipt.expiresAt),
                  date: formatDate(receipt.expiresAt),
                }}
                components={{ time: <time dateTime={receipt.expiresAt} /> }}
              />
            ) : (
              <time dateTime={receipt.expiresAt}>{formatDate(receipt.expiresAt)}</time>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('facts.created')}</dt>
          <dd>
            <time dateTime={receipt.createdAt}>{formatDate(receipt.createdAt)}</time>
          </dd>
        </div>
        {receipt.failedAttempts > 0 ? (
          <div>
            <dt>{t('facts.passphrase')}</dt>
            <dd data-failed-attempts={receipt.failedAttempts}>
              {t('facts.wrongTried', { count: receipt.failedAttempts })}
            </dd>
          </div>
        ) : null}
      </dl>
      {receipt.state === 'locked' ? (
        <Notice tone="warning">
          <Trans
            t={t}
            i18nKey="lockedWarning"
            count={LIMITS.maxFailedAttempts}
            components={{ strong: <strong /> }}
          />
        </Notice>
      ) : null}
      <h2>{t('history.heading')}</h2>
      {receipt.reads.length === 0 ? (
        <p className="muted" id="reads-empty">
          {noReadsText(t, receipt)}
        </p>
      ) : (
        <ol className="reads" aria-label={t('history.heading')}>
          {receipt.reads.map((read, index) => (
            <li key={`${read.at}-${index}`}>
              <Trans
                t={t}
                i18nKey="history.entry"
                values={{
                  number: index + 1,
                  date: formatDate(read.at),
                  relative: fromNow(read.at),
                }}
                components={{
                  time: <time dateTime={read.at} />,
                  muted: <span className="muted" />,
                }}
              />
            </li>
          ))}
        </ol>
      )}
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => void load()}>
          {t('refresh')}
        </button>
        {LIVE_STATES.has(receipt.state) ? (
          <p className="hint" id="receipt-live">
            {t('live')}
          </p>
        ) : null}
      </div>
      {receipt.state === 'active' ? (
        <RevokeBox
          id={id}
          token={token}
          onRevoked={async () => {
            setRevoked(true);
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
  const { t } = useTranslation('manage');
  return (
    <ConfirmBox
      id="confirm"
      heading={t('revoke.heading')}
      explanation={t('revoke.explanation')}
      question={t('revoke.question')}
      detail={t('revoke.detail')}
      openLabel={t('revoke.open')}
      confirmLabel={t('revoke.confirm')}
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
