// The page's security headers, defined once: the local stack sends them and the CDK app gives
// the same list to Amplify. `connect-src` names the API origin when it differs from the page's, and the
// vault's, where a file's body goes up and comes down through presigned URLs.

/** The origins the page connects to besides its own (scheme, host and port, no path). */
export interface ConnectOrigins {
  /** The API's, when not the page's (`https://<id>.execute-api.<region>.amazonaws.com`). */
  readonly api?: string;
  /** The vault's (`https://<bucket>.s3.<region>.amazonaws.com`; s3rver's locally). */
  readonly vault?: string;
}

export function contentSecurityPolicy(origins: ConnectOrigins = {}): string {
  const connect = [origins.api, origins.vault].filter((o): o is string => !!o);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // The favicon; the QR code is inline SVG and the page has no other image, no font, no manifest.
    "img-src 'self'",
    ["connect-src 'self'", ...connect].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    // No DOM sink (innerHTML, script src, eval…) takes a string, and no policy may be made to allow
    // one: the page (React, the QR code, the lazy chunks) writes none.
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

export function pageSecurityHeaders(origins: ConnectOrigins = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(origins),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/**
 * Cache-Control of the page itself (`/`, `/s/<id>`, `/m/<id>`) and of `config.json`: never stored, so a
 * shared or back-button cache holds no copy of a page that showed a secret, and a deploy is seen at once.
 */
export const PAGE_CACHE_CONTROL = 'no-store';
