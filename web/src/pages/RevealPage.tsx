// `/s/<id>#<K>`, or `#<K>.<t>` for one recipient's link of several: shows what a link holds without
// consuming it; a read is spent only on "Reveal secret" (or, for a file, "Reveal and save file"). The
// key stays in the address bar until then (a reload still works) and leaves it with the read. A link
// without K (sent apart) asks for it. A secret whose opening time is ahead shows a countdown instead
// of the button, and offers it once the time comes.
// A secret request's retrieve link opens here too: until the request is filled it waits, checking
// again (meta, which spends nothing) only when asked; once filled it reveals like a text.
import { LIMITS } from '../../../core/limits.ts';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../config.ts';
import { ApiError } from '../../../core/api.ts';
import { parseLinkSecret } from '../../../core/envelope.ts';
import { parseLink } from '../../../core/links.ts';
import {
  prepareReveal,
  revealSecret,
  UndecryptableError,
  type RecipientAccess,
  type RevealedFile,
  type SecretToReveal,
} from '../../../core/flows.ts';
import { describeError } from '../errors.ts';
import { chooseSaveStart, type SaveStart } from '../files/save-start.ts';
import { ShowToggle } from '../components/passphrase.tsx';

// The download and decryption code comes only with a file link: fetched as soon as the link is
// known to hold one, so it is there by the time the recipient has clicked.
const loadFileView = () => import('../files/RevealedFile.tsx');
const RevealedFileView = lazy(async () => ({ default: (await loadFileView()).RevealedFileView }));
import { formatDate, formatDateWithZone, formatDuration, formatTime, fromNow } from '../format.ts';
import { Busy, CopyButton, ErrorMessage, FocusHeading, Notice } from '../components/ui.tsx';
import { DestroyBox, DestroyedStatus } from '../components/DestroyBox.tsx';
import { NoLongerAvailable } from './Messages.tsx';

type View =
  | { kind: 'loading' }
  | { kind: 'awaiting'; secret: SecretToReveal }
  | { kind: 'ready'; secret: SecretToReveal; filledNow: boolean }
  | {
      kind: 'revealed';
      text: string | null;
      bytes: Uint8Array;
      remainingReads: number;
      expiresAt: string;
      access: RecipientAccess;
      hidden: boolean;
    }
  | { kind: 'file'; file: RevealedFile; start: SaveStart }
  | { kind: 'gone' }
  | { kind: 'failed'; message: string };

interface RevealedText {
  text: string | null;
  bytes: Uint8Array;
  remainingReads: number;
  expiresAt: string;
  access: RecipientAccess;
  /** The sender asked for the secret to show hidden until the recipient asks. */
  hidden: boolean;
}

/** What the reveal is doing: words chosen at render, so they follow a change of language. */
type Step = { kind: 'unlocking' } | { kind: 'revealing' } | { kind: 'choosingPlace'; name: string };

/** Why the reveal did not happen; the field stays for another try. */
type RevealProblem =
  | { kind: 'noPassphrase' }
  | { kind: 'wrongPassphrase'; attemptsLeft: number | undefined }
  | { kind: 'undecryptable' }
  | { kind: 'other'; message: string };

/** Why a pasted key or link does not open this secret (`keyPrompt.problems.*`). */
type KeyProblem =
  | 'empty'
  | 'notALink'
  | 'manageLink'
  | 'fillLink'
  | 'otherSecret'
  | 'linkWithoutKey'
  | 'linkKeyIncomplete'
  | 'incompleteKey';

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** A request nobody has filled yet: its retrieve link has nothing to read. */
const awaitingFill = (secret: SecretToReveal) =>
  secret.meta.kind === 'request' && secret.meta.filled !== true;

/** The view a checked link leads to; `checked`: a "Check again" found it filled just now. */
const viewOf = (secret: SecretToReveal, checked = false): View =>
  awaitingFill(secret)
    ? { kind: 'awaiting', secret }
    : { kind: 'ready', secret, filledNow: checked };

/**
 * After the API's `not_yet_open` at a time this browser's clock has passed already (it runs ahead of
 * the server's), the shortest wait before the button comes back: the answer does not say how far
 * ahead, and trying again spends nothing.
 */
const NOT_YET_OPEN_RETRY_MS = 5000;

/** When the secret opens: the moment to show, and when this browser offers the reveal again. */
interface Opening {
  readonly at: string;
  readonly until: number;
}

