// `/f/<id>#<public key>`: someone asked for a secret. What is typed here (or loaded from a text file)
// is encrypted in this browser to the requester's X25519 public key from the link and fills the
// request, once (`fillSecretRequest`, docs/design.md §2); only the requester's retrieve link opens
// it. Without the key the page sends nothing; after the fill the key leaves the address bar.
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, ApiUnreachableError } from '../../../core/api.ts';
import { parsePublicKey } from '../../../core/envelope.ts';
import { fillSecretRequest, SecretTooLargeError } from '../../../core/flows.ts';
import { LIMITS } from '../../../core/limits.ts';
import { api } from '../config.ts';
import { describeError } from '../errors.ts';
import { formatBytes, formatDate } from '../format.ts';
import { SecretSize } from '../components/shareFields.tsx';
import { Busy, ErrorMessage, FocusHeading, Notice } from '../components/ui.tsx';
import { useHoldPage, useRefuseStrayDrops } from '../leave-guards.ts';

const isPublicKey = (text: string) => {
  try {
    parsePublicKey(text);
    return true;
  } catch {
    return false;
  }
};

export function FillPage({ id, fragment }: { id: string; fragment: string }) {
  const key = fragment.replace(/^#/, '');
  if (!isPublicKey(key)) return <IncompleteFillLink />;
  return <Fill id={id} publicKey={key} />;
}

/** What became of the request: still to fill, filled by this page, or not fillable at all. */
type View =
  | { kind: 'form' }
  | { kind: 'sent'; expiresAt: string }
  | { kind: 'gone' }
  | { kind: 'alreadyFilled'; maybeOurs: boolean }
  | { kind: 'badLink' };

/** Why the secret cannot be sent as it is; worded at render (`fill.problems.*`). */
type Problem =
  | { field: 'secret'; kind: 'empty' | 'tooLarge' }
  | { field: 'file'; kind: 'fileTooLarge'; size: number }
  | { field: 'file'; kind: 'notText' | 'unreadable' | 'oneFile' | 'folder' };

type Step = 'encrypting' | 'sending';

/** A fill answered by nobody, or by a service that could not say whether it stored it. */
const outcomeUnknown = (error: unknown) =>
  error instanceof ApiUnreachableError ||
  (error instanceof ApiError && error.code === 'outcome_unknown');

/** After the fill: the key encrypts nothing more here, so the address bar and its history entry lose it. */
function takeKeyOutOfAddressBar() {
  if (window.location.hash === '') return;
  window.history.replaceState(
    window.history.state,
    '',
    window.location.pathname + window.location.search,
  );
}

function Fill({ id, publicKey }: { id: string; publicKey: string }) {
  const { t } = useTranslation('share');
  const [view, setView] = useState<View>({ kind: 'form' });
  const [secret, setSecret] = useState('');
  const [loaded, setLoaded] = useState<{ name: string; size: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [dragging, setDragging] = useState(false);
  // An earlier try whose answer never came may have filled the request: a later 409 says so.
  const triedRef = useRef(false);
  const secretRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const busy = step !== null;

  // A file dropped beside the field would make the browser open it in place of this page.
  useRefuseStrayDrops();

  // Leaving while the secret is on its way would leave the sender not knowing whether it arrived.
  useHoldPage(busy);

  /** A text file's text goes into the field, where it can be checked before it is sent. */
  async function load(file: File) {
    setProblem(null);
    setError(null);
    setLoaded(null);
    if (fileRef.current) fileRef.current.value = '';
    if (file.size > LIMITS.secretBytes) {
      setProblem({ field: 'file', kind: 'fileTooLarge', size: file.size });
      return;
    }
    let text: string;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (caught) {
      setProblem({
        field: 'file',
        kind: caught instanceof TypeError ? 'notText' : 'unreadable',
      });
      return;
    }
    setSecret(text);
    setLoaded({ name: file.name, size: file.size });
    secretRef.current?.focus();
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
    if (files.length > 1) return setProblem({ field: 'file', kind: 'oneFile' });
    const dropped = files[0];
    if (!dropped) return;
    if (items[0]?.webkitGetAsEntry?.()?.isDirectory) {
      return setProblem({ field: 'file', kind: 'folder' });
    }
    void load(dropped);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setError(null);
    if (secret.trim() === '') {
      setProblem({ field: 'secret', kind: 'empty' });
      secretRef.current?.focus();
      return;
    }
    if (new TextEncoder().encode(secret).length > LIMITS.secretBytes) {
      setProblem({ field: 'secret', kind: 'tooLarge' });
      secretRef.current?.focus();
      return;
    }
    setStep('encrypting');
    let filled: { expiresAt: string };
    try {
      const client = await api();
      filled = await fillSecretRequest(client, { id, credential: publicKey }, secret, {
        onStep: (now) => setStep(now === 'storing' ? 'sending' : 'encrypting'),
      });
    } catch (caught) {
      setStep(null);
      const maybeOurs = triedRef.current;
      if (outcomeUnknown(caught)) triedRef.current = true;
      if (caught instanceof ApiError && caught.status === 404) return setView({ kind: 'gone' });
      if (caught instanceof ApiError && caught.code === 'already_filled') {
        return setView({ kind: 'alreadyFilled', maybeOurs });
      }
      if (caught instanceof SecretTooLargeError) {
        setProblem({ field: 'secret', kind: 'tooLarge' });
        requestAnimationFrame(() => secretRef.current?.focus());
        return;
      }
      // The link's key is not the request's, or not a key this browser can encrypt to.
      if (
        (caught instanceof ApiError && caught.code === 'wrong_key') ||
        caught instanceof TypeError ||
        (caught instanceof DOMException && caught.name !== 'AbortError')
      ) {
        return setView({ kind: 'badLink' });
      }
      setError(describeError(caught));
      return;
    }
    takeKeyOutOfAddressBar();
    setSecret('');
    setView({ kind: 'sent', expiresAt: filled.expiresAt });
  }

  switch (view.kind) {
    case 'sent':
      return <Sent expiresAt={view.expiresAt} />;
    case 'gone':
      return <RequestGone />;
    case 'alreadyFilled':
      return <AlreadyFilled maybeOurs={view.maybeOurs} />;
    case 'badLink':
      return <IncompleteFillLink />;
    case 'form':
      break;
  }

  const problemText = (field: Problem['field']) => {
    if (problem?.field !== field) return null;
    switch (problem.kind) {
      case 'tooLarge':
        return t('fill.problems.tooLarge', { limit: formatBytes(LIMITS.secretBytes) });
      case 'fileTooLarge':
        return t('fill.problems.fileTooLarge', {
          size: formatBytes(problem.size),
          limit: formatBytes(LIMITS.secretBytes),
        });
      default:
        return t(`fill.problems.${problem.kind}`);
    }
  };
  const secretWrong = problem?.field === 'secret';
  const fileWrong = problem?.field === 'file';
  return (
    <section className="card" aria-labelledby="fill-heading">
      <h1 id="fill-heading">{t('fill.heading')}</h1>
      <p className="lead">{t('fill.lead')}</p>
      <Notice tone="info">{t('fill.checkWho')}</Notice>
      <form
        onSubmit={submit}
        onDragOver={dragOver}
        onDragEnter={dragOver}
        onDragLeave={dragLeave}
        onDrop={drop}
        noValidate
        aria-busy={busy}
      >
        <div className="field">
          <label htmlFor="secret">{t('fill.secretLabel')}</label>
          <textarea
            id="secret"
            dir="auto"
            ref={secretRef}
            value={secret}
            onChange={(e) => {
              setSecret(e.target.value);
              if (secretWrong) setProblem(null);
            }}
            aria-invalid={secretWrong}
            aria-describedby={secretWrong ? 'secret-size secret-error' : 'secret-size'}
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
          <SecretSize id="secret-size" secret={secret} fileInstead={false} />
          <ErrorMessage id="secret-error">{problemText('secret')}</ErrorMessage>
        </div>
        <div className={dragging ? 'drop-zone dragging' : 'drop-zone'}>
          <label htmlFor="fill-file">
            <Trans
              t={t}
              i18nKey="fill.fileLabel"
              components={{ optional: <span className="optional" /> }}
            />
          </label>
          <input
            id="fill-file"
            ref={fileRef}
            type="file"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              if (chosen) void load(chosen);
            }}
            aria-invalid={fileWrong}
            aria-describedby={fileWrong ? 'fill-file-hint fill-file-error' : 'fill-file-hint'}
            disabled={busy}
          />
          <p id="fill-file-hint" className="hint">
            {t('fill.fileHint', { limit: formatBytes(LIMITS.secretBytes) })}
          </p>
          <p role="status" className="hint">
            {loaded === null
              ? null
              : t('fill.loaded', { name: loaded.name, size: formatBytes(loaded.size) })}
          </p>
          <ErrorMessage id="fill-file-error">{problemText('file')}</ErrorMessage>
        </div>
        <ErrorMessage>{error}</ErrorMessage>
        {step !== null ? <Busy label={t(`fill.steps.${step}`)} /> : null}
        <button type="submit" className="button primary" disabled={busy}>
          {t('fill.submit')}
        </button>
      </form>
    </section>
  );
}

