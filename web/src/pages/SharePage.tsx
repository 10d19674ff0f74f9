// `/`: encrypt a secret in the browser and create its one-time link. Only ciphertext and hashes leave.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../config.ts';
import { shareSecret, type SharedSecret } from '../../../core/flows.ts';
import { LIMITS } from '../../../core/limits.ts';
import { describeError } from '../errors.ts';
import { formatDate, fromNow, times } from '../format.ts';
import { QrCode } from '../components/QrCode.tsx';
import { Busy, CopyButton, ErrorMessage, FocusHeading, Notice } from '../components/ui.tsx';

const EXPIRY_CHOICES = [
  { seconds: 3600, label: '1 hour' },
  { seconds: 86400, label: '1 day' },
  { seconds: LIMITS.ttlSeconds.max, label: '3 days' },
] as const;
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

function ShareForm({ onCreated }: { onCreated: (result: Result) => void }) {
  const [secret, setSecret] = useState('');
  const [reads, setReads] = useState('1');
  const [ttl, setTtl] = useState(String(LIMITS.ttlSeconds.default));
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const secretRef = useRef<HTMLTextAreaElement>(null);
  const readsRef = useRef<HTMLInputElement>(null);

  const readsNumber = Number(reads);
  const readsValid = /^\d+$/.test(reads) && readsNumber >= MIN_READS && readsNumber <= MAX_READS;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (secret.trim() === '') {
      setError('Type or paste the secret to share.');
      secretRef.current?.focus();
      return;
    }
    if (new TextEncoder().encode(secret).length > LIMITS.secretBytes) {
      setError(`That secret is too large. The limit is ${LIMITS.secretBytes / 1024} KiB of text.`);
      secretRef.current?.focus();
      return;
    }
    if (!readsValid) {
      setError(`Reads must be a whole number from ${MIN_READS} to ${MAX_READS}.`);
      readsRef.current?.focus();
      return;
    }
    const withPassphrase = passphrase !== '';
    try {
      setBusy(withPassphrase ? 'Protecting with your passphrase…' : 'Encrypting…');
      const client = await api();
      const shared = await shareSecret(client, {
        secret,
        pageOrigin: window.location.origin,
        maxReads: readsNumber,
        ttlSeconds: Number(ttl),
        passphrase,
        onStep: (step) =>
          setBusy(
            step === 'storing'
              ? 'Creating the link…'
              : withPassphrase
                ? 'Protecting with your passphrase…'
                : 'Encrypting…',
          ),
      });
      onCreated(shared);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="share-heading">
      <h1 id="share-heading">Share a secret</h1>
      <p className="lead">
        Your secret is encrypted in this browser. The link works for a limited number of reads and
        then the secret is destroyed for good.
      </p>
      <form onSubmit={submit} noValidate aria-busy={busy !== null}>
        <div className="field">
          <label htmlFor="secret">Secret</label>
          <textarea
            id="secret"
            ref={secretRef}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            rows={6}
            required
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            placeholder="Password, API key, recovery code…"
            disabled={busy !== null}
          />
        </div>
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
              onChange={(e) => setReads(e.target.value)}
              aria-describedby="reads-hint"
              aria-invalid={!readsValid}
              disabled={busy !== null}
            />
            <p id="reads-hint" className="hint">
              {MIN_READS} to {MAX_READS}
            </p>
          </div>
          <div className="field">
            <label htmlFor="expires">Expires</label>
            <select
              id="expires"
              value={ttl}
              onChange={(e) => setTtl(e.target.value)}
              aria-describedby="expires-hint"
              disabled={busy !== null}
            >
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice.seconds} value={String(choice.seconds)}>
                  {choice.label}
                </option>
              ))}
            </select>
            <p id="expires-hint" className="hint">
              after creation
            </p>
          </div>
        </div>
        <div className="field">
          <label htmlFor="passphrase">
            Passphrase <span className="optional">(optional)</span>
          </label>
          <input
            id="passphrase"
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            autoComplete="new-password"
            aria-describedby="passphrase-hint"
            disabled={busy !== null}
          />
          <p id="passphrase-hint" className="hint">
            The link alone will not open the secret. Tell the recipient the passphrase another way.
          </p>
        </div>
        <ErrorMessage>{error}</ErrorMessage>
        {busy ? (
          <Busy
            label={busy}
            detail={
              passphrase !== ''
                ? 'Stretching the passphrase takes a few seconds on purpose.'
                : undefined
            }
          />
        ) : null}
        <button type="submit" className="button primary" disabled={busy !== null}>
          Create link
        </button>
      </form>
    </section>
  );
}

function ShareResult({ result, onAnother }: { result: Result; onAnother: () => void }) {
  const linkRef = useRef<HTMLInputElement>(null);
  const manageRef = useRef<HTMLInputElement>(null);
  return (
    <section className="card" aria-labelledby="result-heading">
      <FocusHeading id="result-heading" level={1}>
        Your link is ready
      </FocusHeading>
      <p className="lead">
        Send this link to the recipient. It can be read {times(result.maxReads)} and expires{' '}
        {fromNow(result.expiresAt)} (
        <time dateTime={result.expiresAt}>{formatDate(result.expiresAt)}</time>).
      </p>
      {result.protectedByPassphrase ? (
        <Notice tone="warning">
          Protected by a passphrase: share the passphrase through a different channel than the link.
        </Notice>
      ) : null}
      <div className="result-grid">
        <div>
          <div className="field">
            <label htmlFor="link">Link</label>
            <input
              id="link"
              ref={linkRef}
              className="mono"
              readOnly
              value={result.link}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
          <div className="actions">
            <CopyButton text={result.link} label="Copy link" source={linkRef} />
          </div>
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
          <QrCode value={result.link} label="QR code of the link" />
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
