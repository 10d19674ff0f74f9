// Serves the built page (web/dist) with the same security headers Amplify sends; the page's routes
// (`/`, `/request`, `/s/*`, `/m/*`, `/f/*`) fall back to index.html as Amplify's SPA rewrite does for
// every path without an extension. Until the page is built, a placeholder.
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { PAGE_CACHE_CONTROL, pageSecurityHeaders } from '../web/securityHeaders.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SecretSentry</title></head>
<body><h1>SecretSentry</h1><p>The API is running at <code>/api</code>. The web page has not been built:
run <code>npm run build:web</code> (or <code>npm start</code>, which builds it).</p></body></html>`;

const SPA_ROUTE = /^\/(?:|request\/?|[smf]\/[^/]+\/?)$/;

/** @param origins.vaultOrigin s3rver's, which the presigned URLs point at */
export function createStaticHandler(distDir: string, origins: { vaultOrigin?: string } = {}) {
  const root = path.resolve(distDir);
  const headers = pageSecurityHeaders({ vault: origins.vaultOrigin });

  return async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, {
        ...headers,
        Allow: 'GET, HEAD',
        'Content-Type': 'text/plain; charset=utf-8',
      });
      return res.end('Method not allowed\n');
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      decoded = '/__invalid__';
    }
    if (pathname === '/config.json') {
      // The page learns its API base at run time (Amplify gets a generated one per stage).
      res.writeHead(200, {
        ...headers,
        'Content-Type': TYPES['.json'] ?? 'application/json',
        'Cache-Control': PAGE_CACHE_CONTROL,
      });
      return res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ apiUrl: '/api' }));
    }
    const file = path.resolve(root, '.' + path.posix.normalize(decoded));
    const body = file.startsWith(root + path.sep) ? await readIfFile(file) : undefined;
    if (body) {
      const immutable = decoded.startsWith('/assets/');
      return serve(req, res, file, body, {
        ...headers,
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : PAGE_CACHE_CONTROL,
      });
    }
    if (SPA_ROUTE.test(pathname)) {
      const index = path.join(root, 'index.html');
      const pageHeaders = { ...headers, 'Cache-Control': PAGE_CACHE_CONTROL };
      const indexBody = await readIfFile(index);
      if (indexBody) return serve(req, res, index, indexBody, pageHeaders);
      res.writeHead(200, { ...pageHeaders, 'Content-Type': TYPES['.html'] ?? 'text/html' });
      return res.end(req.method === 'HEAD' ? undefined : PLACEHOLDER);
    }
    res.writeHead(404, {
      ...headers,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end('Not found\n');
  };
}

/**
 * The file's bytes, or undefined when there is no such file. Any failure counts as none: a name with
 * a NUL byte or one too long for the file system is a 404, never a 5xx.
 */
async function readIfFile(file: string): Promise<Buffer | undefined> {
  try {
    return (await stat(file)).isFile() ? await readFile(file) : undefined;
  } catch {
    return undefined;
  }
}

function serve(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  body: Buffer,
  headers: Record<string, string>,
) {
  res.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(body.length),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
