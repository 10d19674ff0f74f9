// The page's frame and its three routes: `/` share, `/s/<id>` reveal, `/m/<id>` manage.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './components/LanguageSwitcher.tsx';
import { ShieldLogo } from './components/ui.tsx';
import { ManagePage } from './pages/ManagePage.tsx';
import { NotFoundPage } from './pages/Messages.tsx';
import { RevealPage } from './pages/RevealPage.tsx';
import { SharePage } from './pages/SharePage.tsx';

export type Route =
  | { page: 'share' }
  | { page: 'reveal'; id: string }
  | { page: 'manage'; id: string }
  | { page: 'unknown' };

export function route(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'share' };
  const match = /^\/([sm])\/([A-Za-z0-9_-]{22})\/?$/.exec(pathname);
  if (!match || !match[2]) return { page: 'unknown' };
  return match[1] === 's' ? { page: 'reveal', id: match[2] } : { page: 'manage', id: match[2] };
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
        {current.page === 'reveal' ? <RevealPage id={current.id} fragment={fragment} /> : null}
        {current.page === 'manage' ? <ManagePage id={current.id} fragment={fragment} /> : null}
        {current.page === 'unknown' ? <NotFoundPage /> : null}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
