// GET /secrets/{id}: the meta use case behind the shared HTTP edge.
import type { TableHandlerDeps } from '../common/deps.ts';
import { bearerToken, httpHandler, pathId } from '../common/http.ts';
import { getSecretMeta } from './meta.ts';

export function createHandler(deps: TableHandlerDeps) {
  return httpHandler(deps.http, async (event) => ({
    status: 200,
    body: await getSecretMeta(deps, { id: pathId(event), readToken: bearerToken(event) }),
  }));
}
