import { describe, expect, it } from '@jest/globals';
import { matchRoute, ROUTES } from '../../core/routes.ts';

describe('the route table', () => {
  it('matches each DESIGN §4 endpoint to its handler', () => {
    const cases: [string, string, string][] = [
      ['POST', '/secrets', 'create'],
      ['GET', '/secrets/abc', 'meta'],
      ['POST', '/secrets/abc/read', 'read'],
      ['DELETE', '/secrets/abc', 'revoke'],
      ['GET', '/secrets/abc/receipt', 'receipt'],
      ['GET', '/health', 'health'],
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
    ]) {
      expect(matchRoute('GET', path)).toBeUndefined();
    }
  });

  it('grants the vault delete only to the operations that end a secret', () => {
    const deleters = ROUTES.filter((r) => r.access.vault.includes('delete')).map((r) => r.name);
    expect(deleters.sort()).toEqual(['read', 'revoke']);
  });
});