/** The opening time still ahead by this browser's clock, or null. */
function openingAhead(notBefore: string | undefined): Opening | null {
  if (notBefore === undefined) return null;
  const until = new Date(notBefore).getTime();
  return until > Date.now() ? { at: notBefore, until } : null;
}

/** K, or K and one recipient's own part (`K.t`): what a link's fragment holds when it is whole. */
const isKey = (text: string) => {
  try {
    parseLinkSecret(text);
    return true;
  } catch {
    return false;
  }
};

export function RevealPage({ id, fragment }: { id: string; fragment: string }) {
  const [key, setKey] = useState<{ value: string; entered: boolean } | null>(() =>
    isKey(fragment) ? { value: fragment, entered: false } : null,
  );
  if (key === null) {
    return (
      <KeyPrompt
        id={id}
        cutShort={fragment !== ''}
        onKey={(value) => setKey({ value, entered: true })}
      />
    );
  }
  return <Reveal id={id} credential={key.value} keyEntered={key.entered} />;
}

/**
 * The key a person pasted: K itself (with or without its `#`), or the whole link it came in (a
 * recipient's link, `#K.t`, included).
 */
function keyFrom(text: string, id: string): { key: string } | { problem: KeyProblem } {
  const pasted = text.trim();
  if (pasted === '') return { problem: 'empty' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pasted)) {
    let link;
    try {
      link = parseLink(pasted, { keyless: true });
    } catch {
      return { problem: 'notALink' };
    }
    if (link.kind === 'fill') return { problem: 'fillLink' };
    if (link.kind !== 'secret') return { problem: 'manageLink' };
    if (link.id !== id) return { problem: 'otherSecret' };
    if (link.credential === '') return { problem: 'linkWithoutKey' };
    if (!isKey(link.credential)) return { problem: 'linkKeyIncomplete' };
    return { key: link.credential };
  }
  const key = pasted.replace(/^#/, '');
  if (!isKey(key)) return { problem: 'incompleteKey' };
  return { key };
}

/**
 * A link without its key, or with one cut short: asks for it. Never says the link is damaged: it
 * may just have been sent without its key, or revealed in this tab already (the key left then).
 */
function KeyPrompt({
  id,
  cutShort,
  onKey,
}: {
  id: string;
  cutShort: boolean;
  onKey: (key: string) => void;
}) {
  const { t } = useTranslation('reveal');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<KeyProblem | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = keyFrom(value, id);
    if ('key' in found) return onKey(found.key);
    setProblem(found.problem);
    inputRef.current?.focus();
  }

  return (
    <section className="card" aria-labelledby="key-heading">
      <FocusHeading id="key-heading" level={1}>
        {t('keyPrompt.heading')}
      </FocusHeading>
      <p>{cutShort ? t('keyPrompt.cutShort') : t('keyPrompt.withoutKey')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="key">{t('keyPrompt.keyLabel')}</label>
          <input
            id="key"
            dir="ltr"
            ref={inputRef}
            className="mono"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck="false"
            aria-invalid={problem !== null}
            aria-describedby={problem === null ? 'key-hint' : 'key-hint key-problem'}
          />
          <p id="key-hint" className="hint">
            {t('keyPrompt.keyHint')}
          </p>
        </div>
        <ErrorMessage id="key-problem">
          {problem === null ? null : t(`keyPrompt.problems.${problem}`)}
        </ErrorMessage>
        <button type="submit" className="button primary">
          {t('keyPrompt.continue')}
        </button>
      </form>
      <p className="muted">{t('keyPrompt.alreadyRevealed')}</p>
    </section>
  );
}

/** After the read: K opens nothing more here, so the address bar, its history entry and bookmarks lose it. */
function takeKeyOutOfAddressBar() {
  if (window.location.hash === '') return;
  window.history.replaceState(
    window.history.state,
    '',
    window.location.pathname + window.location.search,
  );
}

