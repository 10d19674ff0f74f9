// `/`: encrypt a secret (a text or one file) in the browser and create its one-time link. Only
// ciphertext and hashes leave; a file's encrypted body goes straight to the vault (design.md §3).
import { useEffect, useRef, useState, type DragEvent, type FormEvent, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../config.ts';
import { encryptedBodyLength } from '../../../core/body-format.ts';
import {
  shareSecret,
  type RecipientInput,
  type SharedLink,
  type SharedSecret,
} from '../../../core/flows.ts';
import { LIMITS } from '../../../core/limits.ts';
import { describeError, FILE_LIMIT_TEXT, isAbort, webhookRefusal } from '../errors.ts';
import {
  formatBytes,
  formatDate,
  formatDateWithZone,
  formatNumber,
  fromNow,
  times,
} from '../format.ts';
import { QrCode } from '../components/QrCode.tsx';
import {
  recipientFieldId,
  recipientsOf,
  RecipientsField,
  type Recipients,
} from '../components/RecipientsField.tsx';
import { TransferProgress, useTransferProgress } from '../components/TransferProgress.tsx';
import { Busy, CopyButton, ErrorMessage, FocusHeading, Notice } from '../components/ui.tsx';
import { generatePassphrase, ShowToggle } from '../components/passphrase.tsx';
import {
  AT_ONCE,
  CUSTOM,
  expiresAtOf,
  ExpiryField,
  MAX_DAYS,
  notBeforeOf,
  OpeningField,
  ReadPresets,
  SecretSize,
  ttlSecondsOf,
  WebhookField,
  webhookUrlOf,
  type Expiry,
  type ExpiryProblem,
  type Opening,
  type OpeningProblem,
  type WebhookProblem,
} from '../components/shareFields.tsx';
import { useHoldPage, useRefuseStrayDrops } from '../leave-guards.ts';

const { min: MIN_READS, max: MAX_READS } = LIMITS.maxReads;

type Result = Pick<
  SharedSecret,
  | 'link'
  | 'manageLink'
  | 'expiresAt'
  | 'notBefore'
  | 'maxReads'
  | 'protectedByPassphrase'
  | 'webhookSecret'
  | 'recipients'
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

/** What the page is doing; worded at render, so a language switch rewords it. */
type Phase = 'protecting' | 'encrypting' | 'creating';
type Step = { kind: 'busy'; phase: Phase } | { kind: 'uploading' };
type Field =
  | 'secret'
  | 'file'
  | 'reads'
  | 'expires'
  | 'opens'
  | 'webhook'
  | ReturnType<typeof recipientFieldId>;

/** What is wrong with a field, kept as a kind (and the file's size) and worded at render. */
type Problem =
  | { kind: 'fileTooLarge'; size?: number }
  | { kind: 'oneFile' | 'folder' | 'readsRange' | 'secretEmpty' | 'secretTooLarge' }
  | { kind: 'labelTooLong' }
  | { kind: ExpiryProblem }
  | { kind: Exclude<OpeningProblem, 'opensAfterExpiry'> }
  | { kind: 'opensAfterExpiry'; expiresAt: number }
  | { kind: WebhookProblem }
  /** The server's own words (English, from the API) on why it will not call the URL. */
  | { kind: 'webhookRefused'; reason: string };
type Invalid = { field: Field; problem: Problem };

function useProblemText() {
  const { t } = useTranslation('share');
  return (problem: Problem): ReactNode => {
    switch (problem.kind) {
      case 'fileTooLarge':
        return 'size' in problem && problem.size !== undefined
          ? t('problems.fileTooLargeSized', {
              size: formatBytes(problem.size),
              limit: FILE_LIMIT_TEXT,
            })
          : t('problems.fileTooLarge', { limit: FILE_LIMIT_TEXT });
      case 'readsRange':
        return t('problems.readsRange', {
          min: formatNumber(MIN_READS),
          max: formatNumber(MAX_READS),
        });
      case 'secretTooLarge':
        return t('problems.secretTooLarge', {
          limit: `${formatNumber(LIMITS.secretBytes / 1024)} KiB`,
        });
      case 'expiryTooFar':
        return t('problems.expiryTooFar', { count: MAX_DAYS });
      case 'opensAfterExpiry':
        return t('problems.opensAfterExpiry', {
          date: formatDateWithZone(new Date(problem.expiresAt).toISOString()),
        });
      case 'webhookTooLong':
        return t('problems.webhookTooLong', { max: formatNumber(LIMITS.webhookUrlChars) });
      case 'labelTooLong':
        return t('problems.labelTooLong', { max: formatNumber(LIMITS.labelChars) });
      case 'webhookRefused':
        return (
          <Trans
            t={t}
            i18nKey="problems.webhookRefused"
            values={{ reason: problem.reason }}
            // The API speaks English; <bdi> keeps it whole in a right-to-left sentence.
            components={{ reason: <bdi lang="en" /> }}
          />
        );
      default:
        return t(`problems.${problem.kind}`);
    }
  };
}

/** The error under one field, with the id its field's aria-describedby names. */
function FieldError({ field, invalid }: { field: Field; invalid: Invalid | null }) {
  const problemText = useProblemText();
  return (
    <ErrorMessage id={`${field}-error`}>
      {invalid?.field === field ? problemText(invalid.problem) : null}
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
  const { t } = useTranslation('share');
  const [secret, setSecret] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [reads, setReads] = useState('1');
  const [expiry, setExpiry] = useState<Expiry>({
    choice: String(LIMITS.ttlSeconds.default),
    at: '',
  });
  const [opening, setOpening] = useState<Opening>({ choice: AT_ONCE, at: '' });
  // When the form opened: a preset expiry's end, for the opening time picker's bound.
  const [openedAt] = useState(() => Date.now());
  const [passphrase, setPassphrase] = useState('');
  const [passphraseShown, setPassphraseShown] = useState(false);
  const [generated, setGenerated] = useState(false);
  const [hidden, setHidden] = useState(false);
  const [webhookOpen, setWebhookOpen] = useState(false);
  const [webhookUrl, setWebhookUrl] = useState('');
  const [recipientRows, setRecipientRows] = useState<Recipients>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A problem with one field shows under that field, which is marked invalid and points at it: at
  // 320 px a message under the passphrase was out of sight of the field it was about.
  const [invalid, setInvalid] = useState<Invalid | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [progress, reportProgress, resetProgress] = useTransferProgress();
  const secretRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const chosenRef = useRef<HTMLDivElement>(null);
  const readsRef = useRef<HTMLInputElement>(null);
  const cancelRef = useRef<AbortController | null>(null);
  const busy = step !== null;

  const readsNumber = Number(reads);
  // Listing recipients makes the reads each link's own: its hint says so.
  const several = recipientRows !== null;
  const readsValid = /^\d+$/.test(reads) && readsNumber >= MIN_READS && readsNumber <= MAX_READS;

  // A file dropped beside the form would make the browser open it in place of this page.
  useRefuseStrayDrops();

  // Leaving mid-upload would leave nothing shared; the browser asks first.
  useHoldPage(busy);

  useEffect(() => {
    if (file) chosenRef.current?.focus();
  }, [file]);

  // A field's error sits under it: at 320 px, focusing a field low on the form (the webhook's) left
  // its error below the fold. Scrolls only as far as needed, and not at all when it is in sight.
  useEffect(() => {
    if (invalid)
      document.getElementById(`${invalid.field}-error`)?.scrollIntoView({ block: 'nearest' });
  }, [invalid]);

  function choose(chosen: File) {
    setError(null);
    setInvalid(null);
    setCancelled(false);
    if (tooLarge(chosen)) {
      setInvalid({ field: 'file', problem: { kind: 'fileTooLarge', size: chosen.size } });
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
    setCancelled(false);
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
      setInvalid({ field: 'file', problem: { kind: 'oneFile' } });
      return;
    }
    const dropped = files[0];
    if (!dropped) return;
    if (items[0]?.webkitGetAsEntry?.()?.isDirectory) {
      setInvalid({ field: 'file', problem: { kind: 'folder' } });
      return;
    }
    choose(dropped);
  }

  /** The expiry to send, or undefined after showing why the chosen one cannot be. */
  function validTtl(): number | undefined {
    const ttl = ttlSecondsOf(expiry);
    if ('seconds' in ttl) return ttl.seconds;
    setInvalid({ field: 'expires', problem: { kind: ttl.problem } });
    document.getElementById('expires-at')?.focus();
    return undefined;
  }

  /** The opening time to send (null: at once), or undefined after showing why it cannot be. */
  function validNotBefore(ttlSeconds: number): Date | null | undefined {
    const now = Date.now();
    const expiresAt = expiresAtOf(expiry, ttlSeconds, now);
    const found = notBeforeOf(opening, expiresAt, now);
    if ('notBefore' in found) return found.notBefore;
    setInvalid({
      field: 'opens',
      problem:
        found.problem === 'opensAfterExpiry'
          ? { kind: found.problem, expiresAt }
          : { kind: found.problem },
    });
    document.getElementById('opens-at')?.focus();
    return undefined;
  }

  /** The webhook URL to send (null: none), or undefined after showing why it cannot be. */
  function validWebhookUrl(): string | null | undefined {
    if (!webhookOpen) return null;
    const found = webhookUrlOf(webhookUrl);
    if ('url' in found) return found.url;
    setInvalid({ field: 'webhook', problem: { kind: found.problem } });
    document.getElementById('webhook-url')?.focus();
    return undefined;
  }

  /** A create refused for its webhook URL says so under that field; true when it did. */
  function showWebhookRefusal(caught: unknown): boolean {
    const reason = webhookRefusal(caught);
    if (reason === undefined) return false;
    setInvalid({ field: 'webhook', problem: { kind: 'webhookRefused', reason } });
    // After the form is enabled again (the field is disabled while busy, and cannot take focus).
    requestAnimationFrame(() => document.getElementById('webhook-url')?.focus());
    return true;
  }

  function validReads(): boolean {
    if (readsValid) return true;
    setInvalid({ field: 'reads', problem: { kind: 'readsRange' } });
    readsRef.current?.focus();
    return false;
  }

  /** Each recipient to share with (null: one plain link), or undefined after showing a label's problem. */
  function validRecipients(): RecipientInput[] | null | undefined {
    const found = recipientsOf(recipientRows, readsNumber);
    if ('recipients' in found) return found.recipients;
    const field = recipientFieldId(found.tooLong);
    setInvalid({ field, problem: { kind: 'labelTooLong' } });
    document.getElementById(field)?.focus();
    return undefined;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setInvalid(null);
    setCancelled(false);
    if (file) return submitFile(file);
    if (secret.trim() === '') {
      setInvalid({ field: 'secret', problem: { kind: 'secretEmpty' } });
      secretRef.current?.focus();
      return;
    }
    if (new TextEncoder().encode(secret).length > LIMITS.secretBytes) {
      setInvalid({ field: 'secret', problem: { kind: 'secretTooLarge' } });
      secretRef.current?.focus();
      return;
    }
    if (!validReads()) return;
    const recipients = validRecipients();
    if (recipients === undefined) return;
    const ttlSeconds = validTtl();
    if (ttlSeconds === undefined) return;
    const notBefore = validNotBefore(ttlSeconds);
    if (notBefore === undefined) return;
    const hook = validWebhookUrl();
    if (hook === undefined) return;
    const withPassphrase = passphrase !== '';
    const sealing: Phase = withPassphrase ? 'protecting' : 'encrypting';
    try {
      setStep({ kind: 'busy', phase: sealing });
      const client = await api();
      const shared = await shareSecret(client, {
        secret,
        pageOrigin: window.location.origin,
        // With recipients, the reads are each one's (core ignores maxReads then).
        ...(recipients === null ? { maxReads: readsNumber } : { recipients }),
        ttlSeconds,
        passphrase,
        hidden,
        ...(notBefore === null ? {} : { notBefore }),
        ...(hook === null ? {} : { webhookUrl: hook }),
        onStep: (now) => setStep({ kind: 'busy', phase: now === 'storing' ? 'creating' : sealing }),
      });
      onCreated(shared);
    } catch (caught) {
      if (!showWebhookRefusal(caught)) setError(describeError(caught));
    } finally {
      setStep(null);
    }
  }

  async function submitFile(chosen: File) {
    if (tooLarge(chosen)) {
      setInvalid({ field: 'file', problem: { kind: 'fileTooLarge' } });
      chosenRef.current?.focus();
      return;
    }
    if (!validReads()) return;
    const recipients = validRecipients();
    if (recipients === undefined) return;
    const ttlSeconds = validTtl();
    if (ttlSeconds === undefined) return;
    const notBefore = validNotBefore(ttlSeconds);
    if (notBefore === undefined) return;
    const hook = validWebhookUrl();
    if (hook === undefined) return;
    const withPassphrase = passphrase !== '';
    const cancel = new AbortController();
    cancelRef.current = cancel;
    resetProgress();
    let upload: Awaited<ReturnType<typeof loadUpload>> | undefined;
    try {
      setStep({ kind: 'busy', phase: withPassphrase ? 'protecting' : 'encrypting' });
      const client = await api();
      upload = await loadUpload();
      const shared = await upload.uploadFile(client, {
        file: chosen,
        pageOrigin: window.location.origin,
        ...(recipients === null ? { maxReads: readsNumber } : { recipients }),
        ttlSeconds,
        passphrase,
        ...(notBefore === null ? {} : { notBefore }),
        ...(hook === null ? {} : { webhookUrl: hook }),
        signal: cancel.signal,
        onProgress: reportProgress,
        onStep: (now) =>
          setStep(
            now === 'uploading'
              ? { kind: 'uploading' }
              : { kind: 'busy', phase: now === 'finishing' ? 'creating' : 'encrypting' },
          ),
      });
      onCreated(shared);
    } catch (caught) {
      if (cancel.signal.aborted && isAbort(caught)) {
        setCancelled(true);
      } else if (!showWebhookRefusal(caught)) {
        setError(upload ? upload.describeUploadError(caught) : describeError(caught));
      }
    } finally {
      cancelRef.current = null;
      setStep(null);
    }
  }

  return (
    <section className="card" aria-labelledby="share-heading">
      <h1 id="share-heading">{t('form.heading')}</h1>
      <p className="lead">{t('form.lead')}</p>
      <p className="switch-page">
        <Trans t={t} i18nKey="form.requestInstead" components={{ go: <a href="/request" /> }} />
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
                {t('form.fileToShare')}
              </p>
              <p id="chosen-file-name" className="file-name">
                {file.name}
              </p>
              <p className="hint">
                {file.type
                  ? t('form.fileDetails', { size: formatBytes(file.size), type: file.type })
                  : formatBytes(file.size)}
              </p>
            </div>
            <button type="button" className="button secondary" onClick={removeFile} disabled={busy}>
              {t('form.removeFile')}
            </button>
            <FieldError field="file" invalid={invalid} />
          </div>
        ) : (
          <>
            <div className="field">
              <label htmlFor="secret">{t('form.secretLabel')}</label>
              <textarea
                id="secret"
                dir="auto"
                ref={secretRef}
                value={secret}
                onChange={(e) => {
                  setSecret(e.target.value);
                  if (invalid?.field === 'secret') setInvalid(null);
                }}
                {...marked('secret', invalid, 'secret-size')}
                rows={6}
                required
                spellCheck="false"
                autoComplete="off"
                autoCapitalize="off"
                autoCorrect="off"
                // Grammar extensions (Grammarly and the like) would send the text to their servers.
                data-gramm="false"
                data-gramm_editor="false"
                data-enable-grammarly="false"
                placeholder={t('form.secretPlaceholder')}
                disabled={busy}
              />
              <SecretSize id="secret-size" secret={secret} />
              <FieldError field="secret" invalid={invalid} />
            </div>
            <div className={dragging ? 'drop-zone dragging' : 'drop-zone'}>
              <label htmlFor="file">
                <Trans
                  t={t}
                  i18nKey="form.fileLabel"
                  values={{ limit: FILE_LIMIT_TEXT }}
                  components={{ optional: <span className="optional" /> }}
                />
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
                {t('form.fileHint')}
              </p>
              <FieldError field="file" invalid={invalid} />
            </div>
          </>
        )}
        <div className="row">
          <div className="field">
            <label htmlFor="reads">{t('form.readsLabel')}</label>
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
              {t(several ? 'form.readsRangeEach' : 'form.readsRange', {
                min: formatNumber(MIN_READS),
                max: formatNumber(MAX_READS),
              })}
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
                // An opening time refused as too late may fit the new expiry.
                if (invalid?.field === 'expires' || invalid?.field === 'opens') setInvalid(null);
              }}
              disabled={busy}
              invalid={invalid?.field === 'expires'}
              {...(invalid?.field === 'expires' ? { describedBy: 'expires-error' } : {})}
            />
            <FieldError field="expires" invalid={invalid} />
            <OpeningField
              opening={opening}
              onChange={(next) => {
                setOpening(next);
                if (invalid?.field === 'opens') setInvalid(null);
              }}
              latest={
                expiry.choice === CUSTOM
                  ? new Date(expiry.at).getTime()
                  : openedAt + Number(expiry.choice) * 1000
              }
              disabled={busy}
              invalid={invalid?.field === 'opens'}
              {...(invalid?.field === 'opens' ? { describedBy: 'opens-error' } : {})}
            />
            <FieldError field="opens" invalid={invalid} />
          </div>
        </div>
        <RecipientsField
          rows={recipientRows}
          onChange={(rows) => {
            setRecipientRows(rows);
            if (invalid?.field.startsWith('recipient-')) setInvalid(null);
          }}
          disabled={busy}
          fieldProps={(index, hint) => marked(recipientFieldId(index), invalid, hint)}
          errorOf={(index) => <FieldError field={recipientFieldId(index)} invalid={invalid} />}
        />
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
            <label htmlFor="hidden">{t('form.hiddenLabel')}</label>
            <p id="hidden-hint" className="hint">
              {t('form.hiddenHint')}
            </p>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="passphrase">
            <Trans
              t={t}
              i18nKey="form.passphraseLabel"
              components={{ optional: <span className="optional" /> }}
            />
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
              spellCheck="false"
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
            {t('form.passphraseHint')}
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
              {t('form.generatePassphrase')}
            </button>
            {passphrase !== '' ? (
              <CopyButton
                text={passphrase}
                label={t('form.copyPassphrase')}
                source={passphraseRef}
              />
            ) : null}
          </div>
          {generated ? (
            <p role="status" className="hint">
              {t('form.passphraseGenerated')}
            </p>
          ) : null}
        </div>
        <WebhookField
          open={webhookOpen}
          onOpen={(next) => {
            setWebhookOpen(next);
            if (invalid?.field === 'webhook') setInvalid(null);
          }}
          url={webhookUrl}
          onChange={(next) => {
            setWebhookUrl(next);
            if (invalid?.field === 'webhook') setInvalid(null);
          }}
          disabled={busy}
          invalid={invalid?.field === 'webhook'}
          {...(invalid?.field === 'webhook' ? { describedBy: 'webhook-error' } : {})}
        >
          <FieldError field="webhook" invalid={invalid} />
        </WebhookField>
        <ErrorMessage>{error}</ErrorMessage>
        {cancelled ? <Notice tone="warning">{t('form.cancelled')}</Notice> : null}
        {step?.kind === 'busy' ? (
          <Busy
            label={t(`steps.${step.phase}`)}
            detail={passphrase !== '' ? t('form.stretching') : undefined}
          />
        ) : null}
        {step?.kind === 'uploading' ? (
          <TransferProgress
            label={t('form.uploading')}
            progress={progress}
            total={file ? encryptedBodyLength(file.size) : 0}
            onCancel={() => cancelRef.current?.abort()}
          />
        ) : null}
        <button type="submit" className="button primary" disabled={busy}>
          {t('form.submit')}
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
  const { t } = useTranslation('share');
  const manageRef = useRef<HTMLInputElement>(null);
  const webhookSecretRef = useRef<HTMLInputElement>(null);
  const links = result.recipients;
  const labelled = links?.some((link) => link.label !== undefined) ?? false;
  // The links exist only on this page: leaving it (back, reload, closing the tab) asks first.
  useHoldPage();
  return (
    <section className="card" aria-labelledby="result-heading">
      <FocusHeading id="result-heading" level={1}>
        {links !== undefined && links.length > 1 ? t('result.headingSeveral') : t('result.heading')}
      </FocusHeading>
      {links === undefined ? (
        <SingleLink result={result} />
      ) : (
        <RecipientLinks result={result} links={links} />
      )}
      <div className="manage-box">
        <h2>{t('result.manageHeading')}</h2>
        <p className="muted">
          {links === undefined ? t('result.manageBody') : t('result.manageBodyLinks')}
          {labelled ? <> {t('result.manageLabels')}</> : null}
        </p>
        <div className="field">
          <label htmlFor="manage-link">{t('result.manageLabel')}</label>
          <input
            id="manage-link"
            dir="ltr"
            ref={manageRef}
            className="mono"
            readOnly
            value={result.manageLink}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
        <div className="actions">
          <CopyButton text={result.manageLink} label={t('result.copyManage')} source={manageRef} />
          <a
            className="button link"
            href={result.manageLink}
            target="_blank"
            rel="noreferrer noopener"
          >
            {t('result.openManage')}
          </a>
        </div>
        {result.webhookSecret !== undefined ? (
          // Answered by the API this once and held only in this page's state, like the links.
          <div className="webhook-secret">
            <div className="field">
              <label htmlFor="webhook-secret">{t('result.webhookSecretLabel')}</label>
              <input
                id="webhook-secret"
                dir="ltr"
                ref={webhookSecretRef}
                className="mono"
                readOnly
                value={result.webhookSecret}
                onFocus={(e) => e.currentTarget.select()}
                aria-describedby="webhook-secret-hint"
              />
              <p id="webhook-secret-hint" className="hint">
                {t('result.webhookSecretHint')}
              </p>
            </div>
            <div className="actions">
              <CopyButton
                text={result.webhookSecret}
                label={t('result.copyWebhookSecret')}
                source={webhookSecretRef}
              />
            </div>
          </div>
        ) : null}
      </div>
      <button type="button" className="button secondary" onClick={onAnother}>
        {t('result.another')}
      </button>
    </section>
  );
}

