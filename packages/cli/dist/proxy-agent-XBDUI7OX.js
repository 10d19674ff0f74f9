import { createRequire as __secretsentryCreateRequire } from 'node:module';
const require = __secretsentryCreateRequire(import.meta.url);
import {
  require_undici
} from "./chunk-UV2IC7I6.js";
import {
  __toESM
} from "./chunk-FI25U3UK.js";

// cli/proxy-agent.ts
var import_undici = __toESM(require_undici(), 1);
function routeThroughProxy() {
  (0, import_undici.setGlobalDispatcher)(new import_undici.EnvHttpProxyAgent());
}
export {
  routeThroughProxy
};
