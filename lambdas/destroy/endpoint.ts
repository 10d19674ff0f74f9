// POST /secrets/{id}/destroy: the recipient's destroy use case behind the shared HTTP edge.
import type { HandlerDeps } from '../common/deps.ts';
import { bearerToken, httpHandler, parseBody, pathId } from '../common/http.ts';
import { readRequest } from '../../core/requests.ts';
import { destroySecret } from './destroy.ts';

export function createHandler(deps: HandlerDeps) {
  return httpHandler(deps.http, async (event) => {
    const id = pathId(event);
    const readToken = bearerToken(event);
    const { verifier } = parseBody(readRequest, event, { optional: true });
    await destroySecret(deps, { id, readToken, verifier });
    return { status: 204 };
  });
}