/** One link: whole, or (for two channels) without its key and the key apart. */
function SingleLink({ result }: { result: Result }) {
  const { t } = useTranslation('share');
  const linkRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  // Two pieces for two channels: the link without its key (it asks for the key when opened), and
  // the key. Neither opens the secret alone, and a browser's history keeps no key of a link typed in.
  const [apart, setApart] = useState(false);
  const hash = result.link.indexOf('#');
  const keylessLink = result.link.slice(0, hash);
  const key = result.link.slice(hash + 1);
  const shown = apart ? keylessLink : result.link;
  return (
    <>
      <p className="lead">
        <Trans
          t={t}
          i18nKey={apart ? 'result.leadApart' : 'result.leadLink'}
          values={{
            times: times(result.maxReads),
            fromNow: fromNow(result.expiresAt),
            date: formatDate(result.expiresAt),
          }}
          components={{ time: <time dateTime={result.expiresAt} /> }}
        />
      </p>
      {result.protectedByPassphrase ? (
        <Notice tone="warning">{t('result.passphraseNotice')}</Notice>
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
            <label htmlFor="apart">{t('result.apartLabel')}</label>
            <p id="apart-hint" className="hint">
              {t('result.apartHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="link">
              {apart ? t('result.linkWithoutKey') : t('result.linkLabel')}
            </label>
            <input
              id="link"
              dir="ltr"
              ref={linkRef}
              className="mono"
              readOnly
              value={shown}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
          <div className="actions">
            <CopyButton text={shown} label={t('result.copyLink')} source={linkRef} />
          </div>
          {apart ? (
            <>
              <div className="field">
                <label htmlFor="key">{t('result.keyLabel')}</label>
                <input
                  id="key"
                  dir="ltr"
                  ref={keyRef}
                  className="mono"
                  readOnly
                  value={key}
                  onFocus={(e) => e.currentTarget.select()}
                />
              </div>
              <div className="actions">
                <CopyButton text={key} label={t('result.copyKey')} source={keyRef} />
              </div>
            </>
          ) : null}
          <ResultFacts
            result={result}
            reads={t('result.canBeRead', { times: times(result.maxReads) })}
          />
        </div>
        <figure className="qr-figure">
          <QrCode value={shown} label={apart ? t('result.qrKeyless') : t('result.qrLink')} />
          <figcaption>{t('result.scanHint')}</figcaption>
        </figure>
      </div>
    </>
  );
}

/**
 * A link per recipient, in order, each with its number, its label (the sender's own words, shown as
 * typed) and its QR code on demand, so that twenty codes do not flood the page. The key cannot go
 * apart: each link's key is K with that recipient's own part, and K alone opens none of them.
 */
function RecipientLinks({ result, links }: { result: Result; links: readonly SharedLink[] }) {
  const { t } = useTranslation('share');
  // Every recipient gets the form's reads; the secret's own maxReads is their sum.
  const each = links[0]?.maxReads ?? 1;
  return (
    <>
      <p className="lead">
        <Trans
          t={t}
          i18nKey={links.length > 1 ? 'result.leadSeveral' : 'result.leadLink'}
          values={{
            times: times(each),
            fromNow: fromNow(result.expiresAt),
            date: formatDate(result.expiresAt),
          }}
          components={{ time: <time dateTime={result.expiresAt} /> }}
        />
      </p>
      {result.protectedByPassphrase ? (
        <Notice tone="warning">{t('result.passphraseNotice')}</Notice>
      ) : null}
      <p className="hint">{t('result.apartUnavailable')}</p>
      <ol className="recipient-links">
        {links.map((link) => (
          <RecipientLink key={link.index} link={link} />
        ))}
      </ol>
      <ResultFacts
        result={result}
        reads={
          links.length > 1
            ? t('result.canBeReadEach', { times: times(each) })
            : t('result.canBeRead', { times: times(each) })
        }
      />
    </>
  );
}

function RecipientLink({ link }: { link: SharedLink }) {
  const { t } = useTranslation('share');
  const linkRef = useRef<HTMLInputElement>(null);
  const [qr, setQr] = useState(false);
  const number = formatNumber(link.index + 1);
  const id = `link-${link.index}`;
  return (
    <li className="recipient-link" data-recipient={link.index}>
      <div className="field">
        <label htmlFor={id} id={`${id}-label`}>
          {t('result.linkNumber', { number })}
          {link.label !== undefined ? (
            <>
              {' '}
              <bdi className="recipient-label">{link.label}</bdi>
            </>
          ) : null}
        </label>
        <input
          id={id}
          dir="ltr"
          ref={linkRef}
          className="mono"
          readOnly
          value={link.link}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <div className="actions">
        <CopyButton
          text={link.link}
          label={t('result.copyLinkNumber', { number })}
          source={linkRef}
        />
        <button
          type="button"
          className="button secondary"
          aria-expanded={qr}
          aria-controls={`${id}-qr`}
          aria-describedby={`${id}-label`}
          onClick={() => setQr((shown) => !shown)}
        >
          {t('result.qrToggle')}
        </button>
      </div>
      <div id={`${id}-qr`} hidden={!qr}>
        {qr ? (
          <figure className="qr-figure">
            <QrCode value={link.link} label={t('result.qrLinkNumber', { number })} />
            <figcaption>{t('result.scanHint')}</figcaption>
          </figure>
        ) : null}
      </div>
    </li>
  );
}

/** How often the link can be read, when it opens and when it expires. */
function ResultFacts({ result, reads }: { result: Result; reads: string }) {
  const { t } = useTranslation('share');
  return (
    <dl className="facts">
      <div>
        <dt>{t('result.readsTerm')}</dt>
        <dd>{reads}</dd>
      </div>
      {result.notBefore !== undefined ? (
        <div>
          <dt>{t('result.opensTerm')}</dt>
          <dd>
            <Trans
              t={t}
              i18nKey="result.opensWhen"
              values={{
                fromNow: fromNow(result.notBefore),
                date: formatDateWithZone(result.notBefore),
              }}
              components={{ time: <time dateTime={result.notBefore} /> }}
            />
          </dd>
        </div>
      ) : null}
      <div>
        <dt>{t('result.expiresTerm')}</dt>
        <dd>
          <Trans
            t={t}
            i18nKey="result.expiresWhen"
            values={{
              fromNow: fromNow(result.expiresAt),
              date: formatDate(result.expiresAt),
            }}
            components={{ time: <time dateTime={result.expiresAt} /> }}
          />
        </dd>
      </div>
    </dl>
  );
}
