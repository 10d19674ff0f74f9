import { describe, expect, it } from '@jest/globals';
import { matchRoute, ROUTES } from '../../core/routes.ts';

describe('the route table', () => {
  it('matches each docs/design.md §5 endpoint to its handler', () => {
    const cases: [string, string, string][] = [
      ['POST', '/secrets', 'create'],
      ['GET', '/secrets/abc', 'meta'],
      ['POST', '/secrets/abc/read', 'read'],
      ['DELETE', '/secrets/abc', 'revoke'],
      ['GET', '/secrets/abc/receipt', 'receipt'],
      ['GET', '/health', 'health'],
      ['GET', '/openapi.json', 'openapi'],
    ];
    for (const [method, path, name] of cases) {
      const found = matchRoute(method, path);
      expect(found && 'match' in found && found.match.route.name).toBe(name);
    }
  });

  it('extracts the id path parameter', () => {
    const found = matchRoute('GET', '/secrets/abc/receipt');
    expect(found && 'match' in found && found.match.pathParameters).toEqual({ id: 'abc' });
  });

  it('lists the allowed methods for a known path with the wrong method', () => {
    expect(matchRoute('PUT', '/secrets/abc')).toEqual({ allow: ['GET', 'DELETE'] });
    expect(matchRoute('GET', '/secrets/abc/read')).toEqual({ allow: ['POST'] });
  });

  it('matches nothing for unknown paths, empty ids and extra segments', () => {
    for (const path of [
      '/',
      '/secret',
      '/secrets/',
      '/secrets//read',
      '/secrets/a/b/c',
      '/health/x',
      '/openapi',
      '/openapi.json/x',
    ]) {
      expect(matchRoute('GET', path)).toBeUndefined();
    }
  });

  it('grants the vault delete only to the operations that end a secret, and to fill (its own object)', () => {
    const deleters = ROUTES.filter((r) => r.access.vault.includes('delete')).map((r) => r.name);
    expect(deleters.sort()).toEqual(['destroy', 'fill', 'read', 'revoke', 'revokeRecipient']);
  });

  it('rate limits only the calls that create, store or consume, or take a verifier', () => {
    expect(ROUTES.filter((r) => r.rateLimited).map((r) => r.name)).toEqual([
      'create',
      'fill',
      'read',
      'destroy',
    ]);
  });

  it('lets every call with an id or a credential answer not_found, the one answer to a wrong credential', () => {
    for (const route of ROUTES.filter((r) => r.path.includes('{id}') || r.credential !== 'none')) {
      expect([route.name, route.errors]).toEqual([
        route.name,
        expect.arrayContaining(['not_found']),
      ]);
    }
  });

  it('lets every call with a body answer the body errors, and no call without one', () => {
    const bodyErrors = ['invalid_request', 'too_large', 'unsupported_media_type'];
    for (const route of ROUTES) {
      const answered = bodyErrors.filter((code) => route.errors.includes(code as never));
      expect([route.name, answered]).toEqual([route.name, route.body ? bodyErrors : []]);
    }
  });

  it('lets every call meet the WAF, the throttle and a gateway 5xx', () => {
    for (const route of ROUTES) {
      expect([route.name, route.errors]).toEqual([
        route.name,
        expect.arrayContaining(['forbidden', 'throttled', 'outcome_unknown']),
      ]);
    }
  });

  it('gives every answer with a body a schema, and 204 none', () => {
    for (const route of ROUTES) {
      expect([route.name, route.success.schema === undefined]).toEqual([
        route.name,
        route.success.status === 204,
      ]);
    }
  });
});