function Sent({ expiresAt }: { expiresAt: string }) {
  const { t } = useTranslation('share');
  return (
    <section className="card message" aria-labelledby="sent-heading">
      <FocusHeading id="sent-heading" level={1}>
        {t('fill.sent.heading')}
      </FocusHeading>
      <Notice tone="success">
        <Trans
          t={t}
          i18nKey="fill.sent.body"
          values={{ date: formatDate(expiresAt) }}
          components={{ time: <time dateTime={expiresAt} /> }}
        />
      </Notice>
      <p className="muted">{t('fill.sent.done')}</p>
      <a className="button secondary" href="/">
        {t('fill.shareOwn')}
      </a>
    </section>
  );
}

function RequestGone() {
  const { t } = useTranslation('share');
  return (
    <section className="card message" aria-labelledby="fill-gone-heading">
      <FocusHeading id="fill-gone-heading" level={1}>
        {t('fill.gone.heading')}
      </FocusHeading>
      <p>{t('fill.gone.body')}</p>
      <p className="muted">{t('fill.gone.askAgain')}</p>
    </section>
  );
}

function AlreadyFilled({ maybeOurs }: { maybeOurs: boolean }) {
  const { t } = useTranslation('share');
  return (
    <section className="card message" aria-labelledby="filled-heading">
      <FocusHeading id="filled-heading" level={1}>
        {t('fill.alreadyFilled.heading')}
      </FocusHeading>
      <p>{t('fill.alreadyFilled.body')}</p>
      {maybeOurs ? <p>{t('fill.alreadyFilled.maybeOurs')}</p> : null}
      <p className="muted">{t('fill.alreadyFilled.notYou')}</p>
    </section>
  );
}

/** A fill link without its key, with one cut short or changed: nothing can be encrypted to it. */
function IncompleteFillLink() {
  const { t } = useTranslation('share');
  return (
    <section className="card message" aria-labelledby="fill-incomplete-heading">
      <FocusHeading id="fill-incomplete-heading" level={1}>
        {t('fill.incomplete.heading')}
      </FocusHeading>
      <p>
        <Trans t={t} i18nKey="fill.incomplete.body" components={{ code: <code /> }} />
      </p>
      <p className="muted">{t('fill.incomplete.advice')}</p>
      <p className="muted">{t('fill.incomplete.alreadySent')}</p>
    </section>
  );
}
