// `/s/<id>#<K>`: shows what a link holds without consuming it; a read is spent only on "Reveal secret"
// (or, for a file, "Reveal and save file"). K stays in the address bar until then (a reload still
// works) and leaves it with the read. A link without K (sent apart) asks for it.
import { LIMITS } from '../../../core/limits.ts';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../config.ts';
import { ApiError } from '../../../core/api.ts';
import { parseKey } from '../../../core/envelope.ts';
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
import { formatDate, fromNow, times } from '../format.ts';
import {
  Busy,
  CopyButton,
  ErrorMessage,
  FocusedStatus,
  FocusHeading,
  Notice,
} from '../components/ui.tsx';
import { DestroyBox, endedText } from '../components/DestroyBox.tsx';
import { NoLongerAvailable } from './Messages.tsx';

type View =
  | { kind: 'loading' }
  | { kind: 'ready'; secret: SecretToReveal }
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

const UNLOCKING = 'Checking the passphrase…';

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

const isKey = (text: string) => {
  try {
    parseKey(text);
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

/** The key a person pasted: K itself (with or without its `#`), or the whole link it came in. */
function keyFrom(text: string, id: string): { key: string } | { problem: string } {
  const pasted = text.trim();
  if (pasted === '') return { problem: 'Paste the key, or the whole link as you received it.' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pasted)) {
    let link;
    try {
      link = parseLink(pasted, { keyless: true });
    } catch {
      return { problem: 'That is not a SecretSentry link.' };
    }
    if (link.kind !== 'secret') {
      return { problem: 'That is a manage link: it shows a receipt, it does not open the secret.' };
    }
    if (link.id !== id) {
      return { problem: 'That link is for another secret: open it in place of this one.' };
    }
    if (link.credential === '')
      return { problem: 'That link has no key either (no part after #).' };
    if (!isKey(link.credential)) return { problem: 'The key in that link is not complete.' };
    return { key: link.credential };
  }
  const key = pasted.replace(/^#/, '');
  if (!isKey(key)) {
    return {
      problem:
        'That is not a complete key: a key is 43 letters, digits, “-” and “_”. Copy it again, whole.',
    };
  }
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
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
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
        Enter the key to open this secret
      </FocusHeading>
      <p>
        {cutShort
          ? 'The key at the end of this link (after #) is not complete: some apps cut long links short.'
          : 'This link came without its key, the part after #.'}{' '}
        The key never reaches our servers, so it can only come from the sender.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="key">Key</label>
          <input
            id="key"
            ref={inputRef}
            className="mono"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            aria-invalid={problem !== null}
            aria-describedby={problem === null ? 'key-hint' : 'key-hint key-problem'}
          />
          <p id="key-hint" className="hint">
            Paste the key the sender sent you apart, or the whole link exactly as you received it.
          </p>
        </div>
        <ErrorMessage id="key-problem">{problem}</ErrorMessage>
        <button type="submit" className="button primary">
          Continue
        </button>
      </form>
      <p className="muted">
        Revealed it in this tab already? The key leaves the address bar once the secret is read:
        open the link you received again.
      </p>
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
  const [view, setView] = useState<View>({ kind: 'loading' });

  const load = useCallback(async () => {
    setView({ kind: 'loading' });
    try {
      setView({ kind: 'ready', secret: await prepareReveal(await api(), { id, credential }) });
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
          <h1>Opening the link…</h1>
          <Busy label="Checking the link" />
        </section>
      );
    case 'gone':
      return <NoLongerAvailable keyEntered={keyEntered} />;
    case 'failed':
      return (
        <section className="card" aria-labelledby="failed-heading">
          <FocusHeading id="failed-heading" level={1}>
            Could not open the link
          </FocusHeading>
          <ErrorMessage>{view.message}</ErrorMessage>
          <p className="muted">Nothing was read: the secret is still there.</p>
          <button type="button" className="button primary" onClick={() => void load()}>
            Try again
          </button>
        </section>
      );
    case 'ready':
      return (
        <ReadyToReveal
          secret={view.secret}
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
        <Suspense fallback={<Busy label="Preparing the download…" />}>
          <RevealedFileView file={view.file} start={view.start} />
        </Suspense>
      );
  }
}

function ReadyToReveal({
  secret,
  onRevealed,
  onRevealedFile,
  onGone,
}: {
  secret: SecretToReveal;
  onRevealed: (revealed: RevealedText) => void;
  onRevealedFile: (file: RevealedFile, start: SaveStart) => void;
  onGone: () => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [passphraseShown, setPassphraseShown] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [wrongPassphrase, setWrongPassphrase] = useState(false);
  const [locked, setLocked] = useState(false);
  const passphraseRef = useRef<HTMLInputElement>(null);
  // Set by a wrong try; the field takes focus once `busy` has cleared (a disabled field refuses it).
  const refocusRef = useRef(false);
  const { meta } = secret;
  const needsPassphrase = meta.passphrase !== null;
  const isFile = meta.kind === 'file';
  useEffect(() => {
    if (isFile) void loadFileView().catch(() => undefined);
  }, [isFile]);
  useEffect(() => {
    if (busy !== null || !refocusRef.current) return;
    refocusRef.current = false;
    passphraseRef.current?.focus();
    passphraseRef.current?.select();
  }, [busy, error]);

  async function reveal(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setWrongPassphrase(false);
    if (needsPassphrase && passphrase === '') {
      setError('Enter the passphrase the sender gave you.');
      passphraseRef.current?.focus();
      return;
    }
    let revealed;
    try {
      revealed = await revealSecret(await api(), secret, {
        passphrase,
        onStep: (step) => setBusy(step === 'unlocking' ? UNLOCKING : 'Revealing…'),
      });
    } catch (caught) {
      setBusy(null);
      if (isNotFound(caught)) return onGone();
      if (caught instanceof ApiError && caught.code === 'locked') return setLocked(true);
      if (caught instanceof ApiError && caught.status === 401) {
        setError(wrongPassphraseText(caught.attemptsLeft));
        setWrongPassphrase(true);
        refocusRef.current = true;
      } else if (caught instanceof UndecryptableError) {
        setError(
          'The secret could not be decrypted with this link: the link may have been changed or cut short.',
        );
      } else {
        setError(describeError(caught));
      }
      return;
    }
    if (revealed.kind === 'file') {
      // Still within the click's user activation, which the save picker needs; the download link
      // lives only minutes, so saving starts now rather than on a second click.
      setBusy(`Choose where to save “${revealed.manifest.name}”…`);
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
  return (
    <section className="card" aria-labelledby="reveal-heading">
      <h1 id="reveal-heading">Someone shared a {isFile ? 'file' : 'secret'} with you</h1>
      <dl className="facts">
        <div>
          <dt>Reads left</dt>
          <dd>
            {last ? 'This is the last read' : `Can be read ${times(meta.remainingReads)} more`}
          </dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd>
            {fromNow(meta.expiresAt)},{' '}
            <time dateTime={meta.expiresAt}>{formatDate(meta.expiresAt)}</time>
          </dd>
        </div>
      </dl>
      {isFile ? (
        <Notice tone={last ? 'warning' : 'info'}>
          <strong>This link holds a file.</strong> Its name, type and size are encrypted too: you
          see them once you reveal it. Revealing {last ? 'destroys the link' : 'uses one read'} and
          starts the download at once, as the download works for only a few minutes. Keep this page
          open until the file is saved.
        </Notice>
      ) : (
        <Notice tone={last ? 'warning' : 'info'}>
          {last
            ? 'Once you reveal it, the secret is destroyed. Copy it somewhere safe before you leave this page.'
            : 'Revealing the secret uses one read.'}
        </Notice>
      )}
      <form onSubmit={reveal} noValidate aria-busy={busy !== null}>
        {needsPassphrase ? (
          <div className="field">
            <label htmlFor="passphrase">Passphrase</label>
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
                spellCheck={false}
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
              The sender protected this {isFile ? 'file' : 'secret'} with a passphrase.
            </p>
          </div>
        ) : null}
        <ErrorMessage id="passphrase-problem">{error}</ErrorMessage>
        {busy ? (
          <Busy
            label={busy}
            detail={
              busy === UNLOCKING
                ? 'The passphrase is stretched so that every guess is slow for an attacker; here it takes a moment.'
                : undefined
            }
          />
        ) : null}
        <button type="submit" className="button primary" disabled={busy !== null}>
          {isFile ? 'Reveal and save file' : 'Reveal secret'}
        </button>
      </form>
    </section>
  );
}

/** After a wrong passphrase: how many tries are left, from the API's count (none from an older API). */
function wrongPassphraseText(attemptsLeft: number | undefined): string {
  if (attemptsLeft === undefined) {
    return `That passphrase is not right. Check it with the sender: after ${LIMITS.maxFailedAttempts} wrong tries in a row the secret is destroyed.`;
  }
  if (attemptsLeft === 1) {
    return 'That passphrase is not right. 1 try left: one more wrong passphrase destroys the secret.';
  }
  return `That passphrase is not right. ${attemptsLeft} tries left.`;
}

/** The wrong passphrase that destroyed the secret: a final state, with nothing left to try. */
function DestroyedByWrongPassphrases() {
  return (
    <section className="card message" aria-labelledby="locked-heading">
      <FocusHeading id="locked-heading" level={1}>
        This secret is now destroyed
      </FocusHeading>
      <ErrorMessage>
        That passphrase is not right. After {LIMITS.maxFailedAttempts} wrong passphrases in a row
        the secret is destroyed: nobody can read it now.
      </ErrorMessage>
      <p className="muted">Ask the sender to share it again.</p>
      <a className="button secondary" href="/">
        Share a secret of your own
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
  const secretRef = useRef<HTMLTextAreaElement>(null);
  // Hidden: the text is not on the page at all (for eyes and screen readers alike) until "Show".
  const [shown, setShown] = useState(!hidden);
  const [ended, setEnded] = useState<string | null>(null);
  const destroyed = remainingReads === 0;
  return (
    <section className="card" aria-labelledby="revealed-heading">
      <FocusHeading id="revealed-heading" level={1}>
        Here is your secret
      </FocusHeading>
      {text !== null ? (
        <>
          <div className="field">
            <label htmlFor="revealed-secret">Secret</label>
            <textarea
              id="revealed-secret"
              ref={secretRef}
              className="mono"
              readOnly
              value={shown ? text : ''}
              placeholder={shown ? undefined : 'Hidden'}
              rows={Math.min(12, Math.max(3, text.split('\n').length + 1))}
              spellCheck={false}
              aria-describedby={hidden ? 'revealed-hidden-hint' : undefined}
            />
            {hidden ? (
              <p id="revealed-hidden-hint" className="hint">
                The sender chose to hide it until you show it, in case others can see your screen.
                Copy works while it is hidden.
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
            <CopyButton text={text} label="Copy" source={secretRef} />
          </div>
        </>
      ) : (
        <BinarySecret bytes={bytes} />
      )}
      {destroyed ? (
        <Notice tone="success">
          <strong>This secret is now destroyed.</strong> The link will not open it again, so copy it
          before you leave this page.
        </Notice>
      ) : ended !== null ? (
        <FocusedStatus>{ended}</FocusedStatus>
      ) : (
        <>
          <Notice tone="info">
            <strong>This secret is not destroyed yet.</strong> The link can be read{' '}
            {times(remainingReads)} more until{' '}
            <time dateTime={expiresAt}>{formatDate(expiresAt)}</time>.
          </Notice>
          <DestroyBox
            access={access}
            what="secret"
            onDestroyed={({ alreadyGone }) => setEnded(endedText('secret', alreadyGone))}
          />
        </>
      )}
    </section>
  );
}

function BinarySecret({ bytes }: { bytes: Uint8Array }) {
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
      This secret is a file, not text.{' '}
      {href ? (
        <a className="button secondary" href={href} download="secret.bin">
          Save the file
        </a>
      ) : null}
    </p>
  );
}
