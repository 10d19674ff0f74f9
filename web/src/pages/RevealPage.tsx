// `/s/<id>#<K>`: shows what a link holds without consuming it; a read is spent only on "Reveal secret"
// (or, for a file, "Reveal and save file").
import { LIMITS } from '../../../core/limits.ts';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../config.ts';
import { ApiError } from '../../../core/api.ts';
import { parseKey } from '../../../core/envelope.ts';
import {
  prepareReveal,
  revealSecret,
  UndecryptableError,
  type RevealedFile,
  type SecretToReveal,
} from '../../../core/flows.ts';
import { describeError } from '../errors.ts';
import { chooseSaveStart, type SaveStart } from '../files/save-start.ts';

// The download and decryption code comes only with a file link: fetched as soon as the link is
// known to hold one, so it is there by the time the recipient has clicked.
const loadFileView = () => import('../files/RevealedFile.tsx');
const RevealedFileView = lazy(async () => ({ default: (await loadFileView()).RevealedFileView }));
import { formatDate, fromNow, times } from '../format.ts';
import { Busy, CopyButton, ErrorMessage, FocusHeading, Notice } from '../components/ui.tsx';
import { NoLongerAvailable, IncompleteLink } from './Messages.tsx';

type View =
  | { kind: 'loading' }
  | { kind: 'ready'; secret: SecretToReveal }
  | {
      kind: 'revealed';
      text: string | null;
      bytes: Uint8Array;
      remainingReads: number;
      expiresAt: string;
    }
  | { kind: 'file'; file: RevealedFile; start: SaveStart }
  | { kind: 'gone' }
  | { kind: 'failed'; message: string };

interface RevealedText {
  text: string | null;
  bytes: Uint8Array;
  remainingReads: number;
  expiresAt: string;
}

const UNLOCKING = 'Checking the passphrase…';

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

export function RevealPage({ id, fragment }: { id: string; fragment: string }) {
  const [complete] = useState(() => {
    try {
      parseKey(fragment);
      return true;
    } catch {
      return false;
    }
  });
  if (!complete) return <IncompleteLink what="secret" />;
  return <Reveal id={id} credential={fragment} />;
}

function Reveal({ id, credential }: { id: string; credential: string }) {
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
      return <NoLongerAvailable />;
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
          onRevealed={(revealed) => setView({ kind: 'revealed', ...revealed })}
          onRevealedFile={(file, start) => setView({ kind: 'file', file, start })}
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
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const { meta } = secret;
  const needsPassphrase = meta.passphrase !== null;
  const isFile = meta.kind === 'file';
  useEffect(() => {
    if (isFile) void loadFileView().catch(() => undefined);
  }, [isFile]);

  async function reveal(event: FormEvent) {
    event.preventDefault();
    setError(null);
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
      if (caught instanceof ApiError && caught.status === 401) {
        setError(
          `That passphrase is not right. Check it with the sender: after ${LIMITS.maxFailedAttempts} wrong tries in a row the secret is destroyed.`,
        );
        passphraseRef.current?.focus();
        passphraseRef.current?.select();
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
    const { plaintext: bytes, remainingReads, expiresAt } = revealed;
    let text: string | null;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = null;
    }
    onRevealed({ text, bytes, remainingReads, expiresAt });
  }

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
            <input
              id="passphrase"
              ref={passphraseRef}
              type="password"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              autoComplete="off"
              aria-describedby="passphrase-hint"
              disabled={busy !== null}
            />
            <p id="passphrase-hint" className="hint">
              The sender protected this {isFile ? 'file' : 'secret'} with a passphrase.
            </p>
          </div>
        ) : null}
        <ErrorMessage>{error}</ErrorMessage>
        {busy ? (
          <Busy
            label={busy}
            detail={
              busy === UNLOCKING
                ? 'Stretching the passphrase takes a few seconds on purpose.'
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

function Revealed({
  text,
  bytes,
  remainingReads,
  expiresAt,
}: {
  text: string | null;
  bytes: Uint8Array;
  remainingReads: number;
  expiresAt: string;
}) {
  const secretRef = useRef<HTMLTextAreaElement>(null);
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
              value={text}
              rows={Math.min(12, Math.max(3, text.split('\n').length + 1))}
              spellCheck={false}
            />
          </div>
          <div className="actions">
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
      ) : (
        <Notice tone="info">
          <strong>This secret is not destroyed yet.</strong> The link can be read{' '}
          {times(remainingReads)} more until{' '}
          <time dateTime={expiresAt}>{formatDate(expiresAt)}</time>.
        </Notice>
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
