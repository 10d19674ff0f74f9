// "Destroy it now": a recipient who has read a secret with reads left ends it, with the read's own
// credentials, after a confirmation (ConfirmBox, as the receipt's revoke).
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../core/api.ts';
import { destroyRevealed, type RecipientAccess } from '../../../core/flows.ts';
import { api } from '../config.ts';
import { ConfirmBox } from './ConfirmBox.tsx';
import { FocusedStatus } from './ui.tsx';

/** What the page says once the recipient's destroy is done (or found the secret already gone). */
export function DestroyedStatus({
  what,
  alreadyGone,
}: {
  what: 'secret' | 'file';
  alreadyGone: boolean;
}) {
  const { t } = useTranslation('reveal');
  return (
    <FocusedStatus>
      {alreadyGone ? t(`destroy.${what}.alreadyGone`) : t(`destroy.${what}.done`)}
    </FocusedStatus>
  );
}

export function DestroyBox({
  access,
  what,
  onDestroyed,
}: {
  access: RecipientAccess;
  what: 'secret' | 'file';
  /** `alreadyGone`: the API no longer knew it (read up, expired or ended meanwhile). */
  onDestroyed: (outcome: { alreadyGone: boolean }) => void;
}) {
  const { t } = useTranslation('reveal');
  return (
    <ConfirmBox
      id="destroy-confirm"
      heading={t('destroy.heading')}
      explanation={t(`destroy.${what}.explanation`)}
      question={t(`destroy.${what}.question`)}
      detail={t(`destroy.${what}.detail`)}
      openLabel={t('destroy.open')}
      confirmLabel={t('destroy.confirm')}
      action={async () => {
        try {
          await destroyRevealed(await api(), access);
        } catch (caught) {
          // Gone already: what the recipient asked for is done.
          if (caught instanceof ApiError && caught.status === 404) {
            return onDestroyed({ alreadyGone: true });
          }
          throw caught;
        }
        onDestroyed({ alreadyGone: false });
      }}
    />
  );
}
