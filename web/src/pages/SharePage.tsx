// `/`: encrypt a secret (a text or one file) in the browser and create its one-time link. Only
// ciphertext and hashes leave; a file's encrypted body goes straight to the vault (design.md §3).
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { api } from '../config.ts';
import { encryptedBodyLength } from '../../../core/body-format.ts';
import { shareSecret, type SharedSecret } from '../../../core/flows.ts';
import { LIMITS } from '../../../core/limits.ts';
import { describeError, FILE_LIMIT_TEXT, isAbort } from '../errors.ts';
import { formatBytes, formatDate, fromNow, times } from '../format.ts';
import { QrCode } from '../components/QrCode.tsx';
import { TransferProgress, useTransferProgress } from '../components/TransferProgress.tsx';
import { Busy, CopyButton, ErrorMessage, FocusHeading, Notice } from '../components/ui.tsx';
import { generatePassphrase, ShowToggle } from '../components/passphrase.tsx';
import {
  ExpiryField,
  ReadPresets,
  SecretSize,
  ttlSecondsOf,
  type Expiry,
} from '../components/shareFields.tsx';

const { min: MIN_READS, max: MAX_READS } = LIMITS.maxReads;

type Result = Pick<
  SharedSecret,
  'link' | 'manageLink' | 'expiresAt' | 'maxReads' | 'protectedByPassphrase'
>;

export function SharePage() {
  const [result, setResult] = useState<Result | null>(null);
  if (result) return <ShareResult result={result} onAnother={() => setResult(null)} />;
  return <ShareForm onCreated={setResult} />;
}

/** A file over the limit is refused before anything is sent, by the rule shareFile applies. */
// The upload code (transfer, body streams, XHR sender) comes only with a file: fetched once one is
// chosen, so it is there by the time the form is sent.
const loadUpload = () => import('../files/upload.ts');

const tooLarge = (file: File) => encryptedBodyLength(file.size) > LIMITS.fileBodyBytes;

type Step = { kind: 'busy'; label: string } | { kind: 'uploading' };
type Field = 'secret' | 'file' | 'reads' | 'expires';

/** The error under one field, with the id its field's aria-describedby names. */
function FieldError({
  field,
  invalid,
}: {
  field: Field;
  invalid: { field: Field; message: string } | null;
}) {
  return (
    <ErrorMessage id={`${field}-error`}>
      {invalid?.field === field ? invalid.message : null}
    </ErrorMessage>
  );
}

/** The field's aria attributes for `invalid`, keeping its own hint first. */
function marked(field: Field, invalid: { field: Field } | null, hint?: string) {
  const wrong = invalid?.field === field;
  const described = [hint, wrong ? `${field}-error` : undefined].filter(Boolean).join(' ');
  return {
    'aria-invalid': wrong,
    ...(described === '' ? {} : { 'aria-describedby': described }),
  };
}

