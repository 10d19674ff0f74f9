// Whole-page messages: the one answer for unknown, expired, used and revoked links, and a manage
// link without its token.
import { FocusHeading } from '../components/ui.tsx';

export function NoLongerAvailable({ keyEntered = false }: { keyEntered?: boolean }) {
  return (
    <section className="card message" aria-labelledby="gone-heading">
      <FocusHeading id="gone-heading" level={1}>
        This secret is no longer available
      </FocusHeading>
      <p>
        It has already been read, it expired, or the sender revoked it. SecretSentry destroys a
        secret after its last read, so it cannot be recovered.
      </p>
      {keyEntered ? (
        <p>
          You entered its key yourself: check that it is the key sent with this link, as a key from
          another link opens nothing here. Reload the page to enter it again.
        </p>
      ) : null}
      <p className="muted">If you still need it, ask the sender to share it again.</p>
      <a className="button secondary" href="/">
        Share a secret of your own
      </a>
    </section>
  );
}

/** A manage link without its token, or with one cut short (a secret link asks for its key instead). */
export function IncompleteLink() {
  return (
    <section className="card message" aria-labelledby="incomplete-heading">
      <FocusHeading id="incomplete-heading" level={1}>
        This manage link is missing its end
      </FocusHeading>
      <p>
        The part of the link after <code>#</code> is missing or shorter than it should be. It holds
        the token that manages the secret, and it never reaches our servers, so we cannot restore
        it.
      </p>
      <p className="muted">
        Open the manage link exactly as the share page gave it. Some apps cut links short when they
        wrap them.
      </p>
    </section>
  );
}

export function NotFoundPage() {
  return (
    <section className="card message" aria-labelledby="notfound-heading">
      <FocusHeading id="notfound-heading" level={1}>
        Page not found
      </FocusHeading>
      <a className="button secondary" href="/">
        Go to SecretSentry
      </a>
    </section>
  );
}
