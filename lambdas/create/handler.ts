import { createDeps } from '../shared/deps.ts';
import { httpHandler, parseBody } from '../shared/http.ts';
import { createRequest } from '../../core/contract.ts';
import { createSecret } from './create.ts';

const deps = createDeps();

export const handler = httpHandler(async (event) => ({
  status: 201,
  body: await createSecret(deps, parseBody(createRequest, event)),
}));
