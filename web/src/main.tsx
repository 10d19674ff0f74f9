// Entry: picks the page from the path and hands it the link's fragment (K or a request's private key,
// the manage token, or a fill link's public key).
//
// A secret link's K stays in the address bar until the secret is revealed, so a reload, a discarded
// tab or a copy of the address still opens it; the reveal takes it out then (RevealPage), leaving it
// in no later history entry, bookmark or screenshot of the address bar. The browser's history
// database has kept the address it opened, K included, since the navigation: no page script can
// change that (docs/design.md, threat model), which is why a key can also be sent apart.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, route } from './App.tsx';
import { startI18n } from './i18n/i18n.ts';
import './styles.css';

const current = route(window.location.pathname);
const fragment = window.location.hash.replace(/^#/, '');

// Opening another link in this tab only changes the fragment, which does not reload a page: reload,
// so the new K is read like on any first visit. Taking K out after a reveal changes no hash.
window.addEventListener('hashchange', () => window.location.reload());

const root = document.getElementById('root');
// The language's catalogs first (English is in the bundle; another is one small fetch), so the page
// never flashes in a language it is about to leave. A catalog that cannot be fetched leaves English.
await startI18n().catch(() => undefined);
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App route={current} fragment={fragment} />
    </StrictMode>,
  );
}
