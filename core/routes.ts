// The route table: defined once, used by the local stack's adapter and by the CDK app for API Gateway.
// `access` states what each operation touches, so the CDK grants exactly that and no more.

export type TableAccess = 'get' | 'put' | 'update';
export type VaultAccess = 'get' | 'put' | 'delete';

export interface Route {
  /** Also the folder under lambdas/ that holds the handler. */
  readonly name: 'create' | 'meta' | 'read' | 'revoke' | 'receipt' | 'health';
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** API Gateway resource path, with `{id}` as the one path parameter. */
  readonly path: string;
  readonly access: {
    readonly table: readonly TableAccess[];
    readonly vault: readonly VaultAccess[];
  };
  /** Whether the call consumes or creates, for the WAF's per-IP rate rules. */
  readonly rateLimited: boolean;
}

export const ROUTES: readonly Route[] = [
  {
    name: 'create',
    method: 'POST',
    path: '/secrets',
    access: { table: ['put'], vault: ['put'] },
    rateLimited: true,
  },
  {
    name: 'meta',
    method: 'GET',
    path: '/secrets/{id}',
    access: { table: ['get'], vault: [] },
    rateLimited: false,
  },
  {
    name: 'read',
    method: 'POST',
    path: '/secrets/{id}/read',
    access: { table: ['get', 'update'], vault: ['get', 'delete'] },
    rateLimited: true,
  },
  {
    name: 'revoke',
    method: 'DELETE',
    path: '/secrets/{id}',
    access: { table: ['get', 'update'], vault: ['delete'] },
    rateLimited: false,
  },
  {
    name: 'receipt',
    method: 'GET',
    path: '/secrets/{id}/receipt',
    access: { table: ['get'], vault: [] },
    rateLimited: false,
  },
  {
    name: 'health',
    method: 'GET',
    path: '/health',
    access: { table: [], vault: [] },
    rateLimited: false,
  },
];

export const handlerEntry = (route: Route): string => `lambdas/${route.name}/handler.ts`;

export interface RouteMatch {
  readonly route: Route;
  readonly pathParameters: Record<string, string> | null;
}

/**
 * Matches a path (without the stage or /api prefix) against the table. Returns the route for the
 * method, or the methods the path does allow (for a 405), or nothing (a 404).
 */
export function matchRoute(
  method: string,
  path: string,
): { match: RouteMatch } | { allow: readonly string[] } | undefined {
  const segments = path.split('/');
  const candidates: RouteMatch[] = [];
  for (const route of ROUTES) {
    const params = matchTemplate(route.path.split('/'), segments);
    if (params !== undefined) candidates.push({ route, pathParameters: params });
  }
  if (candidates.length === 0) return undefined;
  const hit = candidates.find((c) => c.route.method === method.toUpperCase());
  if (hit) return { match: hit };
  return { allow: candidates.map((c) => c.route.method) };
}

function matchTemplate(
  template: readonly string[],
  segments: readonly string[],
): Record<string, string> | null | undefined {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of template.entries()) {
    const segment = segments[i] ?? '';
    const param = /^\{(\w+)\}$/.exec(part);
    if (param?.[1]) {
      if (segment === '') return undefined;
      params[param[1]] = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return Object.keys(params).length > 0 ? params : null;
}
