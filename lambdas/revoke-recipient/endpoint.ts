// DELETE /secrets/{id}/recipients/{recipient}: the revoke-one-link use case behind the shared HTTP edge.
import type { HandlerDeps } from '../common/deps.ts';
import { NotFoundError } from '../common/errors.ts';
import { bearerToken, httpHandler, pathId } from '../common/http.ts';
import { revokeRecipient } from './revoke-recipient.ts';

export function createHandler(deps: HandlerDeps) {
  return httpHandler(deps.http, async (event) => {
    const id = pathId(event);
    // A link's number, 0 to 19, written as such: anything else is no link, like an unknown id.
    const text = event.pathParameters?.recipient ?? '';
    if (!/^(?:0|[1-9][0-9]?)$/.test(text)) throw new NotFoundError();
    await revokeRecipient(deps, { id, manageToken: bearerToken(event), index: Number(text) });
    return { status: 204 };
  });
}
