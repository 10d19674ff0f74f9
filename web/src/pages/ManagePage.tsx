// `/m/<id>#<manageToken>` (or `#<manageToken>.<labelKey>` when recipients have labels): the sender's
// receipt (state, reads, opening time, expiry) and early revocation; for a secret shared with several
// recipients, each link's state and reads, its label decrypted here, and revoking one link; for a
// secret request, whether it has been filled, and withdrawing it.
import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../config.ts';
import { ApiError, type ReceiptState } from '../../../core/api.ts';
import { parseManageSecret } from '../../../core/envelope.ts';
import { openReceipt, type OpenedReceipt } from '../../../core/flows.ts';
import { LIMITS } from '../../../core/limits.ts';
import { describeError } from '../errors.ts';
import { ConfirmBox } from '../components/ConfirmBox.tsx';
import { formatDate, formatDateWithZone, formatNumber, fromNow } from '../format.ts';
import { Busy, ErrorMessage, FocusedStatus, FocusHeading, Notice } from '../components/ui.tsx';
import { IncompleteLink } from './Messages.tsx';

type T = TFunction<'manage'>;
type Receipt = OpenedReceipt;
type LinkReceipt = NonNullable<Receipt['recipients']>[number];

/** States a request's receipt words as a request's: filled rather than active, and so on. */
const REQUEST_WORDED = ['active', 'burned', 'revoked', 'expired'] as const;
const isRequestWorded = (state: ReceiptState): state is (typeof REQUEST_WORDED)[number] =>
  (REQUEST_WORDED as readonly ReceiptState[]).includes(state);

/** A state's name: "Destroyed after 5 wrong passphrases" counts, the others do not. */
function stateLabel(t: T, state: ReceiptState, request = false): string {
  if (request && state === 'active') return t('request.states.active.label');
  return state === 'locked'
    ? t('states.locked.label', { count: LIMITS.maxFailedAttempts })
    : t(`states.${state}.label`);
}

/** What a state means for the whole secret (a request's, or one shared over several links). */
function stateDetail(t: T, receipt: Receipt): string {
  const { state } = receipt;
  if (receipt.kind === 'request' && isRequestWorded(state))
    return t(`request.states.${state}.detail`);
  if (receipt.recipients !== undefined && receipt.recipients.length > 1 && state === 'active')
    return t('states.active.detailSeveral');
  return t(`states.${state}.detail`);
}

/** What the read history says when nobody read the secret (or a link): never silent about guessing. */
function noReadsText(
  t: T,
  { state, failedAttempts }: Pick<Receipt, 'state' | 'failedAttempts'>,
): string {
  if (state === 'locked') return t('history.noneBeforeLock');
  if (!LIVE_STATES.has(state)) return t('history.none');
  if (failedAttempts > 0) return t('history.noneYetButWrong', { count: failedAttempts });
  return t('history.noneYet');
}