function ShareForm({ onCreated }: { onCreated: (result: Result) => void }) {
  const [secret, setSecret] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [reads, setReads] = useState('1');
  const [expiry, setExpiry] = useState<Expiry>({
    choice: String(LIMITS.ttlSeconds.default),
    at: '',
  });
  const [passphrase, setPassphrase] = useState('');
  const [passphraseShown, setPassphraseShown] = useState(false);
  const [generated, setGenerated] = useState(false);
  const [hidden, setHidden] = useState(false);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A problem with one field shows under that field, which is marked invalid and points at it: at
  // 320 px a message under the passphrase was out of sight of the field it was about.
  const [invalid, setInvalid] = useState<{ field: Field; message: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [progress, reportProgress, resetProgress] = useTransferProgress();
  const secretRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const chosenRef = useRef<HTMLDivElement>(null);
  const readsRef = useRef<HTMLInputElement>(null);
  const cancelRef = useRef<AbortController | null>(null);
  const busy = step !== null;

  const readsNumber = Number(reads);
  const readsValid = /^\d+$/.test(reads) && readsNumber >= MIN_READS && readsNumber <= MAX_READS;

  // A file dropped beside the form would make the browser open it in place of this page.
  useEffect(() => {
    const refuse = (event: globalThis.DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      if (event.type === 'dragover') event.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);

  // Leaving mid-upload would leave nothing shared; the browser asks first.
  useEffect(() => {
    if (!busy) return;
    const hold = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', hold);
    return () => window.removeEventListener('beforeunload', hold);
  }, [busy]);

  useEffect(() => {
    if (file) chosenRef.current?.focus();
  }, [file]);

  function choose(chosen: File) {
    setError(null);
    setInvalid(null);
    setNotice(null);
    if (tooLarge(chosen)) {
      setInvalid({
        field: 'file',
        message: `That file is too large (${formatBytes(chosen.size)}). The limit is ${FILE_LIMIT_TEXT}.`,
      });
      if (fileRef.current) fileRef.current.value = '';
      return;
    }
    setFile(chosen);
    void loadUpload().catch(() => undefined);
  }

  function removeFile() {
    setFile(null);
    setError(null);
    setInvalid(null);
    setNotice(null);
    // The text field comes back with what was typed; focus goes where the file was.
    requestAnimationFrame(() => secretRef.current?.focus());
  }

  const isFileDrag = (event: DragEvent) => event.dataTransfer.types.includes('Files');

  function dragOver(event: DragEvent<HTMLFormElement>) {
    if (!isFileDrag(event)) return;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
    if (!busy) setDragging(true);
  }

  function dragLeave(event: DragEvent<HTMLFormElement>) {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  }

  function drop(event: DragEvent<HTMLFormElement>) {
    if (!isFileDrag(event)) return;
    event.preventDefault();
    event.stopPropagation();
    setDragging(false);
    if (busy) return;
    const { files, items } = event.dataTransfer;
    if (files.length > 1) {
      setInvalid({
        field: 'file',
        message: 'Drop one file at a time: a link holds one file. To send several, zip them first.',
      });
      return;
    }
    const dropped = files[0];
    if (!dropped) return;
    if (items[0]?.webkitGetAsEntry?.()?.isDirectory) {
      setInvalid({
        field: 'file',
        message: 'A folder cannot be shared as it is: zip it first, then drop the zip file.',
      });
      return;
    }
    choose(dropped);
  }

  /** The expiry to send, or undefined after showing why the chosen one cannot be. */
  function validTtl(): number | undefined {
    const ttl = ttlSecondsOf(expiry);
    if ('seconds' in ttl) return ttl.seconds;
    setInvalid({ field: 'expires', message: ttl.problem });
    document.getElementById('expires-at')?.focus();
    return undefined;
  }

  function validReads(): boolean {
    if (readsValid) return true;
    setInvalid({
      field: 'reads',
      message: `Reads must be a whole number from ${MIN_READS} to ${MAX_READS}.`,
    });
    readsRef.current?.focus();
    return false;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setInvalid(null);
    setNotice(null);
    if (file) return submitFile(file);
    if (secret.trim() === '') {
      setInvalid({
        field: 'secret',
        message: 'Type or paste the secret to share, or choose a file.',
      });
      secretRef.current?.focus();
      return;
    }
    if (new TextEncoder().encode(secret).length > LIMITS.secretBytes) {
      setInvalid({
        field: 'secret',
        message: `That secret is too large. The limit is ${LIMITS.secretBytes / 1024} KiB of text.`,
      });
      secretRef.current?.focus();
      return;
    }
    if (!validReads()) return;
    const ttlSeconds = validTtl();
    if (ttlSeconds === undefined) return;
    const withPassphrase = passphrase !== '';
    const sealing = withPassphrase ? 'Protecting with your passphrase…' : 'Encrypting…';
    try {
      setStep({ kind: 'busy', label: sealing });
      const client = await api();
      const shared = await shareSecret(client, {
        secret,
        pageOrigin: window.location.origin,
        maxReads: readsNumber,
        ttlSeconds,
        passphrase,
        hidden,
        onStep: (now) =>
          setStep({ kind: 'busy', label: now === 'storing' ? 'Creating the link…' : sealing }),
      });
      onCreated(shared);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setStep(null);
    }
  }

  async function submitFile(chosen: File) {
    if (tooLarge(chosen)) {
      setInvalid({
        field: 'file',
        message: `That file is too large. The limit is ${FILE_LIMIT_TEXT}.`,
      });
      chosenRef.current?.focus();
      return;
    }
    if (!validReads()) return;
    const ttlSeconds = validTtl();
    if (ttlSeconds === undefined) return;
    const withPassphrase = passphrase !== '';
    const cancel = new AbortController();
    cancelRef.current = cancel;
    resetProgress();
    let upload: Awaited<ReturnType<typeof loadUpload>> | undefined;
    try {
      setStep({
        kind: 'busy',
        label: withPassphrase ? 'Protecting with your passphrase…' : 'Encrypting…',
      });
      const client = await api();
      upload = await loadUpload();
      const shared = await upload.uploadFile(client, {
        file: chosen,
        pageOrigin: window.location.origin,
        maxReads: readsNumber,
        ttlSeconds,
        passphrase,
        signal: cancel.signal,
        onProgress: reportProgress,
        onStep: (now) =>
          setStep(
            now === 'uploading'
              ? { kind: 'uploading' }
              : {
                  kind: 'busy',
                  label: now === 'finishing' ? 'Creating the link…' : 'Encrypting…',
                },
          ),
      });
      onCreated(shared);
    } catch (caught) {
      if (cancel.signal.aborted && isAbort(caught)) {
        setNotice('Upload cancelled. Nothing was shared.');
      } else {
        setError(upload ? upload.describeUploadError(caught) : describeError(caught));
      }
    } finally {
      cancelRef.current = null;
      setStep(null);
    }
  }

  return (
    <section className="card" aria-labelledby="share-heading">
      <h1 id="share-heading">Share a secret</h1>
      <p className="lead">
        Your secret is encrypted in this browser. The link works for a limited number of reads and
        then the secret is destroyed for good.
      </p>
      <form
        onSubmit={submit}
        onDragOver={dragOver}
        onDragEnter={dragOver}
        onDragLeave={dragLeave}
        onDrop={drop}
        noValidate
        aria-busy={busy}
      >
        {file ? (
          <div
            className="chosen-file"
            ref={chosenRef}
            tabIndex={-1}
            role="group"
            aria-labelledby="chosen-file-label chosen-file-name"
          >
            <FileIcon />
            <div className="chosen-file-text">
              <p id="chosen-file-label" className="hint">
                File to share
              </p>
              <p id="chosen-file-name" className="file-name">
                {file.name}
              </p>
              <p className="hint">
                {formatBytes(file.size)}
                {file.type ? `, ${file.type}` : ''}
              </p>
            </div>
            <button type="button" className="button secondary" onClick={removeFile} disabled={busy}>
              Remove file
            </button>
            <FieldError field="file" invalid={invalid} />
          </div>
        ) : (
          <>
            <div className="field">
              <label htmlFor="secret">Secret</label>
              <textarea
                id="secret"
                ref={secretRef}
                value={secret}
                onChange={(e) => {
                  setSecret(e.target.value);
                  if (invalid?.field === 'secret') setInvalid(null);
                }}
                {...marked('secret', invalid, 'secret-size')}
                rows={6}
                required
                spellCheck={false}
                autoComplete="off"
                autoCapitalize="off"
                autoCorrect="off"
                // Grammar extensions (Grammarly and the like) would send the text to their servers.
                data-gramm="false"
                data-gramm_editor="false"
                data-enable-grammarly="false"
                placeholder="Password, API key, recovery code…"
                disabled={busy}
              />
              <SecretSize id="secret-size" secret={secret} />
              <FieldError field="secret" invalid={invalid} />
            </div>
            <div className={dragging ? 'drop-zone dragging' : 'drop-zone'}>
              <label htmlFor="file">
                Or share a file <span className="optional">(one, up to {FILE_LIMIT_TEXT})</span>
              </label>
              <input
                id="file"
                ref={fileRef}
                type="file"
                onChange={(e) => {
                  const chosen = e.target.files?.[0];
                  if (chosen) choose(chosen);
                }}
                {...marked('file', invalid, 'file-hint')}
                disabled={busy}
              />
              <p id="file-hint" className="hint">
                Or drop it on this form. It is encrypted in this browser before it is uploaded.
              </p>
              <FieldError field="file" invalid={invalid} />
            </div>
          </>
        )}
        <div className="row">
          <div className="field">
            <label htmlFor="reads">Reads</label>
            <input
              id="reads"
              ref={readsRef}
              type="number"
              inputMode="numeric"
              min={MIN_READS}
              max={MAX_READS}
              step={1}
              value={reads}
              onChange={(e) => {
                setReads(e.target.value);
                if (invalid?.field === 'reads') setInvalid(null);
              }}
              aria-describedby={
                invalid?.field === 'reads' ? 'reads-hint reads-error' : 'reads-hint'
              }
              aria-invalid={!readsValid}
              disabled={busy}
            />
            <p id="reads-hint" className="hint">
              {MIN_READS} to {MAX_READS}
            </p>
            <ReadPresets
              reads={reads}
              onPick={(picked) => {
                setReads(picked);
                if (invalid?.field === 'reads') setInvalid(null);
              }}
              disabled={busy}
            />
            <FieldError field="reads" invalid={invalid} />
          </div>
          <div>
            <ExpiryField
              expiry={expiry}
              onChange={(next) => {
                setExpiry(next);
                if (invalid?.field === 'expires') setInvalid(null);
              }}
              disabled={busy}
              invalid={invalid?.field === 'expires'}
              {...(invalid?.field === 'expires' ? { describedBy: 'expires-error' } : {})}
            />
            <FieldError field="expires" invalid={invalid} />
          </div>
        </div>
        {file === null ? (
          <div className="field checkbox">
            <input
              id="hidden"
              type="checkbox"
              checked={hidden}
              onChange={(e) => setHidden(e.target.checked)}
              aria-describedby="hidden-hint"
              disabled={busy}
            />
            <label htmlFor="hidden">Hide the secret until the recipient chooses to show it</label>
            <p id="hidden-hint" className="hint">
              For a recipient who may open it with others looking: the page shows it only after
              “Show”. The server stores this choice, not the secret.
            </p>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="passphrase">
            Passphrase <span className="optional">(optional)</span>
          </label>
          <div className="input-with-button">
            <input
              id="passphrase"
              ref={passphraseRef}
              type={passphraseShown ? 'text' : 'password'}
              value={passphrase}
              onChange={(e) => {
                setPassphrase(e.target.value);
                setGenerated(false);
              }}
              // Not new-password: that asks password managers to save it, and it is for one secret.
              autoComplete="off"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              aria-describedby="passphrase-hint"
              disabled={busy}
            />
            <ShowToggle
              controls="passphrase"
              shown={passphraseShown}
              onToggle={() => setPassphraseShown((shown) => !shown)}
              disabled={busy}
            />
          </div>
          <p id="passphrase-hint" className="hint">
            The link alone will not open the secret. Tell the recipient the passphrase another way.
          </p>
          <div className="actions">
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setPassphrase(generatePassphrase());
                setPassphraseShown(true);
                setGenerated(true);
              }}
              disabled={busy}
            >
              Generate a passphrase
            </button>
            {passphrase !== '' ? (
              <CopyButton text={passphrase} label="Copy passphrase" source={passphraseRef} />
            ) : null}
          </div>
          {generated ? (
            <p role="status" className="hint">
              A new random passphrase is in the field: send it to the recipient another way than the
              link. It is kept nowhere else.
            </p>
          ) : null}
        </div>
        <ErrorMessage>{error}</ErrorMessage>
        {notice ? <Notice tone="warning">{notice}</Notice> : null}
        {step?.kind === 'busy' ? (
          <Busy
            label={step.label}
            detail={
              passphrase !== ''
                ? 'The passphrase is stretched so that every guess is slow for an attacker; here it takes a moment.'
                : undefined
            }
          />
        ) : null}
        {step?.kind === 'uploading' ? (
          <TransferProgress
            label="Uploading the encrypted file"
            progress={progress}
            total={file ? encryptedBodyLength(file.size) : 0}
            onCancel={() => cancelRef.current?.abort()}
          />
        ) : null}
        <button type="submit" className="button primary" disabled={busy}>
          Create link
        </button>
      </form>
    </section>
  );
}

function FileIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="icon file-icon">
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
      <path d="M14 3v5h5" />
    </svg>
  );
}

function ShareResult({ result, onAnother }: { result: Result; onAnother: () => void }) {
  const linkRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const manageRef = useRef<HTMLInputElement>(null);
  // Two pieces for two channels: the link without its key (it asks for the key when opened), and
  // the key. Neither opens the secret alone, and a browser's history keeps no key of a link typed in.
  const [apart, setApart] = useState(false);
  const hash = result.link.indexOf('#');
  const keylessLink = result.link.slice(0, hash);
  const key = result.link.slice(hash + 1);
  const shown = apart ? keylessLink : result.link;
  // The link exists only on this page: leaving it (back, reload, closing the tab) asks first.
  useEffect(() => {
    const hold = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', hold);
    return () => window.removeEventListener('beforeunload', hold);
  }, []);
  return (
    <section className="card" aria-labelledby="result-heading">
      <FocusHeading id="result-heading" level={1}>
        Your link is ready
      </FocusHeading>
      <p className="lead">
        {apart
          ? 'Send the link and the key to the recipient through two different channels.'
          : 'Send this link to the recipient.'}{' '}
        It can be read {times(result.maxReads)} and expires {fromNow(result.expiresAt)} (
        <time dateTime={result.expiresAt}>{formatDate(result.expiresAt)}</time>).
      </p>
      {result.protectedByPassphrase ? (
        <Notice tone="warning">
          Protected by a passphrase: share the passphrase through a different channel than the link.
        </Notice>
      ) : null}
      <div className="result-grid">
        <div>
          <div className="field checkbox">
            <input
              id="apart"
              type="checkbox"
              checked={apart}
              onChange={(e) => setApart(e.target.checked)}
              aria-describedby="apart-hint"
            />
            <label htmlFor="apart">Send the key apart from the link</label>
            <p id="apart-hint" className="hint">
              For two channels (say, the link by email and the key by chat): the link alone asks for
              the key.
            </p>
          </div>
          <div className="field">
            <label htmlFor="link">{apart ? 'Link without its key' : 'Link'}</label>
            <input
              id="link"
              ref={linkRef}
              className="mono"
              readOnly
              value={shown}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
          <div className="actions">
            <CopyButton text={shown} label="Copy link" source={linkRef} />
          </div>
          {apart ? (
            <>
              <div className="field">
                <label htmlFor="key">Key</label>
                <input
                  id="key"
                  ref={keyRef}
                  className="mono"
                  readOnly
                  value={key}
                  onFocus={(e) => e.currentTarget.select()}
                />
              </div>
              <div className="actions">
                <CopyButton text={key} label="Copy key" source={keyRef} />
              </div>
            </>
          ) : null}
          <dl className="facts">
            <div>
              <dt>Reads</dt>
              <dd>Can be read {times(result.maxReads)}</dd>
            </div>
            <div>
              <dt>Expires</dt>
              <dd>
                {fromNow(result.expiresAt)},{' '}
                <time dateTime={result.expiresAt}>{formatDate(result.expiresAt)}</time>
              </dd>
            </div>
          </dl>
        </div>
        <figure className="qr-figure">
          <QrCode
            value={shown}
            label={apart ? 'QR code of the link, without its key' : 'QR code of the link'}
          />
          <figcaption>Scan to open on a phone</figcaption>
        </figure>
      </div>
      <div className="manage-box">
        <h2>Keep this for yourself</h2>
        <p className="muted">
          The manage link shows when the secret was read and lets you revoke it early. Do not send
          it to the recipient.
        </p>
        <div className="field">
          <label htmlFor="manage-link">Manage link</label>
          <input
            id="manage-link"
            ref={manageRef}
            className="mono"
            readOnly
            value={result.manageLink}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
        <div className="actions">
          <CopyButton text={result.manageLink} label="Copy manage link" source={manageRef} />
          <a
            className="button link"
            href={result.manageLink}
            target="_blank"
            rel="noreferrer noopener"
          >
            Open manage page
          </a>
        </div>
      </div>
      <button type="button" className="button secondary" onClick={onAnother}>
        Share another secret
      </button>
    </section>
  );
}
