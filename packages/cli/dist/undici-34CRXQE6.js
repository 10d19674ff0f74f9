import { createRequire as __secretsentryCreateRequire } from 'node:module';
const require = __secretsentryCreateRequire(import.meta.url);
import {
  require_undici
} from "./chunk-ZF3JH2K4.js";
import "./chunk-FI25U3UK.js";
export default require_undici();
