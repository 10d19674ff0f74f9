// Whole-page messages: the one answer for unknown, expired, used and revoked links, and broken links.
import { FocusHeading } from '../components/ui.tsx';

export function NoLongerAvailable() {
  return (
    <section className="card message" aria-labelledby="gone-heading">
      <FocusHeading id="gone-heading" level={1}>
        This secret is no longer available
      </FocusHeading>
      <p>
        It has already been read, it expired, or the sender revoked it. SecretSentry destroys a
        secret after its last read, so it cannot be recovered.
      </p>
      <p className="muted">If you still need it, ask the sender to share it again.</p>
      <a className="button secondary" href="/">
        Share a secret of your own
      </a>
    </section>
  );
}

export function IncompleteLink({ what }: { what: 'secret' | 'manage' }) {
  return (
    <section className="card message" aria-labelledby="incomplete-heading">
      <FocusHeading id="incomplete-heading" level={1}>
        This link is incomplete
      </FocusHeading>
      <p>
        The part of the link after <code>#</code> is missing or damaged. It holds the{' '}
        {what === 'secret' ? 'key that decrypts the secret' : 'token that manages the secret'}, and
        it never reaches our servers, so we cannot restore it.
      </p>
      <p className="muted">
        Open the complete link exactly as you received it. Some apps cut links short when they wrap
        them.
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
