// Whole-page messages: the one answer for unknown, expired, used and revoked links, and a manage
// link without its token.
import { Trans, useTranslation } from 'react-i18next';
import { FocusHeading } from '../components/ui.tsx';

export function NoLongerAvailable({ keyEntered = false }: { keyEntered?: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card message" aria-labelledby="gone-heading">
      <FocusHeading id="gone-heading" level={1}>
        {t('gone.heading')}
      </FocusHeading>
      <p>{t('gone.body')}</p>
      {keyEntered ? <p>{t('gone.keyEntered')}</p> : null}
      <p className="muted">{t('gone.askAgain')}</p>
      <a className="button secondary" href="/">
        {t('gone.shareOwn')}
      </a>
    </section>
  );
}

/** A manage link without its token, or with one cut short (a secret link asks for its key instead). */
export function IncompleteLink() {
  const { t } = useTranslation();
  return (
    <section className="card message" aria-labelledby="incomplete-heading">
      <FocusHeading id="incomplete-heading" level={1}>
        {t('incomplete.heading')}
      </FocusHeading>
      <p>
        <Trans t={t} i18nKey="incomplete.body" components={{ code: <code /> }} />
      </p>
      <p className="muted">{t('incomplete.advice')}</p>
    </section>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="card message" aria-labelledby="notfound-heading">
      <FocusHeading id="notfound-heading" level={1}>
        {t('notFound.heading')}
      </FocusHeading>
      <a className="button secondary" href="/">
        {t('notFound.home')}
      </a>
    </section>
  );
}
