// POST /secrets/{id}/seal: the seal use case behind the shared HTTP edge.
import type { HandlerDeps } from '../common/deps.ts';
import { bearerToken, httpHandler, parseBody, pathId } from '../common/http.ts';
import { sealRequest } from '../../core/requests.ts';
import { sealSecret } from './seal.ts';

export function createHandler(deps: HandlerDeps) {
  return httpHandler(deps.http, async (event) => {
    const id = pathId(event);
    const manageToken = bearerToken(event);
    const { parts } = parseBody(sealRequest, event, { optional: true });
    return { status: 200, body: await sealSecret(deps, { id, manageToken, parts }) };
  });
}
