// `/request`: ask someone for a secret (docs/design.md §2). `requestSecret` makes an X25519 key pair in
// this browser: the fill link carries the public key, for whoever holds the secret; the retrieve link
// carries the private key, kept by the requester. The server gets neither, only hashes and the key's
// thumbprint. The links live in this page's state only, like a shared secret's.
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../config.ts';
import { requestSecret, type SecretRequest } from '../../../core/flows.ts';
import { LIMITS } from '../../../core/limits.ts';
import { describeError } from '../errors.ts';
import { formatDate, fromNow } from '../format.ts';
import { QrCode } from '../components/QrCode.tsx';
import { Busy, CopyButton, ErrorMessage, FocusHeading } from '../components/ui.tsx';
import {
  ExpiryField,
  MAX_DAYS,
  ttlSecondsOf,
  type Expiry,
  type ExpiryProblem,
} from '../components/shareFields.tsx';
import { useHoldPage } from '../leave-guards.ts';

type Result = Pick<SecretRequest, 'fillLink' | 'retrieveLink' | 'manageLink' | 'expiresAt'>;

export function RequestPage() {
  const [result, setResult] = useState<Result | null>(null);
  if (result) return <RequestResult result={result} onAnother={() => setResult(null)} />;
  return <RequestForm onCreated={setResult} />;
}

function RequestForm({ onCreated }: { onCreated: (result: Result) => void }) {
  const { t } = useTranslation('share');
  const [expiry, setExpiry] = useState<Expiry>({
    choice: String(LIMITS.ttlSeconds.default),
    at: '',
  });
  const [problem, setProblem] = useState<ExpiryProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setProblem(null);
    const ttl = ttlSecondsOf(expiry);
    if ('problem' in ttl) {
      setProblem(ttl.problem);
      document.getElementById('expires-at')?.focus();
      return;
    }
    setBusy(true);
    let created: SecretRequest;
    try {
      created = await requestSecret(await api(), {
        pageOrigin: window.location.origin,
        ttlSeconds: ttl.seconds,
      });
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
      return;
    }
    onCreated(created);
  }

  return (
    <section className="card" aria-labelledby="request-heading">
      <h1 id="request-heading">{t('request.heading')}</h1>
      <p className="lead">{t('request.lead')}</p>
      <p className="switch-page">
        <Trans t={t} i18nKey="request.shareInstead" components={{ go: <a href="/" /> }} />
      </p>
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <div>
          <ExpiryField
            expiry={expiry}
            onChange={(next) => {
              setExpiry(next);
              setProblem(null);
            }}
            disabled={busy}
            invalid={problem !== null}
            {...(problem === null ? {} : { describedBy: 'expires-error' })}
          />
          <ErrorMessage id="expires-error">
            {problem === null
              ? null
              : problem === 'expiryTooFar'
                ? t('problems.expiryTooFar', { count: MAX_DAYS })
                : t(`problems.${problem}`)}
          </ErrorMessage>
        </div>
        <ErrorMessage>{error}</ErrorMessage>
        {busy ? <Busy label={t('request.creating')} /> : null}
        <button type="submit" className="button primary" disabled={busy}>
          {t('request.submit')}
        </button>
      </form>
    </section>
  );
}

/** A read-only link with its label, a hint and a copy button. */
function LinkField({
  id,
  label,
  hint,
  value,
  copyLabel,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  copyLabel: string;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          dir="ltr"
          ref={ref}
          className="mono"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      </div>
      <div className="actions">
        <CopyButton text={value} label={copyLabel} source={ref} />
        {children}
      </div>
    </>
  );
}

function RequestResult({ result, onAnother }: { result: Result; onAnother: () => void }) {
  const { t } = useTranslation('share');
  // The links exist only on this page: leaving it (back, reload, closing the tab) asks first.
  useHoldPage();
  return (
    <section className="card" aria-labelledby="request-result-heading">
      <FocusHeading id="request-result-heading" level={1}>
        {t('request.result.heading')}
      </FocusHeading>
      <p className="lead">{t('request.result.lead')}</p>
      <div className="result-grid">
        <div>
          <h2>{t('request.result.fillHeading')}</h2>
          <LinkField
            id="fill-link"
            label={t('request.result.fillLabel')}
            hint={t('request.result.fillHint')}
            value={result.fillLink}
            copyLabel={t('request.result.copyFill')}
          />
          <dl className="facts">
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
        </div>
        <figure className="qr-figure">
          <QrCode value={result.fillLink} label={t('request.result.qrFill')} />
          <figcaption>{t('result.scanHint')}</figcaption>
        </figure>
      </div>
      <div className="manage-box">
        <h2>{t('request.result.keepHeading')}</h2>
        <LinkField
          id="retrieve-link"
          label={t('request.result.retrieveLabel')}
          hint={t('request.result.retrieveHint')}
          value={result.retrieveLink}
          copyLabel={t('request.result.copyRetrieve')}
        />
        <LinkField
          id="manage-link"
          label={t('result.manageLabel')}
          hint={t('request.result.manageHint')}
          value={result.manageLink}
          copyLabel={t('result.copyManage')}
        >
          <a
            className="button link"
            href={result.manageLink}
            target="_blank"
            rel="noreferrer noopener"
          >
            {t('result.openManage')}
          </a>
        </LinkField>
      </div>
      <button type="button" className="button secondary" onClick={onAnother}>
        {t('request.result.another')}
      </button>
    </section>
  );
}
