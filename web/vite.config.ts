// Builds the page into web/dist: hashed assets only, no inline script or style, so the strict CSP
// in securityHeaders.ts holds without hashes or nonces.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Never inline assets as data: URIs into CSS/JS; keeps every resource a same-origin file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // A language's catalogs are named after it (locale-de-share-<hash>.js), so a look at the
        // network panel, or a test, tells which languages a visit fetched.
        chunkFileNames: (chunk) => {
          const catalog = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(chunk.facadeModuleId ?? '');
          return catalog
            ? `assets/locale-${catalog[1]}-${catalog[2]}-[hash].js`
            : 'assets/[name]-[hash].js';
        },
      },
    },
  },
  // The page is written against React's API and runs on Preact's (preact/compat): the same
  // components in about a tenth of react-dom's size, which keeps the first load under 100 KB
  // gzipped with the translations' library in it. The types stay React's (@types/react).
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react(-dom)?$/, replacement: 'preact/compat' },
    ],
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
