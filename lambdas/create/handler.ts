import { createDeps } from '../shared/deps.ts';
import { httpHandler, parseBody } from '../shared/http.ts';
import { createBody } from '../shared/schemas.ts';
import { createSecret } from './create.ts';

const deps = createDeps();

export const handler = httpHandler(async (event) => ({
  status: 201,
  body: await createSecret(deps, parseBody(createBody, event)),
}));