/** The reads so far, oldest first, or what the absence of any says. */
function ReadHistory({
  t,
  reads,
  empty,
  label,
  emptyId,
}: {
  t: T;
  reads: Receipt['reads'];
  empty: string;
  label: string;
  emptyId?: string;
}) {
  if (reads.length === 0) {
    return (
      <p className="muted" id={emptyId}>
        {empty}
      </p>
    );
  }
  return (
    <ol className="reads" aria-label={label}>
      {reads.map((read, index) => (
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
  );
}

/** "3 of 5 used, 2 reads remaining" while it can be read, else "3 of 5 used". */
function readsText(t: T, { state, maxReads, remainingReads }: Receipt | LinkReceipt): string {
  const used = maxReads - remainingReads;
  return state === 'active'
    ? t('facts.readsUsedRemaining', { used, max: maxReads, count: remainingReads })
    : t('facts.readsUsed', { used, max: maxReads });
}

/** How often an open, visible receipt asks again while its secret can still change. */
const POLL_SECONDS = 10;
const LIVE_STATES: ReadonlySet<ReceiptState> = new Set(['active', 'pending', 'awaiting']);
/** States in which the link can still be used, so the expiry ahead is said as a countdown. */
const OPEN_STATES: ReadonlySet<ReceiptState> = new Set(['active', 'awaiting']);

type View =
  | { kind: 'loading' }
  | { kind: 'ready'; receipt: Receipt }
  | { kind: 'gone' }
  | { kind: 'failed'; message: string };

/**
 * The manage link's fragment: the manage token, and after a `.` the key that opens the recipients'
 * labels; null when either is missing, cut short or not what it should be.
 */
function manageSecretOf(fragment: string): { credential: string; token: string } | null {
  const credential = fragment.replace(/^#/, '');
  if (credential.split('.').length > 2) return null;
  try {
    const { manageToken } = parseManageSecret(credential);
    return /^[A-Za-z0-9_-]{43}$/.test(manageToken) ? { credential, token: manageToken } : null;
  } catch {
    return null;
  }
}

export function ManagePage({ id, fragment }: { id: string; fragment: string }) {
  const secret = manageSecretOf(fragment);
  if (secret === null) return <IncompleteLink />;
  return <Manage id={id} credential={secret.credential} token={secret.token} />;
}

/** What the sender ended from here: the whole secret (worded as it was), or one link. */
type Ended = 'revoke' | 'revokeAll' | 'revokeRequest' | 'withdraw';

/**
 * `credential`, the whole fragment, opens the receipt (its label key decrypts the labels here); the
 * manage token alone is what the API is sent, for the receipt and for revoking.
 */
function Manage({ id, credential, token }: { id: string; credential: string; token: string }) {
  const { t } = useTranslation('manage');
  const [view, setView] = useState<View>({ kind: 'loading' });
  // Kept as a fact, not a sentence, so a language switch re-renders it: what was ended, if anything.
  const [revoked, setRevoked] = useState<Ended | null>(null);
  const [linkRevoked, setLinkRevoked] = useState<number | null>(null);

  const fetchReceipt = useCallback(
    async () => openReceipt(await api(), { id, credential }),
    [id, credential],
  );

  const load = useCallback(async () => {
    try {
      const receipt = await fetchReceipt();
      setView({ kind: 'ready', receipt });
    } catch (error) {
      setView(
        error instanceof ApiError && error.status === 404
          ? { kind: 'gone' }
          : { kind: 'failed', message: describeError(error) },
      );
    }
  }, [fetchReceipt]);

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
        setView({ kind: 'ready', receipt: await fetchReceipt() });
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
  }, [live, fetchReceipt]);

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
  const isRequest = receipt.kind === 'request';
  const links = receipt.recipients;
  const several = links !== undefined && links.length > 1;
  const open = OPEN_STATES.has(receipt.state);
  // Said with its countdown while the link can still open; afterwards it stays, as a fact.
  const opensLater =
    receipt.notBefore !== undefined &&
    LIVE_STATES.has(receipt.state) &&
    new Date(receipt.notBefore).getTime() > Date.now();
  // A request not filled yet is withdrawn (its fill link stops working); a filled one is revoked as a
  // request's; a secret with several links has all of them ended at once.
  const wording: Ended =
    receipt.state === 'awaiting'
      ? 'withdraw'
      : isRequest
        ? 'revokeRequest'
        : several
          ? 'revokeAll'
          : 'revoke';
  return (
    <section className="card" aria-labelledby="receipt-heading">
      <h1 id="receipt-heading">{isRequest ? t('request.heading') : t('heading')}</h1>
      {revoked !== null ? <FocusedStatus>{t(`${revoked}.done`)}</FocusedStatus> : null}
      <dl className="facts">
        <div>
          <dt>{t('facts.state')}</dt>
          <dd>
            <span className={`badge ${receipt.state}`} data-state={receipt.state}>
              {stateLabel(t, receipt.state, isRequest)}
            </span>{' '}
            <span className="muted">{stateDetail(t, receipt)}</span>
          </dd>
        </div>
        <div>
          <dt>{several ? t('facts.readsAll') : t('facts.reads')}</dt>
          <dd>{readsText(t, receipt)}</dd>
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
          <dt>{open ? t('facts.expires') : t('facts.wouldHaveExpired')}</dt>
          <dd>
            {open ? (
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
      {links === undefined ? (
        <>
          <h2>{t('history.heading')}</h2>
          <ReadHistory
            t={t}
            reads={receipt.reads}
            empty={noReadsText(t, receipt)}
            label={t('history.heading')}
            emptyId="reads-empty"
          />
        </>
      ) : (
        <>
          <h2>{t('links.heading')}</h2>
          <ol className="recipient-receipts">
            {links.map((link) => (
              <LinkEntry
                key={link.index}
                id={id}
                token={token}
                link={link}
                // One link alone is the whole secret: the revoke below ends it.
                revocable={several && open && link.state === 'active'}
                justRevoked={linkRevoked === link.index}
                onRevoked={async () => {
                  setLinkRevoked(link.index);
                  await load();
                }}
                onGone={() => setView({ kind: 'gone' })}
              />
            ))}
          </ol>
        </>
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
      {open ? (
        <RevokeBox
          id={id}
          token={token}
          wording={wording}
          onRevoked={async (ended) => {
            setRevoked(ended);
            await load();
          }}
          onGone={() => setView({ kind: 'gone' })}
        />
      ) : null}
    </section>
  );
}

/**
 * One of several links: its number and label, state, reads and their times, wrong passphrases, and
 * "Revoke this link" while it works, which ends it alone.
 */
function LinkEntry({
  id,
  token,
  link,
  revocable,
  justRevoked,
  onRevoked,
  onGone,
}: {
  id: string;
  token: string;
  link: LinkReceipt;
  revocable: boolean;
  /** This link was revoked from here just now: said, with focus, where its button was. */
  justRevoked: boolean;
  onRevoked: () => Promise<void>;
  onGone: () => void;
}) {
  const { t } = useTranslation('manage');
  const number = formatNumber(link.index + 1);
  const titleId = `link-${link.index}-title`;
  return (
    <li className="recipient-receipt" data-recipient={link.index}>
      <h3 id={titleId}>
        {t('links.linkNumber', { number })}
        {link.label !== undefined ? (
          <>
            {' '}
            <bdi className="recipient-label">{link.label}</bdi>
          </>
        ) : null}
      </h3>
      <dl className="facts">
        <div>
          <dt>{t('facts.state')}</dt>
          <dd>
            <span className={`badge ${link.state}`} data-state={link.state}>
              {stateLabel(t, link.state)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('facts.reads')}</dt>
          <dd data-reads-left={link.remainingReads}>{readsText(t, link)}</dd>
        </div>
        {link.failedAttempts > 0 ? (
          <div>
            <dt>{t('facts.passphrase')}</dt>
            <dd data-failed-attempts={link.failedAttempts}>
              {t('facts.wrongTried', { count: link.failedAttempts })}
            </dd>
          </div>
        ) : null}
      </dl>
      <ReadHistory
        t={t}
        reads={link.reads}
        empty={noReadsText(t, link)}
        label={t('links.readsOf', { number })}
      />
      {justRevoked ? <FocusedStatus>{t('links.revoked', { number })}</FocusedStatus> : null}
      {revocable ? (
        <ConfirmBox
          id={`confirm-link-${link.index}`}
          question={t('links.revokeQuestion', { number })}
          detail={t('links.revokeDetail')}
          openLabel={t('links.revokeOpen')}
          openDescribedBy={titleId}
          confirmLabel={t('links.revokeConfirm')}
          action={async () => {
            try {
              await (await api()).revokeRecipient(id, token, link.index);
            } catch (caught) {
              if (caught instanceof ApiError && caught.status === 404) return onGone();
              throw caught;
            }
            await onRevoked();
          }}
        />
      ) : null}
    </li>
  );
}

function RevokeBox({
  id,
  token,
  wording,
  onRevoked,
  onGone,
}: {
  id: string;
  token: string;
  wording: Ended;
  onRevoked: (wording: Ended) => Promise<void>;
  onGone: () => void;
}) {
  const { t } = useTranslation('manage');
  return (
    <ConfirmBox
      id="confirm"
      heading={t(`${wording}.heading`)}
      explanation={t(`${wording}.explanation`)}
      question={t(`${wording}.question`)}
      detail={t(`${wording}.detail`)}
      openLabel={t(`${wording}.open`)}
      confirmLabel={t(`${wording}.confirm`)}
      action={async () => {
        try {
          await (await api()).revoke(id, token);
        } catch (caught) {
          if (caught instanceof ApiError && caught.status === 404) return onGone();
          throw caught;
        }
        await onRevoked(wording);
      }}
    />
  );
}
