// Entry: picks the page from the path, and takes the link's fragment out of the address bar before
// anything renders, so K is not left in history, bookmarks or screenshots of the address bar.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, route } from './App.tsx';
import './styles.css';

const current = route(window.location.pathname);
const fragment = window.location.hash.replace(/^#/, '');
if (current.page === 'reveal' && fragment !== '') {
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

// Opening the same link again in this tab only changes the fragment, which does not reload a page:
// reload, so the new K is read (and removed) like on any first visit.
window.addEventListener('hashchange', () => window.location.reload());

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App route={current} fragment={fragment} />
    </StrictMode>,
  );
}
