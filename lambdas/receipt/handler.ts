import { createDeps } from '../shared/deps.ts';
import { bearerToken, httpHandler, pathId } from '../shared/http.ts';
import { getReceipt } from './receipt.ts';

const deps = createDeps();

export const handler = httpHandler(async (event) => ({
  status: 200,
  body: await getReceipt(deps, { id: pathId(event), manageToken: bearerToken(event) }),
}));