function Reveal({
  id,
  credential,
  keyEntered,
}: {
  id: string;
  credential: string;
  keyEntered: boolean;
}) {
  const { t } = useTranslation('reveal');
  const [view, setView] = useState<View>({ kind: 'loading' });

  const load = useCallback(async () => {
    setView({ kind: 'loading' });
    try {
      setView(viewOf(await prepareReveal(await api(), { id, credential })));
    } catch (error) {
      setView(
        isNotFound(error) ? { kind: 'gone' } : { kind: 'failed', message: describeError(error) },
      );
    }
  }, [id, credential]);

  useEffect(() => {
    void load();
  }, [load]);

  switch (view.kind) {
    case 'loading':
      return (
        <section className="card">
          <h1>{t('loading.heading')}</h1>
          <Busy label={t('loading.busy')} />
        </section>
      );
    case 'gone':
      return <NoLongerAvailable keyEntered={keyEntered} />;
    case 'failed':
      return (
        <section className="card" aria-labelledby="failed-heading">
          <FocusHeading id="failed-heading" level={1}>
            {t('failed.heading')}
          </FocusHeading>
          <ErrorMessage>{view.message}</ErrorMessage>
          <p className="muted">{t('failed.nothingRead')}</p>
          <button type="button" className="button primary" onClick={() => void load()}>
            {t('failed.retry')}
          </button>
        </section>
      );
    case 'awaiting':
      return (
        <AwaitingFill
          id={id}
          credential={credential}
          secret={view.secret}
          onChecked={(secret) => setView(viewOf(secret, true))}
          onGone={() => setView({ kind: 'gone' })}
        />
      );
    case 'ready':
      return (
        <ReadyToReveal
          secret={view.secret}
          filledNow={view.filledNow}
          onNotFilled={() => setView({ kind: 'awaiting', secret: view.secret })}
          onRevealed={(revealed) => {
            takeKeyOutOfAddressBar();
            setView({ kind: 'revealed', ...revealed });
          }}
          onRevealedFile={(file, start) => {
            takeKeyOutOfAddressBar();
            setView({ kind: 'file', file, start });
          }}
          onGone={() => setView({ kind: 'gone' })}
        />
      );
    case 'revealed':
      return <Revealed {...view} />;
    case 'file':
      return (
        <Suspense fallback={<Busy label={t('preparingDownload')} />}>
          <RevealedFileView file={view.file} start={view.start} />
        </Suspense>
      );
  }
}

/**
 * A retrieve link whose request nobody has filled yet. "Check again" asks meta, which spends nothing;
 * the page never reads by itself, so a filled request still waits for the requester's click.
 */
function AwaitingFill({
  id,
  credential,
  secret,
  onChecked,
  onGone,
}: {
  id: string;
  credential: string;
  secret: SecretToReveal;
  onChecked: (secret: SecretToReveal) => void;
  onGone: () => void;
}) {
  const { t } = useTranslation('reveal');
  const [checking, setChecking] = useState(false);
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { expiresAt } = secret.meta;

  async function check() {
    setChecking(true);
    setError(null);
    let checked: SecretToReveal;
    try {
      checked = await prepareReveal(await api(), { id, credential });
    } catch (caught) {
      setChecking(false);
      if (isNotFound(caught)) return onGone();
      setError(describeError(caught));
      return;
    }
    setChecking(false);
    if (awaitingFill(checked)) setCheckedAt(new Date().toISOString());
    else onChecked(checked);
  }

  return (
    <section className="card" aria-labelledby="awaiting-heading">
      <FocusHeading id="awaiting-heading" level={1}>
        {t('request.waitingHeading')}
      </FocusHeading>
      <p>{t('request.waitingBody')}</p>
      <dl className="facts">
        <div>
          <dt>{t('ready.expires')}</dt>
          <dd>
            <Trans
              t={t}
              i18nKey="ready.expiresValue"
              values={{ relative: fromNow(expiresAt), date: formatDate(expiresAt) }}
              components={{ time: <time dateTime={expiresAt} /> }}
            />
          </dd>
        </div>
      </dl>
      <Notice tone="info">{t('request.keepLink')}</Notice>
      <p role="status" className="hint">
        {checkedAt === null ? null : t('request.stillWaiting', { time: formatTime(checkedAt) })}
      </p>
      <ErrorMessage>{error}</ErrorMessage>
      {checking ? <Busy label={t('request.checking')} /> : null}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          onClick={() => void check()}
          disabled={checking}
        >
          {t('request.checkAgain')}
        </button>
      </div>
    </section>
  );
}

