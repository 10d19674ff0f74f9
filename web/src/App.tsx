// The page's frame and its routes: `/` share, `/s/<id>` reveal (a secret, or a request's retrieve
// link), `/m/<id>` manage, `/request` ask someone for a secret, `/f/<id>` fill such a request.
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './components/LanguageSwitcher.tsx';
import { ShieldLogo } from './components/ui.tsx';
import { ManagePage } from './pages/ManagePage.tsx';
import { NotFoundPage } from './pages/Messages.tsx';
import { RevealPage } from './pages/RevealPage.tsx';
import { SharePage } from './pages/SharePage.tsx';

// Asking for a secret and filling a request are pages of their own, fetched only on their paths: the
// share and reveal pages' first load carries none of them.
const RequestPage = lazy(async () => ({
  default: (await import('./pages/RequestPage.tsx')).RequestPage,
}));
const FillPage = lazy(async () => ({ default: (await import('./pages/FillPage.tsx')).FillPage }));

export type Route =
  | { page: 'share' }
  | { page: 'request' }
  | { page: 'reveal'; id: string }
  | { page: 'manage'; id: string }
  | { page: 'fill'; id: string }
  | { page: 'unknown' };

const PAGE_OF = { s: 'reveal', m: 'manage', f: 'fill' } as const;

export function route(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'share' };
  if (/^\/request\/?$/.test(pathname)) return { page: 'request' };
  const match = /^\/([smf])\/([A-Za-z0-9_-]{22})\/?$/.exec(pathname);
  if (!match || !match[2]) return { page: 'unknown' };
  return { page: PAGE_OF[match[1] as keyof typeof PAGE_OF], id: match[2] };
}

/** The tab's title follows the page's heading, so each state (and the tab list) says where one is. */
function useTitleFromHeading() {
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    const update = () => {
      const heading = main.querySelector('h1')?.textContent?.trim();
      const title = heading ? `${heading} · SecretSentry` : 'SecretSentry';
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);
}

export function App({ route: current, fragment }: { route: Route; fragment: string }) {
  useTitleFromHeading();
  const { t } = useTranslation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <a className="brand" href="/">
          <ShieldLogo />
          <span>SecretSentry</span>
        </a>
        <div className="header-end">
          <span className="tagline">{t('app.tagline')}</span>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {current.page === 'share' ? <SharePage /> : null}
        {current.page === 'request' ? (
          <Suspense fallback={null}>
            <RequestPage />
          </Suspense>
        ) : null}
        {current.page === 'reveal' ? <RevealPage id={current.id} fragment={fragment} /> : null}
        {current.page === 'manage' ? <ManagePage id={current.id} fragment={fragment} /> : null}
        {current.page === 'fill' ? (
          <Suspense fallback={null}>
            <FillPage id={current.id} fragment={fragment} />
          </Suspense>
        ) : null}
        {current.page === 'unknown' ? <NotFoundPage /> : null}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
