// DELETE /secrets/{id}: the revoke use case behind the shared HTTP edge.
import type { HandlerDeps } from '../common/deps.ts';
import { bearerToken, httpHandler, pathId } from '../common/http.ts';
import { revokeSecret } from './revoke.ts';

export function createHandler(deps: HandlerDeps) {
  return httpHandler(deps.http, async (event) => {
    await revokeSecret(deps, { id: pathId(event), manageToken: bearerToken(event) });
    return { status: 204 };
  });
}
