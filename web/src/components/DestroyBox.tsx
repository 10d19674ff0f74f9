// "Destroy it now": a recipient who has read a secret with reads left ends it, with the read's own
// credentials, after a confirmation (ConfirmBox, as the receipt's revoke).
import { ApiError } from '../../../core/api.ts';
import { destroyRevealed, type RecipientAccess } from '../../../core/flows.ts';
import { api } from '../config.ts';
import { ConfirmBox } from './ConfirmBox.tsx';

/** What the page says once the recipient's destroy is done (or found the secret already gone). */
export function endedText(what: 'secret' | 'file', alreadyGone: boolean): string {
  return alreadyGone
    ? `The ${what} was already gone: the link no longer opens it.`
    : `The ${what} is now destroyed. The link will not open it again.`;
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
  return (
    <ConfirmBox
      id="destroy-confirm"
      heading="Done with it?"
      explanation={`Destroy the ${what} now, so that nobody else can open the link, even though it has reads left. This cannot be undone.`}
      question={`Destroy this ${what} now?`}
      detail={`The link will not open it again, for you or anyone else.${what === 'secret' ? ' Copy it first if you still need it.' : ''}`}
      openLabel="Destroy it now"
      confirmLabel="Yes, destroy it"
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
