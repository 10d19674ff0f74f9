// GET /secrets/{id}/receipt: the receipt use case behind the shared HTTP edge.
import type { TableHandlerDeps } from '../common/deps.ts';
import { bearerToken, httpHandler, pathId } from '../common/http.ts';
import { getReceipt } from './receipt.ts';

export function createHandler(deps: TableHandlerDeps) {
  return httpHandler(deps.http, async (event) => ({
    status: 200,
    body: await getReceipt(deps, { id: pathId(event), manageToken: bearerToken(event) }),
  }));
}
