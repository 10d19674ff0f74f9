// GET /health: liveness. Given the HTTP edge only, so it cannot touch the stores.
import type { HandlerDeps } from '../common/deps.ts';
import { httpHandler } from '../common/http.ts';

export function createHandler(deps: Pick<HandlerDeps, 'http'>) {
  return httpHandler(deps.http, async () => ({ status: 200, body: { ok: true } }));
}
