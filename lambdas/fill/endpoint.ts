// POST /secrets/{id}/fill: the fill use case behind the shared HTTP edge.
import type { HandlerDeps } from '../common/deps.ts';
import { bearerToken, httpHandler, parseBody, pathId } from '../common/http.ts';
import { fillRequest as fillBody } from '../../core/requests.ts';
import { fillRequest } from './fill.ts';

export function createHandler(deps: HandlerDeps) {
  return httpHandler(deps.http, async (event) => {
    const id = pathId(event);
    const fillToken = bearerToken(event);
    const { ciphertext } = parseBody(fillBody, event);
    return { status: 200, body: await fillRequest(deps, { id, fillToken, ciphertext }) };
  });
}