function ReadyToReveal({
  secret,
  filledNow,
  onNotFilled,
  onRevealed,
  onRevealedFile,
  onGone,
}: {
  secret: SecretToReveal;
  /** A request "Check again" just found filled: said, and the heading takes the focus. */
  filledNow: boolean;
  /** The read found the request not filled after all (nothing was spent). */
  onNotFilled: () => void;
  onRevealed: (revealed: RevealedText) => void;
  onRevealedFile: (file: RevealedFile, start: SaveStart) => void;
  onGone: () => void;
}) {
  const { t } = useTranslation('reveal');
  const [passphrase, setPassphrase] = useState('');
  const [passphraseShown, setPassphraseShown] = useState(false);
  const [busy, setBusy] = useState<Step | null>(null);
  const [error, setError] = useState<RevealProblem | null>(null);
  const [locked, setLocked] = useState(false);
  const { meta } = secret;
  // Before the sender's opening time there is nothing to press: a countdown, then the button.
  const [opening, setOpening] = useState<Opening | null>(() => openingAhead(meta.notBefore));
  const [opened, setOpened] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  // Set by a wrong try; the field takes focus once `busy` has cleared (a disabled field refuses it).
  const refocusRef = useRef(false);
  const needsPassphrase = meta.passphrase !== null;
  const isFile = meta.kind === 'file';
  const isRequest = meta.kind === 'request';
  useEffect(() => {
    if (isFile) void loadFileView().catch(() => undefined);
  }, [isFile]);
  // The "Check again" button that had focus is gone: the heading says what changed.
  useEffect(() => {
    if (filledNow) headingRef.current?.focus();
  }, [filledNow]);
  useEffect(() => {
    if (busy !== null || !refocusRef.current) return;
    refocusRef.current = false;
    passphraseRef.current?.focus();
    passphraseRef.current?.select();
  }, [busy, error]);

  async function reveal(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (needsPassphrase && passphrase === '') {
      setError({ kind: 'noPassphrase' });
      passphraseRef.current?.focus();
      return;
    }
    let revealed;
    try {
      revealed = await revealSecret(await api(), secret, {
        passphrase,
        onStep: (step) => setBusy({ kind: step === 'unlocking' ? 'unlocking' : 'revealing' }),
      });
    } catch (caught) {
      setBusy(null);
      if (isNotFound(caught)) return onGone();
      if (caught instanceof ApiError && caught.code === 'locked') return setLocked(true);
      // The request is not filled after all (nothing was spent): back to waiting for it.
      if (caught instanceof ApiError && caught.code === 'not_filled') return onNotFilled();
      if (caught instanceof ApiError && caught.code === 'not_yet_open') {
        // The server's clock says not yet (nothing was spent or counted): wait for its time.
        const at = caught.notBefore ?? meta.notBefore ?? new Date().toISOString();
        const until = Math.max(new Date(at).getTime(), Date.now() + NOT_YET_OPEN_RETRY_MS);
        setOpening({ at, until: Number.isNaN(until) ? Date.now() + NOT_YET_OPEN_RETRY_MS : until });
        setOpened(false);
        // The button that had focus is gone; the heading says what happened instead.
        requestAnimationFrame(() => headingRef.current?.focus());
        return;
      }
      if (caught instanceof ApiError && caught.status === 401) {
        setError({ kind: 'wrongPassphrase', attemptsLeft: caught.attemptsLeft });
        refocusRef.current = true;
      } else if (caught instanceof UndecryptableError) {
        setError({ kind: 'undecryptable' });
      } else {
        setError({ kind: 'other', message: describeError(caught) });
      }
      return;
    }
    if (revealed.kind === 'file') {
      // Still within the click's user activation, which the save picker needs; the download link
      // lives only minutes, so saving starts now rather than on a second click.
      setBusy({ kind: 'choosingPlace', name: revealed.manifest.name });
      const start = await chooseSaveStart(revealed.manifest.name);
      onRevealedFile(revealed, start);
      return;
    }
    const { plaintext: bytes, remainingReads, expiresAt, access } = revealed;
    let text: string | null;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = null;
    }
    onRevealed({ text, bytes, remainingReads, expiresAt, access, hidden: meta.hidden === true });
  }

  if (locked) return <DestroyedByWrongPassphrases />;
  const last = meta.remainingReads === 1;
  const wrongPassphrase = error?.kind === 'wrongPassphrase';
  const waiting = opening !== null;
  const what = isFile ? 'File' : 'Secret';
  return (
    <section className="card" aria-labelledby="reveal-heading">
      <h1 id="reveal-heading" ref={headingRef} tabIndex={-1} className="focus-heading">
        {waiting
          ? t(`waiting.heading${what}`)
          : isRequest
            ? t('request.readyHeading')
            : t(`ready.heading${what}`)}
      </h1>
      {waiting ? (
        <Countdown
          until={opening.until}
          onOpen={() => {
            setOpening(null);
            setOpened(true);
          }}
        />
      ) : null}
      <dl className="facts">
        {waiting ? (
          <div>
            <dt>{t('waiting.opens')}</dt>
            <dd>
              <time dateTime={opening.at}>{formatDateWithZone(opening.at)}</time>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('ready.readsLeft')}</dt>
          <dd>
            {last ? t('ready.lastRead') : t('ready.readsMore', { count: meta.remainingReads })}
          </dd>
        </div>
        <div>
          <dt>{t('ready.expires')}</dt>
          <dd>
            <Trans
              t={t}
              i18nKey="ready.expiresValue"
              values={{ relative: fromNow(meta.expiresAt), date: formatDate(meta.expiresAt) }}
              components={{ time: <time dateTime={meta.expiresAt} /> }}
            />
          </dd>
        </div>
      </dl>
      {/* There from the start, so that the moment it opens is announced (once, politely). */}
      <p role="status" className="hint opened-status">
        {opened ? t(`waiting.opened${what}`) : filledNow ? t('request.filledNow') : null}
      </p>
      {waiting ? (
        <Notice tone="info">{t(`waiting.body${what}`)}</Notice>
      ) : isFile ? (
        <Notice tone={last ? 'warning' : 'info'}>
          <Trans
            t={t}
            i18nKey={last ? 'ready.fileNoticeLast' : 'ready.fileNotice'}
            components={{ strong: <strong /> }}
          />
        </Notice>
      ) : (
        <Notice tone={last ? 'warning' : 'info'}>
          {last ? t('ready.secretNoticeLast') : t('ready.secretNotice')}
        </Notice>
      )}
      {waiting ? null : (
        <form onSubmit={reveal} noValidate aria-busy={busy !== null}>
          {needsPassphrase ? (
            <div className="field">
              <label htmlFor="passphrase">{t('ready.passphraseLabel')}</label>
              <div className="input-with-button">
                <input
                  id="passphrase"
                  ref={passphraseRef}
                  type={passphraseShown ? 'text' : 'password'}
                  value={passphrase}
                  onChange={(e) => setPassphrase(e.target.value)}
                  autoComplete="off"
                  autoCapitalize="off"
                  autoCorrect="off"
                  spellCheck="false"
                  aria-invalid={wrongPassphrase}
                  aria-describedby={
                    wrongPassphrase ? 'passphrase-hint passphrase-problem' : 'passphrase-hint'
                  }
                  disabled={busy !== null}
                />
                <ShowToggle
                  controls="passphrase"
                  shown={passphraseShown}
                  onToggle={() => setPassphraseShown((shown) => !shown)}
                  disabled={busy !== null}
                />
              </div>
              <p id="passphrase-hint" className="hint">
                {isFile ? t('ready.passphraseHintFile') : t('ready.passphraseHintSecret')}
              </p>
            </div>
          ) : null}
          <ErrorMessage id="passphrase-problem">
            {error === null ? null : <ProblemText problem={error} />}
          </ErrorMessage>
          {busy ? (
            <Busy
              label={
                busy.kind === 'choosingPlace'
                  ? t('ready.busy.choosingPlace', { name: busy.name })
                  : t(`ready.busy.${busy.kind}`)
              }
              detail={busy.kind === 'unlocking' ? t('ready.busy.unlockingDetail') : undefined}
            />
          ) : null}
          <button type="submit" className="button primary" disabled={busy !== null}>
            {isFile ? t('ready.revealFile') : t('ready.revealSecret')}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * "Opens in 1 hr, 2 min, 5 sec", ticking each second until `until` by this browser's clock, then
 * `onOpen`. A timer (aria-live off), so screen readers read it when asked, not every second.
 */
function Countdown({ until, onOpen }: { until: number; onOpen: () => void }) {
  const { t } = useTranslation('reveal');
  const [now, setNow] = useState(() => Date.now());
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  useEffect(() => {
    let timer: number | undefined;
    const tick = () => {
      window.clearTimeout(timer);
      const current = Date.now();
      if (current >= until) return onOpenRef.current();
      setNow(current);
      // Wakes when the shown second changes, so the count neither skips nor drifts.
      timer = window.setTimeout(tick, ((until - current) % 1000 || 1000) + 10);
    };
    tick();
    // A hidden tab's timers slow down; back in view, the count catches up at once.
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [until]);
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  return (
    <p className="countdown" role="timer" aria-live="off" aria-atomic="true">
      {t('waiting.countdown', { duration: formatDuration(seconds) })}
    </p>
  );
}

/**
 * Why the reveal failed, in the page's language. After a wrong passphrase: how many tries are left,
 * from the API's count (none from an older API); the last one says what one more wrong try does.
 */
function ProblemText({ problem }: { problem: RevealProblem }) {
  const { t } = useTranslation('reveal');
  switch (problem.kind) {
    case 'noPassphrase':
      return t('ready.errors.noPassphrase');
    case 'undecryptable':
      return t('ready.errors.undecryptable');
    case 'other':
      return problem.message;
    case 'wrongPassphrase':
      if (problem.attemptsLeft === undefined) {
        return t('ready.errors.wrongPassphraseLimit', { count: LIMITS.maxFailedAttempts });
      }
      if (problem.attemptsLeft === 1) return t('ready.errors.lastTry');
      return t('ready.errors.triesLeft', { count: problem.attemptsLeft });
  }
}

/** The wrong passphrase that destroyed the secret: a final state, with nothing left to try. */
function DestroyedByWrongPassphrases() {
  const { t } = useTranslation('reveal');
  return (
    <section className="card message" aria-labelledby="locked-heading">
      <FocusHeading id="locked-heading" level={1}>
        {t('locked.heading')}
      </FocusHeading>
      <ErrorMessage>{t('locked.body', { count: LIMITS.maxFailedAttempts })}</ErrorMessage>
      <p className="muted">{t('locked.askAgain')}</p>
      <a className="button secondary" href="/">
        {t('locked.shareOwn')}
      </a>
    </section>
  );
}

function Revealed({
  text,
  bytes,
  remainingReads,
  expiresAt,
  access,
  hidden,
}: {
  text: string | null;
  bytes: Uint8Array;
  remainingReads: number;
  expiresAt: string;
  access: RecipientAccess;
  hidden: boolean;
}) {
  const { t } = useTranslation('reveal');
  const secretRef = useRef<HTMLTextAreaElement>(null);
  // Hidden: the text is not on the page at all (for eyes and screen readers alike) until "Show".
  const [shown, setShown] = useState(!hidden);
  const [ended, setEnded] = useState<{ alreadyGone: boolean } | null>(null);
  const destroyed = remainingReads === 0;
  return (
    <section className="card" aria-labelledby="revealed-heading">
      <FocusHeading id="revealed-heading" level={1}>
        {t('revealed.heading')}
      </FocusHeading>
      {text !== null ? (
        <>
          <div className="field">
            <label htmlFor="revealed-secret">{t('revealed.secretLabel')}</label>
            <textarea
              id="revealed-secret"
              dir="auto"
              ref={secretRef}
              className="mono"
              readOnly
              value={shown ? text : ''}
              placeholder={shown ? undefined : t('revealed.hidden')}
              rows={Math.min(12, Math.max(3, text.split('\n').length + 1))}
              spellCheck="false"
              aria-describedby={hidden ? 'revealed-hidden-hint' : undefined}
            />
            {hidden ? (
              <p id="revealed-hidden-hint" className="hint">
                {t('revealed.hiddenHint')}
              </p>
            ) : null}
          </div>
          <div className="actions">
            {hidden ? (
              <ShowToggle
                controls="revealed-secret"
                shown={shown}
                onToggle={() => setShown((now) => !now)}
              />
            ) : null}
            <CopyButton text={text} label={t('revealed.copy')} source={secretRef} />
          </div>
        </>
      ) : (
        <BinarySecret bytes={bytes} />
      )}
      {destroyed ? (
        <Notice tone="success">
          <Trans t={t} i18nKey="revealed.destroyed" components={{ strong: <strong /> }} />
        </Notice>
      ) : ended !== null ? (
        <DestroyedStatus what="secret" alreadyGone={ended.alreadyGone} />
      ) : (
        <>
          <Notice tone="info">
            <Trans
              t={t}
              i18nKey="revealed.notDestroyed"
              count={remainingReads}
              values={{ date: formatDate(expiresAt) }}
              components={{ strong: <strong />, time: <time dateTime={expiresAt} /> }}
            />
          </Notice>
          <DestroyBox
            access={access}
            what="secret"
            onDestroyed={({ alreadyGone }) => setEnded({ alreadyGone })}
          />
        </>
      )}
    </section>
  );
}

function BinarySecret({ bytes }: { bytes: Uint8Array }) {
  const { t } = useTranslation('reveal');
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(
      new Blob([bytes as BlobPart], { type: 'application/octet-stream' }),
    );
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [bytes]);
  return (
    <p>
      {t('revealed.binary')}{' '}
      {href ? (
        <a className="button secondary" href={href} download="secret.bin">
          {t('revealed.saveBinary')}
        </a>
      ) : null}
    </p>
  );
}
