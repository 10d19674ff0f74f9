import { createRequire as __secretsentryCreateRequire } from 'node:module';
const require = __secretsentryCreateRequire(import.meta.url);
import {
  __export
} from "./chunk-FI25U3UK.js";

// core/limits.ts
var LIMITS = {
  maxReads: { min: 1, max: 100, default: 1 },
  /** Links one secret may have, each with its own read token and reads (docs/design.md §2). */
  recipients: { min: 1, max: 20 },
  /** A recipient's label, in characters of plaintext; the client encrypts it, the server never reads it. */
  labelChars: 100,
  /** A recipient label's JWE, in characters: 100 characters of UTF-8 at 4 bytes each, and framing. */
  labelCiphertextChars: 768,
  /** A sender's webhook URL. */
  webhookUrlChars: 2048,
  ttlSeconds: { min: 60, max: 259200, default: 259200 },
  /**
   * Largest secret a client sends, in bytes of plaintext: its JWE (base64url adds a third, the
   * framing about 80 characters) stays within `ciphertextChars`.
   */
  secretBytes: 700 * 1024,
  /** Longest accepted JWE compact serialization, in characters (1 MiB). */
  ciphertextChars: 1048576,
  /** Largest request body: the ciphertext plus the rest of the JSON. */
  bodyBytes: 1048576 + 16384,
  minIterations: 6e5,
  /** Upper bound on PBKDF2 iterations, so a sender cannot lock recipients out with a huge count. */
  maxIterations: 1e7,
  saltBytes: { min: 16, max: 64 },
  /** Wrong passphrase verifiers in a row that destroy the secret. */
  maxFailedAttempts: 5,
  /** How long the tombstone (and so the sender's receipt) outlives the secret's expiry. */
  receiptRetentionSeconds: 7 * 24 * 3600,
  /** Longest accepted file manifest (a JWE of the file's name, type and size), in characters. */
  manifestChars: 8192,
  /**
   * Largest file body a client declares, in bytes: `encryptedBodyLength(1 GiB)` of core/body-stream.ts
   * (a unit test pins the two together), so a 1 GiB file fits and nothing larger does.
   */
  fileBodyBytes: 1074020458,
  /** Bodies up to this size are uploaded with one PUT; larger ones in parts of `partBytes`. */
  multipartThresholdBytes: 64 * 1024 * 1024,
  /** Size of every part but the last (at least S3's 5 MiB minimum). */
  partBytes: 16 * 1024 * 1024,
  /** How long upload URLs stay usable (S3 checks when an upload starts, not when it ends). */
  uploadUrlSeconds: 900,
  /** How long a read's download URL stays usable. */
  downloadUrlSeconds: 300,
  /** How long a file secret waits for its seal before its item is purged. */
  pendingSeconds: 3600
};

// node_modules/zod/v4/core/util.js
function getEnumValues(entries) {
  const numericValues = Object.values(entries).filter((v) => typeof v === "number");
  const values = Object.entries(entries).filter(([k, _]) => numericValues.indexOf(+k) === -1).map(([_, v]) => v);
  return values;
}
function jsonStringifyReplacer(_, value) {
  if (typeof value === "bigint")
    return value.toString();
  return value;
}
var Cached = class {
  constructor(getter) {
    this._getter = getter;
    this._value = void 0;
  }
  get value() {
    const getter = this._getter;
    if (getter !== void 0) {
      this._value = getter();
      this._getter = void 0;
    }
    return this._value;
  }
};
function cached(getter) {
  return new Cached(getter);
}
function nullish(input) {
  return input === null || input === void 0;
}
function cleanRegex(source) {
  const start = source.startsWith("^") ? 1 : 0;
  const end = source.endsWith("$") ? source.length - 1 : source.length;
  return source.slice(start, end);
}
function assignProp(target, prop, value) {
  Object.defineProperty(target, prop, {
    value,
    writable: true,
    enumerable: true,
    configurable: true
  });
}
var captureStackTrace = "captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => {
};
function isObject(data) {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}
var propertyKeyTypes = /* @__PURE__ */ new Set(["string", "number", "symbol"]);
function escapeRegex(str) {
  return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function clone(inst, def, params) {
  const cl = new inst._zod.constr(def ?? inst._zod.def);
  if (!def || params?.parent)
    cl._zod.parent = inst;
  return cl;
}
function normalizeParams(_params) {
  const params = _params;
  if (!params)
    return {};
  if (typeof params === "string")
    return { error: () => params };
  if (params?.message !== void 0) {
    if (params?.error !== void 0)
      throw new Error("Cannot specify both `message` and `error` params");
    params.error = params.message;
  }
  delete params.message;
  if (typeof params.error === "string")
    return { ...params, error: () => params.error };
  return params;
}
function optionalKeys(shape) {
  return Object.keys(shape).filter((k) => {
    return shape[k]._zod.optin !== void 0 && shape[k]._zod.optout === "optional";
  });
}
var NUMBER_FORMAT_RANGES = /* @__PURE__ */ (() => ({
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  float32: [-34028234663852886e22, 34028234663852886e22],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE]
}))();
function aborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue !== true) {
      return true;
    }
  }
  return false;
}
function explicitlyAborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue === false) {
      return true;
    }
  }
  return false;
}
function prefixIssues(path, issues) {
  return issues.map((iss) => {
    var _a2;
    (_a2 = iss).path ?? (_a2.path = []);
    iss.path.unshift(path);
    return iss;
  });
}
function unwrapMessage(message2) {
  return typeof message2 === "string" ? message2 : message2?.message;
}
function sizeCaps(defChecks) {
  const caps = [];
  for (const ch of defChecks ?? []) {
    const d = ch._zod.def;
    if (!/_(length|size)$|_equals$/.test(d.check))
      break;
    const max = d.maximum ?? d.length ?? d.size;
    if (max >= 0)
      caps.push([max, ch]);
  }
  return caps;
}
function attachSchema(issues, start, inst) {
  var _a2;
  for (let i = start; i < issues.length; i++) {
    (_a2 = issues[i]).schema ?? (_a2.schema = inst);
  }
}
function finalizeIssue(iss, ctx, config2) {
  var _a2;
  const traits = iss.inst?._zod?.traits;
  if (traits?.has("$ZodType")) {
    if (traits.has("$ZodCheck"))
      (_a2 = iss).schema ?? (_a2.schema = iss.inst);
    else
      iss.schema = iss.inst;
  }
  const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : void 0;
  const message2 = iss.message ? iss.message : unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ?? unwrapMessage(schemaError?.(iss)) ?? unwrapMessage(ctx?.error?.(iss)) ?? unwrapMessage(config2.customError?.(iss)) ?? unwrapMessage(config2.localeError?.(iss)) ?? "Invalid input";
  const full = {};
  for (const k of Object.keys(iss)) {
    if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
      continue;
    full[k] = iss[k];
  }
  full.path ?? (full.path = []);
  full.message = message2;
  if (ctx?.reportInput) {
    full.input = iss.input;
  }
  return full;
}
var highSurrogate = /[\uD800-\uDBFF]/;
function codePointLength(str) {
  const units = str.length;
  if (!highSurrogate.test(str))
    return units;
  let count2 = units;
  for (let i = 0; i < units - 1; i++) {
    if ((str.charCodeAt(i) & 64512) === 55296 && (str.charCodeAt(i + 1) & 64512) === 56320) {
      count2--;
      i++;
    }
  }
  return count2;
}
function getLengthableOrigin(input) {
  if (Array.isArray(input))
    return "array";
  if (typeof input === "string")
    return "string";
  return "unknown";
}
function issue(...args) {
  const [iss, input, inst] = args;
  if (typeof iss === "string") {
    return {
      message: iss,
      code: "custom",
      input,
      inst
    };
  }
  return { ...iss };
}
function members(proto, table2) {
  for (const key in table2) {
    const desc = Object.getOwnPropertyDescriptor(table2, key);
    if (desc.get)
      Object.defineProperty(proto, key, { ...desc, enumerable: false });
    else
      defineBound(proto, key, desc.value);
  }
}
function own(inst, key, value, enumerable = true) {
  Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
  return value;
}
function hide(inst, key, value) {
  return own(inst, key, value, false);
}
function defineBound(proto, key, fn) {
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      return this == null ? fn : own(this, key, fn.bind(this));
    },
    set(value) {
      own(this, key, value);
    }
  });
}
function claim(inst, sentinel) {
  const proto = Object.getPrototypeOf(inst);
  return sentinel in proto ? void 0 : proto;
}
var installing;
var broke = false;
var breaker = {
  configurable: true,
  get() {
    broke = true;
    return void 0;
  }
};
function defineLazyInternal(inst, key, compute) {
  const proto = Object.getPrototypeOf(inst._zod);
  if (key in proto && installing !== inst._zod) {
    installing = void 0;
    return;
  }
  installing = inst._zod;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      Object.defineProperty(this, key, breaker);
      const outer = broke;
      broke = false;
      try {
        const value = compute(this);
        if (broke)
          delete this[key];
        else
          Object.defineProperty(this, key, { configurable: true, writable: true, value });
        broke = broke || outer;
        return value;
      } catch (err) {
        delete this[key];
        broke = broke || outer;
        throw err;
      }
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, value });
    }
  });
}
function installLazyProp(inst, key, make, enumerable) {
  const proto = claim(inst, key);
  if (!proto)
    return;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      const desc = { configurable: true, writable: true, enumerable, value: void 0 };
      Object.defineProperty(this, key, desc);
      desc.value = make(this);
      Object.defineProperty(this, key, desc);
      return desc.value;
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
    }
  });
}

// node_modules/zod/v4/core/core.js
var _a;
var _zodDesc = { value: void 0, enumerable: false };
var _E = "captureStackTrace" in Error ? Error : null;
function newError(Definition) {
  const E = _E;
  if (E) {
    const saved = E.stackTraceLimit;
    if (typeof saved === "number") {
      try {
        E.stackTraceLimit = 0;
      } catch {
        _E = null;
        return new Definition();
      }
      try {
        return new Definition();
      } finally {
        E.stackTraceLimit = saved;
      }
    }
  }
  return new Definition();
}
// @__NO_SIDE_EFFECTS__
function $constructor(name, initializer2, proto, params) {
  const zodProto = {};
  function Internals(def) {
    this.def = def;
    this.constr = _;
    this.traits = /* @__PURE__ */ new Set();
  }
  Internals.prototype = zodProto;
  const protoMembers = proto;
  const initialized = protoMembers && /* @__PURE__ */ new WeakSet();
  function init(inst, def) {
    if (!inst._zod) {
      _zodDesc.value = new Internals(def);
      try {
        Object.defineProperty(inst, "_zod", _zodDesc);
      } finally {
        _zodDesc.value = void 0;
      }
    } else if (inst._zod.traits.has(name)) {
      return;
    }
    inst._zod.traits.add(name);
    initializer2(inst, def);
    if (initialized) {
      const own2 = Object.getPrototypeOf(inst);
      const ctorProto = inst._zod.constr.prototype;
      let up = own2;
      while (up && up !== ctorProto)
        up = Object.getPrototypeOf(up);
      const target = up ?? own2;
      if (!initialized.has(target)) {
        initialized.add(target);
        members(target, protoMembers);
      }
    }
    const proto2 = _.prototype;
    for (const k in proto2) {
      if (!Object.prototype.hasOwnProperty.call(proto2, k))
        continue;
      if (!(k in inst)) {
        inst[k] = proto2[k].bind(inst);
      }
    }
  }
  const Parent = params?.Parent ?? Object;
  class Definition extends Parent {
  }
  Object.defineProperty(Definition, "name", { value: name });
  function _(def) {
    const inst = params?.Parent ? newError(Definition) : this;
    init(inst, def);
    const deferred = inst._zod.deferred;
    if (deferred) {
      for (const fn of deferred) {
        fn();
      }
      inst._zod.deferred = void 0;
    }
    const pp = globalThis.__zod_globalConfig?.postProcessor;
    if (pp)
      pp(inst);
    return inst;
  }
  Object.defineProperty(_, "init", { value: init });
  Object.defineProperty(_, Symbol.hasInstance, {
    value: (inst) => {
      if (params?.Parent && inst instanceof params.Parent)
        return true;
      return inst?._zod?.traits?.has(name);
    }
  });
  Object.defineProperty(_, "name", { value: name });
  return _;
}
var $ZodAsyncError = class extends Error {
  constructor() {
    super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
  }
};
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
var globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
  if (newConfig)
    Object.assign(globalConfig, newConfig);
  return globalConfig;
}

// node_modules/zod/v4/core/errors.js
function _getMessage() {
  const internals = this._zod;
  internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
  return internals.message;
}
function _setMessage(value) {
  this._zod.message = value;
}
var _messageDesc = {
  get: _getMessage,
  set: _setMessage,
  enumerable: true,
  configurable: true
};
var _issuesDesc = { value: void 0, enumerable: false };
var _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
var initializer = (inst, def) => {
  inst.name = "$ZodError";
  _issuesDesc.value = def;
  Object.defineProperty(inst, "issues", _issuesDesc);
  _issuesDesc.value = void 0;
  Object.defineProperty(inst, "message", _messageDesc);
  const proto = Object.getPrototypeOf(inst);
  if (!_installedToString.has(proto)) {
    _installedToString.add(proto);
    Object.defineProperty(proto, "toString", {
      configurable: true,
      enumerable: false,
      get() {
        const value = () => this.message;
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
        return value;
      },
      set(value) {
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
      }
    });
  }
};
var $ZodError = $constructor("$ZodError", initializer);
var $ZodRealError = $constructor("$ZodError", initializer, void 0, {
  Parent: Error
});

// node_modules/zod/v4/core/parse.js
var _parse = (_Err) => {
  const fn = (schema, value, _ctx, _params) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
      throw new $ZodAsyncError();
    }
    if (result.issues.length) {
      const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, _params?.callee ?? fn);
      throw e;
    }
    return result.value;
  };
  return fn;
};
var parse = /* @__PURE__ */ _parse($ZodRealError);
var _parseAsync = (_Err) => {
  const fn = async (schema, value, _ctx, params) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
      result = await result;
    if (result.issues.length) {
      const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, params?.callee ?? fn);
      throw e;
    }
    return result.value;
  };
  return fn;
};
var parseAsync = /* @__PURE__ */ _parseAsync($ZodRealError);
var _safeParse = (_Err) => (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
  const result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise) {
    throw new $ZodAsyncError();
  }
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
var safeParse = /* @__PURE__ */ _safeParse($ZodRealError);
function failure(Err, issues, ctx) {
  let error;
  return {
    success: false,
    get error() {
      if (!error) {
        error = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
        issues = void 0;
        ctx = void 0;
      }
      return error;
    },
    set error(e) {
      error = e;
      issues = void 0;
      ctx = void 0;
    }
  };
}
var _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
  let result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise)
    result = await result;
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
var safeParseAsync = /* @__PURE__ */ _safeParseAsync($ZodRealError);

// node_modules/zod/v4/core/regexes.js
var duration = /^P(?:(\d+W)|(?!.*W)(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?)$/;
var httpProtocol = /^https?$/;
var dateSource = `(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`;
function anchor(source) {
  return new RegExp(`^${source}$`);
}
var date = /* @__PURE__ */ anchor(dateSource);
function timeSource(args) {
  const hhmm = `(?:[01]\\d|2[0-3]):[0-5]\\d`;
  const regex = typeof args.precision === "number" ? args.precision === -1 ? `${hhmm}` : args.precision === 0 ? `${hhmm}:[0-5]\\d` : `${hhmm}:[0-5]\\d\\.\\d{${args.precision}}` : args.seconds ? `${hhmm}:[0-5]\\d(?:\\.\\d+)?` : `${hhmm}(?::[0-5]\\d(?:\\.\\d+)?)?`;
  return regex;
}
function time(args) {
  return new RegExp(`^${timeSource(args)}$`);
}
function datetime(args) {
  const opts = ["Z"];
  if (args.offset)
    opts.push(`([+-](?:[01]\\d|2[0-3]):[0-5]\\d)`);
  const qualified = `${timeSource({ precision: args.precision, seconds: true })}(?:${opts.join("|")})`;
  const timeRegex = args.local ? `${qualified}|${timeSource({ precision: args.precision })}` : qualified;
  return new RegExp(`^${dateSource}T(?:${timeRegex})$`);
}
var anyString = /^[\s\S]{0,}$/;
var number = /^-?\d+(?:\.\d+)?$/;
var boolean = /^(?:true|false)$/i;

// node_modules/zod/v4/core/checks.js
var $ZodCheck = /* @__PURE__ */ $constructor("$ZodCheck", (inst, def) => {
  var _a2;
  inst._zod ?? (inst._zod = {});
  inst._zod.def = def;
  (_a2 = inst._zod).onattach ?? (_a2.onattach = []);
});
var _whenHasLength = (payload) => {
  const val = payload.value;
  return !nullish(val) && val.length !== void 0;
};
var numericOriginMap = {
  number: "number",
  bigint: "bigint",
  object: "date"
};
var $ZodCheckLessThan = /* @__PURE__ */ $constructor("$ZodCheckLessThan", (inst, def) => {
  $ZodCheck.init(inst, def);
  const origin = numericOriginMap[typeof def.value];
  inst._zod.check = (payload) => {
    if (def.inclusive ? payload.value <= def.value : payload.value < def.value) {
      return;
    }
    payload.issues.push({
      origin: numericOriginMap[typeof payload.value] ?? origin,
      code: "too_big",
      maximum: typeof def.value === "object" ? def.value.getTime() : def.value,
      input: payload.value,
      inclusive: def.inclusive,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckGreaterThan = /* @__PURE__ */ $constructor("$ZodCheckGreaterThan", (inst, def) => {
  $ZodCheck.init(inst, def);
  const origin = numericOriginMap[typeof def.value];
  inst._zod.check = (payload) => {
    if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
      return;
    }
    payload.issues.push({
      origin: numericOriginMap[typeof payload.value] ?? origin,
      code: "too_small",
      minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
      input: payload.value,
      inclusive: def.inclusive,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckNumberFormat = /* @__PURE__ */ $constructor("$ZodCheckNumberFormat", (inst, def) => {
  $ZodCheck.init(inst, def);
  def.format = def.format || "float64";
  const isInt = def.format?.includes("int");
  const origin = isInt ? "int" : "number";
  const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
  inst._zod.check = (payload) => {
    const input = payload.value;
    if (isInt) {
      if (!Number.isInteger(input)) {
        payload.issues.push({
          expected: origin,
          format: def.format,
          code: "invalid_type",
          continue: false,
          input,
          inst
        });
        return;
      }
      if (!Number.isSafeInteger(input)) {
        if (input > 0) {
          payload.issues.push({
            input,
            code: "too_big",
            maximum: Number.MAX_SAFE_INTEGER,
            note: "Integers must be within the safe integer range.",
            inst,
            origin,
            inclusive: true,
            continue: !def.abort
          });
        } else {
          payload.issues.push({
            input,
            code: "too_small",
            minimum: Number.MIN_SAFE_INTEGER,
            note: "Integers must be within the safe integer range.",
            inst,
            origin,
            inclusive: true,
            continue: !def.abort
          });
        }
        return;
      }
    }
    if (input < minimum) {
      payload.issues.push({
        origin: "number",
        input,
        code: "too_small",
        minimum,
        inclusive: true,
        inst,
        continue: !def.abort
      });
    }
    if (input > maximum) {
      payload.issues.push({
        origin: "number",
        input,
        code: "too_big",
        maximum,
        inclusive: true,
        inst,
        continue: !def.abort
      });
    }
  };
});
var $ZodCheckMaxLength = /* @__PURE__ */ $constructor("$ZodCheckMaxLength", (inst, def) => {
  var _a2;
  $ZodCheck.init(inst, def);
  (_a2 = inst._zod.def).when ?? (_a2.when = _whenHasLength);
  inst._zod.check = (payload) => {
    const input = payload.value;
    const units = input.length;
    const length = typeof input === "string" && units > def.maximum ? codePointLength(input) : units;
    if (length <= def.maximum)
      return;
    const origin = getLengthableOrigin(input);
    payload.issues.push({
      origin,
      code: "too_big",
      maximum: def.maximum,
      inclusive: true,
      input,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckMinLength = /* @__PURE__ */ $constructor("$ZodCheckMinLength", (inst, def) => {
  var _a2;
  $ZodCheck.init(inst, def);
  (_a2 = inst._zod.def).when ?? (_a2.when = _whenHasLength);
  inst._zod.check = (payload) => {
    const input = payload.value;
    const units = input.length;
    const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2 ? codePointLength(input) : units;
    if (length >= def.minimum)
      return;
    const origin = getLengthableOrigin(input);
    payload.issues.push({
      origin,
      code: "too_small",
      minimum: def.minimum,
      inclusive: true,
      input,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckStringFormat = /* @__PURE__ */ $constructor("$ZodCheckStringFormat", (inst, def) => {
  var _a2, _b;
  $ZodCheck.init(inst, def);
  if (def.pattern)
    (_a2 = inst._zod).check ?? (_a2.check = (payload) => {
      def.pattern.lastIndex = 0;
      if (def.pattern.test(payload.value))
        return;
      payload.issues.push({
        origin: "string",
        code: "invalid_format",
        format: def.format,
        input: payload.value,
        ...def.pattern ? { pattern: def.pattern.toString() } : {},
        inst,
        continue: !def.abort
      });
    });
  else
    (_b = inst._zod).check ?? (_b.check = () => {
    });
});
var $ZodCheckRegex = /* @__PURE__ */ $constructor("$ZodCheckRegex", (inst, def) => {
  $ZodCheckStringFormat.init(inst, def);
  inst._zod.check = (payload) => {
    def.pattern.lastIndex = 0;
    if (def.pattern.test(payload.value))
      return;
    payload.issues.push({
      origin: "string",
      code: "invalid_format",
      format: "regex",
      input: payload.value,
      pattern: def.pattern.toString(),
      inst,
      continue: !def.abort
    });
  };
});

// node_modules/zod/v4/core/versions.js
var version = {
  major: 4,
  minor: 6,
  patch: 7
};

// node_modules/zod/v4/core/schemas.js
var $ZodType = /* @__PURE__ */ $constructor("$ZodType", (inst, def) => {
  var _a2;
  inst ?? (inst = {});
  inst._zod.def = def;
  inst._zod.bag = inst._zod.bag || {};
  inst._zod.version = version;
  const defChecks = inst._zod.def.checks;
  const checks = inst._zod.traits.has("$ZodCheck") ? [inst, ...defChecks ?? []] : defChecks?.length ? [...defChecks] : [];
  for (const ch of checks) {
    for (const fn of ch._zod.onattach) {
      fn(inst);
    }
  }
  if (checks.length === 0) {
    (_a2 = inst._zod).deferred ?? (_a2.deferred = []);
    inst._zod.deferred?.push(() => {
      inst._zod.run = inst._zod.parse;
    });
  } else {
    const runChecks = (payload, checks2, ctx) => {
      if (payload.memo)
        return payload;
      let isAborted = aborted(payload);
      let asyncResult;
      for (const ch of checks2) {
        if (ch._zod.def.when) {
          if (explicitlyAborted(payload))
            continue;
          const shouldRun = ch._zod.def.when(payload);
          if (!shouldRun)
            continue;
        } else if (isAborted) {
          continue;
        }
        const currLen = payload.issues.length;
        const _ = ch._zod.check(payload);
        if (_ instanceof Promise && ctx?.async === false) {
          throw new $ZodAsyncError();
        }
        if (asyncResult || _ instanceof Promise) {
          asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
            await _;
            const nextLen = payload.issues.length;
            if (nextLen === currLen)
              return;
            attachSchema(payload.issues, currLen, inst);
            if (!isAborted)
              isAborted = aborted(payload, currLen);
          });
        } else {
          const nextLen = payload.issues.length;
          if (nextLen === currLen)
            continue;
          attachSchema(payload.issues, currLen, inst);
          if (!isAborted)
            isAborted = aborted(payload, currLen);
        }
      }
      if (asyncResult) {
        return asyncResult.then(() => {
          return payload;
        });
      }
      return payload;
    };
    const handleCanaryResult = (canary, payload, ctx) => {
      if (aborted(canary)) {
        canary.aborted = true;
        return canary;
      }
      const checkResult = runChecks(payload, checks, ctx);
      if (checkResult instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return checkResult.then((checkResult2) => inst._zod.parse(checkResult2, ctx));
      }
      return inst._zod.parse(checkResult, ctx);
    };
    inst._zod.run = (payload, ctx) => {
      if (ctx.skipChecks) {
        return inst._zod.parse(payload, ctx);
      }
      if (ctx.direction === "backward") {
        const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
        if (canary instanceof Promise) {
          return canary.then((canary2) => {
            return handleCanaryResult(canary2, payload, ctx);
          });
        }
        return handleCanaryResult(canary, payload, ctx);
      }
      const result = inst._zod.parse(payload, ctx);
      if (result instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return result.then((result2) => runChecks(result2, checks, ctx));
      }
      return runChecks(result, checks, ctx);
    };
  }
}, {
  // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
  get "~standard"() {
    return hide(this, "~standard", standardProps(this));
  },
  set "~standard"(value) {
    own(this, "~standard", value);
  }
});
var toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
  const ctx = { async: true };
  return toStandardResult(await inst._zod.run({ value, issues: [] }, ctx), ctx);
}
function standardProps(inst) {
  return {
    validate: (value) => {
      const ctx = { async: false };
      try {
        const r = inst._zod.run({ value, issues: [] }, ctx);
        if (!(r instanceof Promise))
          return toStandardResult(r, ctx);
      } catch (_) {
      }
      return validateAsync(inst, value);
    },
    vendor: "zod",
    version: 1
  };
}
var $ZodString = /* @__PURE__ */ $constructor("$ZodString", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = def.pattern ?? anyString;
  inst._zod.parse = (payload, _) => {
    if (def.coerce)
      try {
        payload.value = String(payload.value);
      } catch (_2) {
      }
    if (typeof payload.value === "string")
      return payload;
    payload.issues.push({
      expected: "string",
      code: "invalid_type",
      input: payload.value,
      inst
    });
    return payload;
  };
});
var $ZodStringFormat = /* @__PURE__ */ $constructor("$ZodStringFormat", (inst, def) => {
  $ZodCheckStringFormat.init(inst, def);
  $ZodString.init(inst, def);
});
var URL_BAD_FORMAT = 1;
var URL_UNPARSEABLE = 2;
function canParseURL(input) {
  try {
    if (typeof URL !== "undefined" && typeof URL.canParse === "function")
      return URL.canParse(input);
    new URL(input);
    return true;
  } catch {
    return false;
  }
}
function validateURL(trimmed, def) {
  if (!("normalize" in def) && !("hostname" in def) && !("protocol" in def)) {
    return canParseURL(trimmed) || URL_UNPARSEABLE;
  }
  return parseURLObject(trimmed, def);
}
function parseURLObject(trimmed, def) {
  if (!def.normalize && def.protocol?.source === httpProtocol.source && !/^https?:\/\//i.test(trimmed)) {
    return URL_BAD_FORMAT;
  }
  try {
    if (typeof URL !== "undefined") {
      const URLStatic = URL;
      if (typeof URLStatic.parse === "function")
        return URLStatic.parse(trimmed) ?? URL_UNPARSEABLE;
    }
    return new URL(trimmed);
  } catch {
    return URL_UNPARSEABLE;
  }
}
var asciiTabOrNewline = /[\t\n\r]/g;
function stripTabAndNewline(value) {
  return value.replace(asciiTabOrNewline, "");
}
function urlHostnameOk(url3, hostname) {
  hostname.lastIndex = 0;
  return hostname.test(url3.hostname);
}
function urlProtocolOk(url3, protocol) {
  protocol.lastIndex = 0;
  return protocol.test(url3.protocol.endsWith(":") ? url3.protocol.slice(0, -1) : url3.protocol);
}
var $ZodURL = /* @__PURE__ */ $constructor("$ZodURL", (inst, def) => {
  $ZodStringFormat.init(inst, def);
  inst._zod.check = (payload) => {
    try {
      const trimmed = payload.value.trim();
      const url3 = validateURL(trimmed, def);
      if (url3 === URL_BAD_FORMAT) {
        payload.issues.push({
          code: "invalid_format",
          format: "url",
          note: "Invalid URL format",
          input: payload.value,
          inst,
          continue: !def.abort
        });
        return;
      }
      if (url3 === URL_UNPARSEABLE) {
        payload.issues.push({
          code: "invalid_format",
          format: "url",
          input: payload.value,
          inst,
          continue: !def.abort
        });
        return;
      }
      if (url3 === true) {
        payload.value = stripTabAndNewline(trimmed);
        return;
      }
      if (def.hostname && !urlHostnameOk(url3, def.hostname)) {
        payload.issues.push({
          code: "invalid_format",
          format: "url",
          note: "Invalid hostname",
          pattern: def.hostname.source,
          input: payload.value,
          inst,
          continue: !def.abort
        });
      }
      if (def.protocol && !urlProtocolOk(url3, def.protocol)) {
        payload.issues.push({
          code: "invalid_format",
          format: "url",
          note: "Invalid protocol",
          pattern: def.protocol.source,
          input: payload.value,
          inst,
          continue: !def.abort
        });
      }
      payload.value = def.normalize ? url3.href : stripTabAndNewline(trimmed);
      return;
    } catch (_) {
      payload.issues.push({
        code: "invalid_format",
        format: "url",
        input: payload.value,
        inst,
        continue: !def.abort
      });
    }
  };
});
var $ZodISODateTime = /* @__PURE__ */ $constructor("$ZodISODateTime", (inst, def) => {
  def.pattern ?? (def.pattern = datetime(def));
  $ZodStringFormat.init(inst, def);
});
var $ZodISODate = /* @__PURE__ */ $constructor("$ZodISODate", (inst, def) => {
  def.pattern ?? (def.pattern = date);
  $ZodStringFormat.init(inst, def);
});
var $ZodISOTime = /* @__PURE__ */ $constructor("$ZodISOTime", (inst, def) => {
  def.pattern ?? (def.pattern = time(def));
  $ZodStringFormat.init(inst, def);
});
var $ZodISODuration = /* @__PURE__ */ $constructor("$ZodISODuration", (inst, def) => {
  def.pattern ?? (def.pattern = duration);
  $ZodStringFormat.init(inst, def);
});
var $ZodNumber = /* @__PURE__ */ $constructor("$ZodNumber", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = number;
  inst._zod.parse = (payload, _ctx) => {
    if (def.coerce)
      try {
        payload.value = Number(payload.value);
      } catch (_) {
      }
    const input = payload.value;
    if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
      return payload;
    }
    const received = typeof input === "number" ? Number.isNaN(input) ? "NaN" : !Number.isFinite(input) ? String(input) : void 0 : void 0;
    payload.issues.push({
      expected: "number",
      code: "invalid_type",
      input,
      inst,
      ...received ? { received } : {}
    });
    return payload;
  };
});
var $ZodNumberFormat = /* @__PURE__ */ $constructor("$ZodNumberFormat", (inst, def) => {
  $ZodCheckNumberFormat.init(inst, def);
  $ZodNumber.init(inst, def);
});
var $ZodBoolean = /* @__PURE__ */ $constructor("$ZodBoolean", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = boolean;
  inst._zod.parse = (payload, _ctx) => {
    if (def.coerce)
      try {
        payload.value = Boolean(payload.value);
      } catch (_) {
      }
    const input = payload.value;
    if (typeof input === "boolean")
      return payload;
    payload.issues.push({
      expected: "boolean",
      code: "invalid_type",
      input,
      inst
    });
    return payload;
  };
});
var $ZodNever = /* @__PURE__ */ $constructor("$ZodNever", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, _ctx) => {
    payload.issues.push({
      expected: "never",
      code: "invalid_type",
      input: payload.value,
      inst
    });
    return payload;
  };
});
function capSize(inst, size) {
  const caps = sizeCaps(inst._zod.def.checks);
  if (!caps.length)
    return;
  const cap = Math.min(...caps.map((c) => c[0]));
  const parse2 = inst._zod.parse;
  inst._zod.parse = (payload, ctx) => {
    const n = size(payload.value);
    if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
      for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
        if (n > max && ch._zod.def.when(payload)) {
          const start = payload.issues.length;
          ch._zod.check(payload);
          payload.issues[start].continue = false;
          attachSchema(payload.issues, start, inst);
          return payload;
        }
      }
    }
    return parse2(payload, ctx);
  };
}
var arraySize = (input) => Array.isArray(input) ? input.length : -1;
function handleArrayResult(result, final, index) {
  if (result.issues.length) {
    final.issues.push(...prefixIssues(index, result.issues));
  }
  final.value[index] = result.value;
}
var $ZodArray = /* @__PURE__ */ $constructor("$ZodArray", (inst, def) => {
  $ZodType.init(inst, def);
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!Array.isArray(input)) {
      payload.issues.push({
        expected: "array",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
    const proms = [];
    const abortEarly = ctx?.abortEarly;
    for (let i = 0; i < input.length; i++) {
      const item = input[i];
      const result = def.element._zod.run({
        value: item,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        proms.push(result.then((result2) => handleArrayResult(result2, payload, i)));
      } else {
        handleArrayResult(result, payload, i);
        if (abortEarly && result.issues.length !== 0 && aborted(result))
          break;
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => payload);
    }
    return payload;
  };
  capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
  const isPresent = key in input;
  const isOptionalOut = optout === "optional";
  if (!isPresent && isOptionalOut && optin === "optional") {
    return;
  }
  if (result.issues.length) {
    if (optin !== void 0 && isOptionalOut && !isPresent) {
      return;
    }
    final.issues.push(...prefixIssues(key, result.issues));
  }
  if (!isPresent && optin === void 0) {
    if (!result.issues.length) {
      final.issues.push({
        code: "invalid_type",
        expected: "nonoptional",
        input: void 0,
        path: [key]
      });
    }
    return;
  }
  if (result.value === void 0) {
    if (isPresent || optin === "defaulted" && !isOptionalOut) {
      final.value[key] = void 0;
    }
  } else {
    final.value[key] = result.value;
  }
}
var NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
  const keys = Object.keys(def.shape);
  const ownSymbols = Object.getOwnPropertySymbols(def.shape);
  const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
  const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
  for (const k of allKeys) {
    if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
      throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
    }
  }
  const okeys = optionalKeys(def.shape);
  return {
    ...def,
    allKeys,
    symbolKeys,
    // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
    keySet: new Set(keys),
    numKeys: keys.length,
    optionalKeys: new Set(okeys)
  };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
  const unrecognized = [];
  const keySet = def.keySet;
  const _catchall = def.catchall._zod;
  const t = _catchall.def.type;
  const optin = _catchall.optin;
  const optout = _catchall.optout;
  let seen = 0;
  for (const key in input) {
    if (abortEarly && payload.issues.length !== seen) {
      if (aborted(payload, seen))
        break;
      seen = payload.issues.length;
    }
    if (keySet.has(key))
      continue;
    if (key === "__proto__") {
      if (t === "never")
        unrecognized.push(key);
      continue;
    }
    if (t === "never") {
      unrecognized.push(key);
      continue;
    }
    const r = _catchall.run({ value: input[key], issues: [] }, ctx);
    if (r instanceof Promise) {
      proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
    } else {
      handlePropertyResult(r, payload, key, input, optin, optout);
    }
  }
  if (unrecognized.length) {
    payload.issues.push({
      code: "unrecognized_keys",
      keys: unrecognized,
      input,
      inst,
      // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
      continue: true
    });
  }
  if (!proms.length)
    return payload;
  return Promise.all(proms).then(() => {
    return payload;
  });
}
var $ZodObject = /* @__PURE__ */ $constructor("$ZodObject", (inst, def) => {
  $ZodType.init(inst, def);
  const desc = Object.getOwnPropertyDescriptor(def, "shape");
  const sh = desc?.get ? desc.get.raw : def.shape ?? {};
  if (sh) {
    const get = () => {
      const newSh = { ...sh };
      Object.defineProperty(def, "shape", { value: newSh });
      get.raw = newSh;
      return newSh;
    };
    get.raw = sh;
    Object.defineProperty(def, "shape", { get });
  }
  const _normalized = cached(() => normalizeDef(def));
  defineLazyInternal(inst, "propValues", (zod) => {
    const shape = zod.def.shape;
    const propValues = {};
    for (const key in shape) {
      const field = shape[key]._zod;
      if (field.values) {
        if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
          assignProp(propValues, key, /* @__PURE__ */ new Set());
        }
        for (const v of field.values)
          propValues[key].add(v);
        if (field.optin !== void 0)
          propValues[key].add(void 0);
      }
    }
    return propValues;
  });
  const isObject4 = isObject;
  const catchall = def.catchall;
  let value;
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    value ?? (value = _normalized.value);
    const input = payload.value;
    if (!isObject4(input)) {
      payload.issues.push({
        expected: "object",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
    const proms = [];
    const shape = value.shape;
    const abortEarly = ctx?.abortEarly;
    let seen = payload.issues.length;
    for (const key of value.allKeys) {
      if (abortEarly && payload.issues.length !== seen) {
        if (aborted(payload, seen))
          break;
        seen = payload.issues.length;
      }
      if (key === "__proto__")
        continue;
      const el = shape[key];
      const optin = el._zod.optin;
      const optout = el._zod.optout;
      const r = el._zod.run({ value: input[key], issues: [] }, ctx);
      if (r instanceof Promise) {
        proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
      } else {
        handlePropertyResult(r, payload, key, input, optin, optout);
      }
    }
    if (!catchall) {
      return proms.length ? Promise.all(proms).then(() => payload) : payload;
    }
    return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
  };
});
function handleUnionResults(results, final, inst, ctx) {
  for (const result of results) {
    if (result.issues.length === 0) {
      final.value = result.value;
      return final;
    }
  }
  const nonaborted = results.filter((r) => !aborted(r));
  if (nonaborted.length === 1) {
    final.value = nonaborted[0].value;
    return nonaborted[0];
  }
  final.issues.push({
    code: "invalid_union",
    input: final.value,
    inst,
    errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config())))
  });
  return final;
}
var $ZodUnion = /* @__PURE__ */ $constructor("$ZodUnion", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted") ? "defaulted" : zod.def.options.some((o) => o._zod.optin !== void 0) ? "optional" : void 0);
  defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : void 0);
  defineLazyInternal(inst, "values", (zod) => {
    if (zod.def.options.every((o) => o._zod.values)) {
      return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
    }
    return void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    if (zod.def.options.every((o) => o._zod.pattern)) {
      const patterns = zod.def.options.map((o) => o._zod.pattern);
      return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
    }
    return void 0;
  });
  const first = def.options.length === 1 ? def.options[0]._zod.run : null;
  inst._zod.parse = (payload, ctx) => {
    if (first) {
      return first(payload, ctx);
    }
    let async = false;
    const results = [];
    for (const option of def.options) {
      const result = option._zod.run({
        value: payload.value,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        results.push(result);
        async = true;
      } else {
        if (result.issues.length === 0)
          return result;
        results.push(result);
      }
    }
    if (!async)
      return handleUnionResults(results, payload, inst, ctx);
    return Promise.all(results).then((results2) => {
      return handleUnionResults(results2, payload, inst, ctx);
    });
  };
});
var $ZodEnum = /* @__PURE__ */ $constructor("$ZodEnum", (inst, def) => {
  $ZodType.init(inst, def);
  const values = getEnumValues(def.entries);
  const valuesSet = new Set(values);
  inst._zod.values = valuesSet;
  defineLazyInternal(inst, "pattern", (zod) => {
    const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
    return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (valuesSet.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values,
      input,
      inst
    });
    return payload;
  };
});
var $ZodLiteral = /* @__PURE__ */ $constructor("$ZodLiteral", (inst, def) => {
  $ZodType.init(inst, def);
  const values = new Set(def.values);
  inst._zod.values = values;
  defineLazyInternal(inst, "pattern", (zod) => {
    const vals = zod.def.values;
    return new RegExp(vals.length ? `^(${vals.map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o)).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (values.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values: def.values,
      input,
      inst
    });
    return payload;
  };
});
function handleOptionalResult(payload, result) {
  payload.value = result.issues.length ? void 0 : result.value;
  return payload;
}
var $ZodOptional = /* @__PURE__ */ $constructor("$ZodOptional", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
  inst._zod.optout = "optional";
  defineLazyInternal(inst, "values", (zod) => {
    const values = zod.def.innerType._zod.values;
    return values ? /* @__PURE__ */ new Set([...values, void 0]) : void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === void 0) {
      if (def.innerType._zod.optin !== "defaulted")
        return payload;
      const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
      if (result instanceof Promise)
        return result.then((result2) => handleOptionalResult(payload, result2));
      return handleOptionalResult(payload, result);
    }
    return def.innerType._zod.run(payload, ctx);
  };
});
var $ZodNullable = /* @__PURE__ */ $constructor("$ZodNullable", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
  defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : void 0;
  });
  defineLazyInternal(inst, "values", (zod) => {
    return zod.def.innerType._zod.values ? /* @__PURE__ */ new Set([...zod.def.innerType._zod.values, null]) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === null)
      return payload;
    return def.innerType._zod.run(payload, ctx);
  };
});
var $ZodCustom = /* @__PURE__ */ $constructor("$ZodCustom", (inst, def) => {
  $ZodCheck.init(inst, def);
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, _) => {
    return payload;
  };
  inst._zod.check = (payload) => {
    const input = payload.value;
    const r = def.fn(input);
    if (r instanceof Promise) {
      return r.then((r2) => handleRefineResult(r2, payload, input, inst));
    }
    handleRefineResult(r, payload, input, inst);
    return;
  };
});
function handleRefineResult(result, payload, input, inst) {
  if (!result) {
    const _iss = {
      code: "custom",
      input,
      inst,
      // incorporates params.error into issue reporting
      path: [...inst._zod.def.path ?? []],
      // incorporates params.error into issue reporting
      continue: !inst._zod.def.abort
      // params: inst._zod.def.params,
    };
    if (inst._zod.def.params)
      _iss.params = inst._zod.def.params;
    payload.issues.push(issue(_iss));
  }
}

// node_modules/zod/v4/core/api.js
function snapshotChecks(def) {
  if (def.checks)
    def.checks = [...def.checks];
  return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
  return new Class(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _url(Class, params) {
  return new Class({
    type: "string",
    format: "url",
    check: "string_format",
    abort: false,
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _isoDateTime(Class, params) {
  return new Class({
    type: "string",
    format: "datetime",
    check: "string_format",
    offset: false,
    local: false,
    precision: null,
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _isoDate(Class, params) {
  return new Class({
    type: "string",
    format: "date",
    check: "string_format",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _isoTime(Class, params) {
  return new Class({
    type: "string",
    format: "time",
    check: "string_format",
    precision: null,
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _isoDuration(Class, params) {
  return new Class({
    type: "string",
    format: "duration",
    check: "string_format",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
  return new Class(snapshotChecks({ type: "number", checks: [], ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
  return new Class({
    type: "number",
    check: "number_format",
    abort: false,
    format: "safeint",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class, params) {
  return new Class({
    type: "boolean",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
  return new Class({
    type: "never",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _lte(value, params) {
  return new $ZodCheckLessThan({
    check: "less_than",
    ...normalizeParams(params),
    value,
    inclusive: true
  });
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
  return new $ZodCheckGreaterThan({
    check: "greater_than",
    ...normalizeParams(params),
    value,
    inclusive: true
  });
}
// @__NO_SIDE_EFFECTS__
function _maxLength(maximum, params) {
  const ch = new $ZodCheckMaxLength({
    check: "max_length",
    ...normalizeParams(params),
    maximum
  });
  return ch;
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
  return new $ZodCheckMinLength({
    check: "min_length",
    ...normalizeParams(params),
    minimum
  });
}
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
  return new $ZodCheckRegex({
    check: "string_format",
    format: "regex",
    ...normalizeParams(params),
    pattern
  });
}
// @__NO_SIDE_EFFECTS__
function _refine(Class, fn, _params) {
  const schema = new Class({
    type: "custom",
    check: "custom",
    fn,
    ...normalizeParams(_params)
  });
  return schema;
}
// @__NO_SIDE_EFFECTS__
function _superRefine(fn, params) {
  const ch = /* @__PURE__ */ _check((payload) => {
    payload.addIssue = (issue2) => {
      if (typeof issue2 === "string") {
        payload.issues.push(issue(issue2, payload.value, ch._zod.def));
      } else {
        const _issue = issue2;
        if (_issue.fatal)
          _issue.continue = false;
        _issue.code ?? (_issue.code = "custom");
        if (!("input" in _issue))
          _issue.input = payload.value;
        _issue.inst ?? (_issue.inst = ch);
        _issue.continue ?? (_issue.continue = !ch._zod.def.abort);
        payload.issues.push(issue(_issue));
      }
    };
    return fn(payload.value, payload);
  }, params);
  return ch;
}
// @__NO_SIDE_EFFECTS__
function _check(fn, params) {
  const ch = new $ZodCheck({
    check: "custom",
    ...normalizeParams(params)
  });
  ch._zod.check = fn;
  return ch;
}

// node_modules/zod/v4/mini/schemas.js
var ZodMiniType = /* @__PURE__ */ $constructor("ZodMiniType", (inst, def) => {
  if (!inst._zod)
    throw new Error("Uninitialized schema in ZodMiniType.");
  $ZodType.init(inst, def);
  inst.def = def;
  inst.type = def.type;
}, {
  // `with` is an alias for `check`: the same function object, not a wrapper.
  get with() {
    return this.check;
  },
  set with(value) {
    own(this, "with", value);
  },
  parse(data, params) {
    return parse(this, data, params, { callee: this.parse });
  },
  parseAsync(data, params) {
    return parseAsync(this, data, params, { callee: this.parseAsync });
  },
  safeParse(data, params) {
    return safeParse(this, data, params);
  },
  safeParseAsync(data, params) {
    return safeParseAsync(this, data, params);
  },
  check(...checks) {
    const def = this.def;
    return this.clone({
      ...def,
      checks: [
        ...def.checks ?? [],
        ...checks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch)
      ]
    }, { parent: true });
  },
  clone(_def, params) {
    return clone(this, _def, params);
  },
  brand() {
    return this;
  },
  register(reg, meta3) {
    reg.add(this, meta3);
    return this;
  },
  apply(fn, ...args) {
    return args.length === 0 ? fn(this) : fn(this, ...args);
  }
});
var ZodMiniString = /* @__PURE__ */ $constructor("ZodMiniString", (inst, def) => {
  $ZodString.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function string2(params) {
  return _string(ZodMiniString, params);
}
var ZodMiniStringFormat = /* @__PURE__ */ $constructor("ZodMiniStringFormat", (inst, def) => {
  $ZodStringFormat.init(inst, def);
  ZodMiniString.init(inst, def);
});
var ZodMiniURL = /* @__PURE__ */ $constructor("ZodMiniURL", (inst, def) => {
  $ZodURL.init(inst, def);
  ZodMiniStringFormat.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function url(params) {
  return _url(ZodMiniURL, params);
}
var ZodMiniNumber = /* @__PURE__ */ $constructor("ZodMiniNumber", (inst, def) => {
  $ZodNumber.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function number2(params) {
  return _number(ZodMiniNumber, params);
}
var ZodMiniNumberFormat = /* @__PURE__ */ $constructor("ZodMiniNumberFormat", (inst, def) => {
  $ZodNumberFormat.init(inst, def);
  ZodMiniNumber.init(inst, def);
});
function int(params) {
  return _int(ZodMiniNumberFormat, params);
}
var ZodMiniBoolean = /* @__PURE__ */ $constructor("ZodMiniBoolean", (inst, def) => {
  $ZodBoolean.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function boolean2(params) {
  return _boolean(ZodMiniBoolean, params);
}
var ZodMiniNever = /* @__PURE__ */ $constructor("ZodMiniNever", (inst, def) => {
  $ZodNever.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function never(params) {
  return _never(ZodMiniNever, params);
}
var ZodMiniArray = /* @__PURE__ */ $constructor("ZodMiniArray", (inst, def) => {
  $ZodArray.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function array(element, params) {
  return new ZodMiniArray({
    type: "array",
    element,
    ...normalizeParams(params)
  });
}
var ZodMiniObject = /* @__PURE__ */ $constructor("ZodMiniObject", (inst, def) => {
  $ZodObject.init(inst, def);
  ZodMiniType.init(inst, def);
  installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
});
// @__NO_SIDE_EFFECTS__
function object(shape, params) {
  const def = {
    type: "object",
    shape: shape ?? {},
    ...normalizeParams(params)
  };
  return new ZodMiniObject(def);
}
// @__NO_SIDE_EFFECTS__
function strictObject(shape, params) {
  return new ZodMiniObject({
    type: "object",
    shape,
    catchall: /* @__PURE__ */ never(),
    ...normalizeParams(params)
  });
}
var ZodMiniUnion = /* @__PURE__ */ $constructor("ZodMiniUnion", (inst, def) => {
  $ZodUnion.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function union(options, params) {
  return new ZodMiniUnion({
    type: "union",
    options,
    ...normalizeParams(params)
  });
}
var ZodMiniEnum = /* @__PURE__ */ $constructor("ZodMiniEnum", (inst, def) => {
  $ZodEnum.init(inst, def);
  ZodMiniType.init(inst, def);
  inst.options = [...inst._zod.values];
});
// @__NO_SIDE_EFFECTS__
function _enum(values, params) {
  const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
  return new ZodMiniEnum({
    type: "enum",
    entries,
    ...normalizeParams(params)
  });
}
var ZodMiniLiteral = /* @__PURE__ */ $constructor("ZodMiniLiteral", (inst, def) => {
  $ZodLiteral.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function literal(value, params) {
  return new ZodMiniLiteral({
    type: "literal",
    values: Array.isArray(value) ? value : [value],
    ...normalizeParams(params)
  });
}
var ZodMiniOptional = /* @__PURE__ */ $constructor("ZodMiniOptional", (inst, def) => {
  $ZodOptional.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function optional(innerType) {
  return new ZodMiniOptional({
    type: "optional",
    innerType
  });
}
var ZodMiniNullable = /* @__PURE__ */ $constructor("ZodMiniNullable", (inst, def) => {
  $ZodNullable.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function nullable(innerType) {
  return new ZodMiniNullable({
    type: "nullable",
    innerType
  });
}
var ZodMiniCustom = /* @__PURE__ */ $constructor("ZodMiniCustom", (inst, def) => {
  $ZodCustom.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function refine(fn, _params = {}) {
  return _refine(ZodMiniCustom, fn, _params);
}
// @__NO_SIDE_EFFECTS__
function superRefine(fn, params) {
  return _superRefine(fn, params);
}

// node_modules/zod/v4/mini/iso.js
var iso_exports = {};
__export(iso_exports, {
  ZodMiniISODate: () => ZodMiniISODate,
  ZodMiniISODateTime: () => ZodMiniISODateTime,
  ZodMiniISODuration: () => ZodMiniISODuration,
  ZodMiniISOTime: () => ZodMiniISOTime,
  date: () => date2,
  datetime: () => datetime2,
  duration: () => duration2,
  time: () => time2
});
var ZodMiniISODateTime = /* @__PURE__ */ $constructor("ZodMiniISODateTime", (inst, def) => {
  $ZodISODateTime.init(inst, def);
  ZodMiniStringFormat.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function datetime2(params) {
  return _isoDateTime(ZodMiniISODateTime, params);
}
var ZodMiniISODate = /* @__PURE__ */ $constructor("ZodMiniISODate", (inst, def) => {
  $ZodISODate.init(inst, def);
  ZodMiniStringFormat.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function date2(params) {
  return _isoDate(ZodMiniISODate, params);
}
var ZodMiniISOTime = /* @__PURE__ */ $constructor("ZodMiniISOTime", (inst, def) => {
  $ZodISOTime.init(inst, def);
  ZodMiniStringFormat.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function time2(params) {
  return _isoTime(ZodMiniISOTime, params);
}
var ZodMiniISODuration = /* @__PURE__ */ $constructor("ZodMiniISODuration", (inst, def) => {
  $ZodISODuration.init(inst, def);
  ZodMiniStringFormat.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function duration2(params) {
  return _isoDuration(ZodMiniISODuration, params);
}

// core/ids.ts
var SECRET_ID = /^[A-Za-z0-9_-]{21}[AQgw]$/;
var TOKEN = /^[A-Za-z0-9_-]{43}$/;

// core/api-errors.ts
var ERRORS = {
  invalid_request: { status: 400, message: "The request is not valid." },
  // A request's fill encrypted to another key than the request's (its `kid` is not the request's).
  wrong_key: {
    status: 400,
    message: "The ciphertext is not encrypted to this request's key."
  },
  unauthorized: { status: 401, message: "This secret is protected by a passphrase." },
  // A wrong verifier, counted: `attemptsLeft` in the body says how many more the secret allows.
  wrong_passphrase: {
    status: 401,
    message: "Wrong passphrase. More wrong ones in a row destroy the secret."
  },
  // The wrong verifier that reached the limit: this answer is the one that destroyed the secret.
  locked: {
    status: 401,
    message: `Wrong passphrase. After ${LIMITS.maxFailedAttempts} wrong ones in a row the secret has been destroyed.`
  },
  forbidden: { status: 403, message: "The request was blocked." },
  not_found: {
    status: 404,
    // One message for unknown, expired, burned, revoked and wrong-credential: nothing to probe.
    message: "This secret does not exist, has expired, or has already been read."
  },
  method_not_allowed: { status: 405, message: "Method not allowed here." },
  // The right read token before the sender's opening time: `notBefore` in the body says when.
  not_yet_open: {
    status: 409,
    message: "This secret is not open yet; nothing was consumed. Try again at its opening time."
  },
  // The retrieve link of a request nobody has filled yet: nothing was consumed.
  not_filled: {
    status: 409,
    message: "This request has not been filled yet; nothing was consumed."
  },
  // A fill of a request that already holds one (or is taking one right now): it is filled once.
  already_filled: {
    status: 409,
    message: "This request has already been filled; it takes one secret."
  },
  upload_mismatch: {
    status: 409,
    message: "The uploaded body does not have the declared size."
  },
  too_large: { status: 413, message: "The request body is too large." },
  unsupported_media_type: { status: 415, message: "Send the request body as application/json." },
  throttled: { status: 429, message: "Too many requests; try again later." },
  unavailable: {
    status: 503,
    message: "The service is temporarily unavailable; nothing was consumed. Try again."
  },
  outcome_unknown: {
    status: 503,
    message: "The service did not confirm this attempt; it may have been counted. Try again."
  }
};
var ERROR_CODES = Object.keys(ERRORS);

// core/base64url.ts
var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
var B64URL = /^[A-Za-z0-9_-]*$/;
function toBase64url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function base64urlByteLength(text) {
  const rest = text.length % 4;
  if (rest === 1 || !B64URL.test(text)) return void 0;
  if (rest !== 0) {
    const last = ALPHABET.indexOf(text[text.length - 1] ?? "");
    if ((last & (rest === 2 ? 15 : 3)) !== 0) return void 0;
  }
  return Math.floor(text.length * 3 / 4);
}
function fromBase64url(text) {
  if (base64urlByteLength(text) === void 0) throw new TypeError("not base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
function decodeBase64url(text) {
  return base64urlByteLength(text) === void 0 ? void 0 : fromBase64url(text);
}

// core/jwe.ts
var IV_BYTES = 12;
var TAG_BYTES = 16;
function jweProblem(text) {
  return compactProblem(
    text,
    protectedHeaderProblem,
    (encryptedKey) => encryptedKey === "" ? void 0 : 'must have an empty encrypted key (alg "dir")'
  );
}
function compactProblem(text, headerProblem, keyProblem) {
  const parts = text.split(".");
  if (parts.length !== 5) return "must be a JWE in compact serialization (five base64url parts)";
  const [header, encryptedKey, iv, ciphertext2, tag2] = parts;
  const problem = headerProblem(header) ?? keyProblem(encryptedKey);
  if (problem) return problem;
  if (base64urlByteLength(iv) !== IV_BYTES) return "must have a 96-bit initialization vector";
  const bodyBytes = base64urlByteLength(ciphertext2);
  if (bodyBytes === void 0) return "has a ciphertext part that is not base64url";
  if (bodyBytes === 0) return "must not be empty";
  if (base64urlByteLength(tag2) !== TAG_BYTES) return "must have a 128-bit authentication tag";
  return void 0;
}
function protectedHeaderProblem(header) {
  const headerBytes = decodeBase64url(header);
  if (!headerBytes || headerBytes.length === 0)
    return "has a protected header that is not base64url";
  let parsed;
  try {
    parsed = JSON.parse(new TextDecoder().decode(headerBytes));
  } catch {
    return "has a protected header that is not JSON";
  }
  if (!isExactProfile(parsed))
    return 'must have exactly the protected header {"alg":"dir","enc":"A256GCM"}';
  return void 0;
}
function isExactProfile(header) {
  if (typeof header !== "object" || header === null || Array.isArray(header)) return false;
  const keys = Object.keys(header).sort();
  const h = header;
  return keys.length === 2 && keys[0] === "alg" && keys[1] === "enc" && h.alg === "dir" && h.enc === "A256GCM";
}
var WRAPPED_KEY_BYTES = 40;
var KEY_ID = /^[A-Za-z0-9_-]{43}$/;
function requestJweProblem(text) {
  return compactProblem(
    text,
    requestHeaderProblem,
    (encryptedKey) => base64urlByteLength(encryptedKey) === WRAPPED_KEY_BYTES ? void 0 : 'must have a 40-byte wrapped key (alg "ECDH-ES+A256KW")'
  );
}
function requestHeaderProblem(header) {
  const parsed = parseHeader(header);
  if (parsed === void 0) return "has a protected header that is not base64url of JSON";
  const exact = isObject2(parsed) && hasExactly(parsed, ["alg", "enc", "epk", "kid"]) && parsed.alg === "ECDH-ES+A256KW" && parsed.enc === "A256GCM" && typeof parsed.kid === "string" && KEY_ID.test(parsed.kid) && isObject2(parsed.epk) && hasExactly(parsed.epk, ["crv", "kty", "x"]) && parsed.epk.kty === "OKP" && parsed.epk.crv === "X25519" && typeof parsed.epk.x === "string" && base64urlByteLength(parsed.epk.x) === 32;
  return exact ? void 0 : 'must have exactly the protected header {"alg":"ECDH-ES+A256KW","enc":"A256GCM","kid","epk"} with an X25519 epk';
}
function parseHeader(header) {
  const bytes = decodeBase64url(header);
  if (!bytes || bytes.length === 0) return void 0;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return void 0;
  }
}
var isObject2 = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
function hasExactly(value, keys) {
  const own2 = Object.keys(value).sort();
  return own2.length === keys.length && own2.every((key, i) => key === keys[i]);
}

// core/requests.ts
var MAX_PARTS = 1e4;
var MAX_ETAG_CHARS = 1024;
var mustBe = (what) => ({ error: `must be ${what}` });
var hash32 = string2(mustBe("a string: base64url (no padding) of 32 bytes")).check(
  _regex(TOKEN, "must be base64url (no padding) of 32 bytes"),
  refine((v) => base64urlByteLength(v) === 32, "must be base64url (no padding) of 32 bytes")
);
var boundedInt = (bounds) => {
  const message2 = `must be an integer from ${bounds.min} to ${bounds.max}`;
  return number2({ error: message2 }).check(int(message2), _gte(bounds.min, message2), _lte(bounds.max, message2));
};
var jwe = (maxChars, bound, problemOf = jweProblem) => string2(mustBe("a string")).check(
  _maxLength(maxChars, `must be at most ${bound}`),
  superRefine((value, ctx) => {
    const problem = problemOf(value);
    if (problem) ctx.issues.push({ code: "custom", message: problem, input: value });
  })
);
var ciphertext = jwe(LIMITS.ciphertextChars, "1 MiB");
var salt = string2(mustBe("a string: base64url (no padding)")).check(
  refine((v) => {
    const bytes = base64urlByteLength(v);
    return bytes !== void 0 && bytes >= LIMITS.saltBytes.min && bytes <= LIMITS.saltBytes.max;
  }, `must be base64url (no padding) of ${LIMITS.saltBytes.min} to ${LIMITS.saltBytes.max} bytes`)
);
var passphraseParams = strictObject(
  {
    salt,
    iterations: boundedInt({ min: LIMITS.minIterations, max: LIMITS.maxIterations }),
    verifierHash: hash32
  },
  mustBe("an object {salt, iterations, verifierHash} or null")
);
var fileDeclaration = strictObject(
  {
    manifest: jwe(LIMITS.manifestChars, `${LIMITS.manifestChars} characters`),
    bodyBytes: boundedInt({ min: 1, max: LIMITS.fileBodyBytes })
  },
  mustBe("an object {manifest, bodyBytes}")
);
var requestDeclaration = strictObject(
  { fillTokenHash: hash32, keyId: hash32 },
  mustBe("an object {fillTokenHash, keyId}")
);
var recipientDeclaration = strictObject(
  {
    readTokenHash: hash32,
    maxReads: optional(boundedInt(LIMITS.maxReads)),
    label: optional(
      jwe(LIMITS.labelCiphertextChars, `${LIMITS.labelCiphertextChars} characters`)
    )
  },
  mustBe("an object {readTokenHash, maxReads?, label?}")
);
var NOT_WITH_REQUEST = ["passphrase", "notBefore", "webhook"];
var createRequest = strictObject({
  ciphertext: optional(ciphertext),
  file: optional(fileDeclaration),
  request: optional(requestDeclaration),
  /** One link: its read token's hash. Several: `recipients` instead, each with its own. */
  readTokenHash: optional(hash32),
  recipients: optional(
    array(recipientDeclaration, mustBe("an array of {readTokenHash, maxReads?, label?}")).check(
      _minLength(LIMITS.recipients.min, `must list at least ${LIMITS.recipients.min}`),
      _maxLength(LIMITS.recipients.max, `must list at most ${LIMITS.recipients.max}`),
      refine(
        (list) => new Set(list.map((r) => r.readTokenHash)).size === list.length,
        "must give each recipient its own readTokenHash"
      )
    )
  ),
  maxReads: optional(boundedInt(LIMITS.maxReads)),
  ttlSeconds: optional(boundedInt(LIMITS.ttlSeconds)),
  passphrase: optional(nullable(passphraseParams)),
  /**
   * The sender's choice that the recipient's page show the secret hidden until asked: not secret,
   * the server stores it and answers it with meta (docs/design.md §2).
   */
  hidden: optional(boolean2(mustBe("true or false"))),
  /**
   * When the secret opens: before it, the right read token gets 409 `not_yet_open` and nothing is
   * consumed. After create's time and before the expiry (checked against the server's clock).
   */
  notBefore: optional(
    iso_exports.datetime({
      offset: true,
      error: "must be a date and time in ISO 8601 with a time zone, e.g. 2026-12-02T09:00:00Z"
    })
  ),
  /**
   * Where to post signed events (read, burn, revoke, destroy, lock): an https URL whose host is
   * public. The signing secret is answered once; the server keeps both, never shows the URL again.
   */
  webhook: optional(
    strictObject(
      {
        url: string2(mustBe("a string: an https URL")).check(
          _maxLength(
            LIMITS.webhookUrlChars,
            `must be at most ${LIMITS.webhookUrlChars} characters`
          )
        )
      },
      mustBe("an object {url}")
    )
  )
}).check(
  superRefine((value, ctx) => {
    const given = ["ciphertext", "file", "request"].filter(
      (field) => value[field] !== void 0
    );
    if (given.length === 0)
      ctx.issues.push({
        code: "custom",
        path: ["ciphertext"],
        message: "is required (or file, for a file, or request, for a secret request)",
        input: value
      });
    if (given.length > 1)
      ctx.issues.push({
        code: "custom",
        path: [given[1] ?? "file"],
        message: `must not be sent with ${given[0] ?? "ciphertext"}: a secret is a text, a file or a request`,
        input: value
      });
    if (value.readTokenHash === void 0 && value.recipients === void 0)
      ctx.issues.push({
        code: "custom",
        path: ["readTokenHash"],
        message: "is required (or recipients, for several links)",
        input: value
      });
    if (value.readTokenHash !== void 0 && value.recipients !== void 0)
      ctx.issues.push({
        code: "custom",
        path: ["recipients"],
        message: "must not be sent with readTokenHash: each recipient has its own",
        input: value
      });
    if (value.recipients !== void 0 && value.maxReads !== void 0)
      ctx.issues.push({
        code: "custom",
        path: ["maxReads"],
        message: "must not be sent with recipients: each recipient has its own maxReads",
        input: value
      });
    if (value.recipients !== void 0 && value.request !== void 0)
      ctx.issues.push({
        code: "custom",
        path: ["recipients"],
        message: "is not taken with request: a request has one requester",
        input: value
      });
    if (value.request !== void 0) {
      for (const field of NOT_WITH_REQUEST)
        if (value[field] !== void 0 && value[field] !== null)
          ctx.issues.push({
            code: "custom",
            path: [field],
            message: "is not taken with request: a request is filled and read as it is",
            input: value
          });
    }
  })
);
var uploadedPart = strictObject(
  {
    partNumber: boundedInt({ min: 1, max: MAX_PARTS }),
    etag: string2(mustBe("a string")).check(
      _minLength(1, "must not be empty"),
      _maxLength(MAX_ETAG_CHARS, `must be at most ${MAX_ETAG_CHARS} characters`)
    )
  },
  mustBe("an object {partNumber, etag}")
);
var sealRequest = strictObject({
  parts: optional(
    array(uploadedPart, mustBe("an array of {partNumber, etag}")).check(
      _minLength(1, "must list at least one part"),
      _maxLength(MAX_PARTS, `must list at most ${MAX_PARTS} parts`)
    )
  )
});
var readRequest = strictObject({
  verifier: optional(string2(mustBe("a string")))
});
var fillRequest = strictObject({
  ciphertext: jwe(LIMITS.ciphertextChars, "1 MiB", requestJweProblem)
});

// core/contract.ts
var time3 = iso_exports.datetime();
var count = number2().check(int(), _gte(0));
var url2 = url();
var upload = union([
  object({ url: url2, expiresAt: time3 }),
  object({
    partBytes: count,
    parts: array(object({ partNumber: count, url: url2 })),
    expiresAt: time3
  })
]);
var created = object({
  id: string2().check(_regex(SECRET_ID)),
  expiresAt: time3,
  maxReads: count,
  manageToken: string2().check(_regex(TOKEN)),
  /** When the secret opens, if the sender chose a time. */
  notBefore: optional(time3),
  /**
   * Only with a webhook: the key its events are signed with (Standard Webhooks, `whsec_…`). Answered
   * this once; verify deliveries with it.
   */
  webhookSecret: optional(string2().check(_regex(/^whsec_[A-Za-z0-9+/]{43}=$/))),
  /** Only for a file: where to upload its body before sealing it. */
  upload: optional(upload)
});
var sealed = object({
  id: string2().check(_regex(SECRET_ID)),
  expiresAt: time3,
  maxReads: count
});
var filled = object({
  id: string2().check(_regex(SECRET_ID)),
  expiresAt: time3
});
var SECRET_KINDS = ["text", "file", "request"];
var meta2 = object({
  id: string2().check(_regex(SECRET_ID)),
  kind: _enum(SECRET_KINDS),
  expiresAt: time3,
  remainingReads: count,
  passphrase: nullable(object({ salt: string2(), iterations: count })),
  /** Show the revealed secret hidden until the recipient asks; absent from older APIs (false). */
  hidden: optional(boolean2()),
  /** When the secret opens, if the sender chose a time: reads before it answer `not_yet_open`. */
  notBefore: optional(time3),
  /** Only for a request: whether it has been filled (before that, read answers `not_filled`). */
  filled: optional(boolean2())
});
var textReadResult = object({
  ciphertext: string2().check(_minLength(1)),
  remainingReads: count,
  expiresAt: time3
});
var fileReadResult = object({
  manifest: string2().check(_minLength(1)),
  download: object({ url: url2, expiresAt: time3 }),
  bodyBytes: count,
  remainingReads: count,
  expiresAt: time3
});
var readResult = union([textReadResult, fileReadResult]);
var RECEIPT_STATES = [
  "pending",
  "awaiting",
  "active",
  "burned",
  "locked",
  "revoked",
  "destroyed",
  "expired"
];
var recipientReceipt = object({
  /** Its place in the create's `recipients`, from 0: the link's number. */
  index: count,
  state: _enum(RECEIPT_STATES),
  maxReads: count,
  remainingReads: count,
  failedAttempts: count,
  reads: array(object({ at: time3 })),
  /** The label the sender gave it, as the JWE sent: the sender's client decrypts it. */
  label: optional(string2())
});
var receipt = object({
  state: _enum(RECEIPT_STATES),
  /** What was shared: a text, a file or a request (for a request, `active` means filled, not read). */
  kind: optional(_enum(SECRET_KINDS)),
  maxReads: count,
  remainingReads: count,
  /** Every wrong passphrase counted over the secret's life; a read does not clear it. */
  failedAttempts: count,
  expiresAt: time3,
  createdAt: time3,
  /** When the secret opens, if the sender chose a time. */
  notBefore: optional(time3),
  reads: array(object({ at: time3 })),
  /**
   * Only for a secret with several recipients: each link, in order. The secret's own counts are then
   * their sums, its reads all of theirs, and its state `active` while any link is.
   */
  recipients: optional(array(recipientReceipt))
});
var health = object({ ok: literal(true) });
var errorBody = object({
  error: string2().check(_minLength(1)),
  message: string2(),
  /** Only with `wrong_passphrase`: how many more wrong ones the secret allows (at least 1). */
  attemptsLeft: optional(count),
  /** Only with `not_yet_open`: when the secret opens. */
  notBefore: optional(time3)
});

// core/api.ts
var ApiError = class extends Error {
  status;
  code;
  /** With `wrong_passphrase`: how many more wrong passphrases the secret allows. */
  attemptsLeft;
  /** With `not_yet_open`: when the secret opens (ISO 8601). */
  notBefore;
  constructor(status, code, message2, details = {}) {
    super(message2);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    if (details.attemptsLeft !== void 0) this.attemptsLeft = details.attemptsLeft;
    if (details.notBefore !== void 0) this.notBefore = details.notBefore;
  }
};
var NotAnApiError = class extends Error {
  status;
  constructor(status) {
    super("The server did not answer as a SecretSentry API (check the API URL).");
    this.name = "NotAnApiError";
    this.status = status;
  }
};
var ApiUnreachableError = class extends Error {
  constructor(cause) {
    super("The SecretSentry service could not be reached.", { cause });
    this.name = "ApiUnreachableError";
  }
};
function createApiClient(baseUrl, fetchImpl = globalThis.fetch) {
  const base = baseUrl.replace(/\/+$/, "");
  async function call(method, path, expected, token, body) {
    const headers = { Accept: "application/json" };
    if (token !== void 0) headers.Authorization = `Bearer ${token}`;
    if (body !== void 0) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        body: body === void 0 ? void 0 : JSON.stringify(body),
        cache: "no-store",
        referrerPolicy: "no-referrer",
        credentials: "omit",
        // A redirect would re-send the credential to wherever it points.
        redirect: "error"
      });
    } catch (error) {
      throw new ApiUnreachableError(error);
    }
    const text = await response.text().catch(() => "");
    let json;
    try {
      json = text === "" ? void 0 : JSON.parse(text);
    } catch {
      json = void 0;
    }
    if (!response.ok) {
      if (isErrorBody(json)) {
        const { attemptsLeft, notBefore } = json;
        throw new ApiError(response.status, json.error, json.message, { attemptsLeft, notBefore });
      }
      throw new NotAnApiError(response.status);
    }
    if (response.status === 204) json = void 0;
    if (!expected(json)) throw new NotAnApiError(response.status);
    return json;
  }
  const secret = (id) => `/secrets/${encodeURIComponent(id)}`;
  return {
    create: (request) => call("POST", "/secrets", isCreated, void 0, request),
    seal: (id, manageToken, request) => call("POST", `${secret(id)}/seal`, isSealed, manageToken, request),
    fill: (id, fillToken, ciphertext2) => call("POST", `${secret(id)}/fill`, isFilled, fillToken, { ciphertext: ciphertext2 }),
    meta: (id, readToken) => call("GET", secret(id), isMeta, readToken),
    read: (id, readToken, verifier) => call(
      "POST",
      `${secret(id)}/read`,
      isReadResult,
      readToken,
      verifier === void 0 ? {} : { verifier }
    ),
    destroy: (id, readToken, verifier) => call(
      "POST",
      `${secret(id)}/destroy`,
      isNothing,
      readToken,
      verifier === void 0 ? {} : { verifier }
    ),
    revoke: (id, manageToken) => call("DELETE", secret(id), isNothing, manageToken),
    revokeRecipient: (id, manageToken, index) => call("DELETE", `${secret(id)}/recipients/${index}`, isNothing, manageToken),
    receipt: (id, manageToken) => call("GET", `${secret(id)}/receipt`, isReceipt, manageToken)
  };
}
var answer = (schema) => (json) => schema.safeParse(json).success;
var isErrorBody = answer(errorBody);
var isCreated = answer(created);
var isFilled = answer(filled);
var isMeta = answer(meta2);
var isReadResult = answer(readResult);
var isReceipt = answer(receipt);
var isSealed = answer(sealed);
var isNothing = (v) => v === void 0;

// node_modules/jose/dist/webapi/lib/buffer_utils.js
var encoder = new TextEncoder();
var decoder = new TextDecoder();
var strictDecoder = new TextDecoder("utf-8", { fatal: true });
var UINT32_RANGE = 2 ** 32;
function concat(...buffers) {
  const size = buffers.reduce((acc, { length }) => acc + length, 0), buf = new Uint8Array(size);
  let i = 0;
  for (const buffer of buffers)
    buf.set(buffer, i), i += buffer.length;
  return buf;
}
function writeUInt32BE(buf, value, offset) {
  if (value < 0 || value >= UINT32_RANGE)
    throw new RangeError(`value must be >= 0 and <= ${UINT32_RANGE - 1}. Received ${value}`);
  buf.set([value >>> 24, value >>> 16, value >>> 8, value & 255], offset);
}
function uint64be(value) {
  const high = Math.floor(value / UINT32_RANGE), low = value % UINT32_RANGE, buf = new Uint8Array(8);
  return writeUInt32BE(buf, high, 0), writeUInt32BE(buf, low, 4), buf;
}
function uint32be(value) {
  const buf = new Uint8Array(4);
  return writeUInt32BE(buf, value), buf;
}
var NON_ASCII = /[^\x00-\x7f]/;
function encode2(string3) {
  if (typeof string3 == "string" && string3.length >= 128) {
    if (NON_ASCII.test(string3))
      throw new TypeError("non-ASCII string encountered in encode()");
    return encoder.encode(string3);
  }
  const bytes = new Uint8Array(string3.length);
  for (let i = 0; i < string3.length; i++) {
    const code = string3.charCodeAt(i);
    if (code > 127)
      throw new TypeError("non-ASCII string encountered in encode()");
    bytes[i] = code;
  }
  return bytes;
}
function encodeBase64(input, url3 = false) {
  if (Uint8Array.prototype.toBase64)
    return input.toBase64({ alphabet: url3 ? "base64url" : "base64", omitPadding: url3 });
  const CHUNK_SIZE = 32768, arr = [];
  for (let i = 0; i < input.length; i += CHUNK_SIZE)
    arr.push(String.fromCharCode.apply(null, input.subarray(i, i + CHUNK_SIZE)));
  const encoded = btoa(arr.join(""));
  return url3 ? encoded.replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_") : encoded;
}
function decodeBase64(encoded, url3 = false) {
  if (Uint8Array.fromBase64)
    return Uint8Array.fromBase64(encoded, { alphabet: url3 ? "base64url" : "base64" });
  if (url3) {
    if (encoded.includes("+") || encoded.includes("/"))
      throw new TypeError("Invalid base64url");
    encoded = encoded.replace(/-/g, "+").replace(/_/g, "/");
  }
  const binary = atob(encoded), bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++)
    bytes[i] = binary.charCodeAt(i);
  return bytes;
}
async function digest(algorithm, data) {
  const subtleDigest = `SHA-${algorithm.slice(-3)}`;
  return new Uint8Array(await crypto.subtle.digest(subtleDigest, data));
}

// node_modules/jose/dist/webapi/util/errors.js
var errors_exports2 = {};
__export(errors_exports2, {
  JOSEAlgNotAllowed: () => JOSEAlgNotAllowed,
  JOSEError: () => JOSEError,
  JOSENotSupported: () => JOSENotSupported,
  JWEDecryptionFailed: () => JWEDecryptionFailed,
  JWEInvalid: () => JWEInvalid,
  JWKInvalid: () => JWKInvalid,
  JWKSInvalid: () => JWKSInvalid,
  JWKSMultipleMatchingKeys: () => JWKSMultipleMatchingKeys,
  JWKSNoMatchingKey: () => JWKSNoMatchingKey,
  JWKSTimeout: () => JWKSTimeout,
  JWSInvalid: () => JWSInvalid,
  JWSSignatureVerificationFailed: () => JWSSignatureVerificationFailed,
  JWTClaimValidationFailed: () => JWTClaimValidationFailed,
  JWTExpired: () => JWTExpired,
  JWTInvalid: () => JWTInvalid
});
var JOSEError = class extends Error {
  static code = "ERR_JOSE_GENERIC";
  code = "ERR_JOSE_GENERIC";
  constructor(message2, options) {
    super(message2, options), this.name = this.constructor.name, Error.captureStackTrace?.(this, this.constructor);
  }
};
var JWTClaimValidationFailed = class extends JOSEError {
  static code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  claim;
  reason;
  payload;
  constructor(message2, payload, claim2 = "unspecified", reason = "unspecified") {
    super(message2, { cause: { claim: claim2, reason, payload } }), this.claim = claim2, this.reason = reason, this.payload = payload;
  }
};
var JWTExpired = class extends JOSEError {
  static code = "ERR_JWT_EXPIRED";
  code = "ERR_JWT_EXPIRED";
  claim;
  reason;
  payload;
  constructor(message2, payload, claim2 = "unspecified", reason = "unspecified") {
    super(message2, { cause: { claim: claim2, reason, payload } }), this.claim = claim2, this.reason = reason, this.payload = payload;
  }
};
var JOSEAlgNotAllowed = class extends JOSEError {
  static code = "ERR_JOSE_ALG_NOT_ALLOWED";
  code = "ERR_JOSE_ALG_NOT_ALLOWED";
};
var JOSENotSupported = class extends JOSEError {
  static code = "ERR_JOSE_NOT_SUPPORTED";
  code = "ERR_JOSE_NOT_SUPPORTED";
};
var JWEDecryptionFailed = class extends JOSEError {
  static code = "ERR_JWE_DECRYPTION_FAILED";
  code = "ERR_JWE_DECRYPTION_FAILED";
  constructor(message2 = "decryption operation failed", options) {
    super(message2, options);
  }
};
var JWEInvalid = class extends JOSEError {
  static code = "ERR_JWE_INVALID";
  code = "ERR_JWE_INVALID";
};
var JWSInvalid = class extends JOSEError {
  static code = "ERR_JWS_INVALID";
  code = "ERR_JWS_INVALID";
};
var JWTInvalid = class extends JOSEError {
  static code = "ERR_JWT_INVALID";
  code = "ERR_JWT_INVALID";
};
var JWKInvalid = class extends JOSEError {
  static code = "ERR_JWK_INVALID";
  code = "ERR_JWK_INVALID";
};
var JWKSInvalid = class extends JOSEError {
  static code = "ERR_JWKS_INVALID";
  code = "ERR_JWKS_INVALID";
};
var JWKSNoMatchingKey = class extends JOSEError {
  static code = "ERR_JWKS_NO_MATCHING_KEY";
  code = "ERR_JWKS_NO_MATCHING_KEY";
  constructor(message2 = "no applicable key found in the JSON Web Key Set", options) {
    super(message2, options);
  }
};
var JWKSMultipleMatchingKeys = class extends JOSEError {
  [Symbol.asyncIterator] = async function* () {
  };
  static code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  constructor(message2 = "multiple matching keys found in the JSON Web Key Set", options) {
    super(message2, options);
  }
};
var JWKSTimeout = class extends JOSEError {
  static code = "ERR_JWKS_TIMEOUT";
  code = "ERR_JWKS_TIMEOUT";
  constructor(message2 = "request timed out", options) {
    super(message2, options);
  }
};
var JWSSignatureVerificationFailed = class extends JOSEError {
  static code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  constructor(message2 = "signature verification failed", options) {
    super(message2, options);
  }
};

// node_modules/jose/dist/webapi/util/base64url.js
var invalid = "The input to be decoded is not correctly encoded.";
function decode2(input) {
  try {
    return decodeBase64(typeof input == "string" ? input : decoder.decode(input), true);
  } catch (cause) {
    throw new TypeError(invalid, { cause });
  }
}
function encode3(input) {
  return encodeBase64(typeof input == "string" ? encoder.encode(input) : input, true);
}

// node_modules/jose/dist/webapi/lib/validate.js
function assertUint8Array(input, label) {
  if (!(input instanceof Uint8Array))
    throw new TypeError(`${label} must be an instance of Uint8Array`);
}
function isObject3(input) {
  if (typeof input != "object" || input === null || Object.prototype.toString.call(input) !== "[object Object]")
    return false;
  const prototype = Object.getPrototypeOf(input);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
function isDisjoint(...headers) {
  const parameters = /* @__PURE__ */ new Set();
  for (const header of headers)
    if (header)
      for (const parameter of Object.keys(header)) {
        if (parameters.has(parameter))
          return false;
        parameters.add(parameter);
      }
  return true;
}
function assertNotSet(value, name) {
  if (value !== void 0)
    throw new TypeError(`${name} can only be called once`);
}
function decodeBase64url2(value, label, ErrorClass) {
  try {
    return decode2(value);
  } catch (cause) {
    throw new ErrorClass(`Failed to base64url decode the ${label}`, { cause });
  }
}
function encodeAsciiMember(value, label, ErrorClass) {
  try {
    return encode2(value);
  } catch (cause) {
    throw new ErrorClass(`The ${label} is not a valid base64url string`, { cause });
  }
}
function parseJoseHeader(encodedProtectedHeader, ErrorClass, message2) {
  let parsed;
  try {
    parsed = JSON.parse(strictDecoder.decode(decode2(encodedProtectedHeader)));
  } catch (cause) {
    throw new ErrorClass(message2, { cause });
  }
  if (!isObject3(parsed))
    throw new ErrorClass(message2);
  return parsed;
}
var JWE_RECOGNIZED = { __proto__: null };
function validateAlgorithms(option, algorithms) {
  if (algorithms !== void 0 && (!Array.isArray(algorithms) || algorithms.some((s) => typeof s != "string")))
    throw new TypeError(`"${option}" option must be an array of strings`);
  return algorithms === void 0 ? void 0 : new Set(algorithms);
}
function validateCritDuplicates(Err, protectedHeader) {
  const { crit } = protectedHeader ?? {};
  if (Array.isArray(crit) && new Set(crit).size !== crit.length)
    throw new Err('"crit" (Critical) Header Parameter MUST NOT contain duplicate values');
}
function validateCrit(Err, recognizedDefault, recognizedOption, protectedHeader, joseHeader) {
  if (joseHeader.crit !== void 0 && protectedHeader?.crit === void 0)
    throw new Err('"crit" (Critical) Header Parameter MUST be integrity protected');
  if (!protectedHeader || protectedHeader.crit === void 0)
    return [];
  if (!Array.isArray(protectedHeader.crit) || protectedHeader.crit.length === 0 || protectedHeader.crit.some((input) => typeof input != "string" || input.length === 0))
    throw new Err('"crit" (Critical) Header Parameter MUST be an array of non-empty strings when present');
  const recognized = recognizedOption === void 0 ? recognizedDefault : { __proto__: null, ...recognizedOption, ...recognizedDefault };
  for (const parameter of protectedHeader.crit) {
    if (!(parameter in recognized))
      throw new JOSENotSupported(`Extension Header Parameter "${parameter}" is not recognized`);
    if (!Object.hasOwn(joseHeader, parameter) || joseHeader[parameter] === void 0)
      throw new Err(`Extension Header Parameter "${parameter}" is missing`);
    if (recognized[parameter] && (!Object.hasOwn(protectedHeader, parameter) || protectedHeader[parameter] === void 0))
      throw new Err(`Extension Header Parameter "${parameter}" MUST be integrity protected`);
  }
  return protectedHeader.crit;
}
function serializeJoseHeader(Err, header) {
  let serialized, parsed;
  try {
    serialized = JSON.stringify(header), parsed = JSON.parse(serialized);
  } catch (cause) {
    throw new Err("JOSE Header is not valid JSON", { cause });
  }
  if (!isObject3(parsed))
    throw new Err("JOSE Header is not a JSON object");
  return [parsed, serialized];
}

// node_modules/jose/dist/webapi/lib/key.js
var tag = (key) => key[Symbol.toStringTag];
var jwkMatchesOp = (entry, key, usage2) => {
  const { alg } = entry;
  if (key.use !== void 0) {
    const expected = usage2 === "sign" || usage2 === "verify" ? "sig" : "enc";
    if (key.use !== expected)
      throw new TypeError(`Invalid key for this operation, its "use" must be "${expected}" when present`);
  }
  if (key.kty === "AKP" && key.alg === void 0)
    throw new TypeError('missing "alg" (Algorithm) Parameter value');
  if (key.alg !== void 0 && key.alg !== alg)
    throw new TypeError(`Invalid key for this operation, its "alg" must be "${alg}" when present`);
  if (Array.isArray(key.key_ops)) {
    const expectedKeyOp = usage2 === "encrypt" || usage2 === "decrypt" ? entry.ops?.[usage2 === "encrypt" ? 0 : 1] : usage2;
    if (expectedKeyOp && !key.key_ops.includes(expectedKeyOp))
      throw new TypeError(`Invalid key for this operation, its "key_ops" must include "${expectedKeyOp}" when present`);
  }
};
async function prepareKey(entry, key, usage2) {
  const { alg, secret } = entry, requiresPrivateKey = usage2 === "decrypt" || usage2 === "sign";
  if (secret && key instanceof Uint8Array)
    return key;
  let normalized, keyObject;
  if (isObject3(key)) {
    if (normalized = normalizeJwk(key), typeof normalized.kty != "string")
      throw invalidKeyType(alg, key, secret);
    if (!(secret ? normalized.kty === "oct" && typeof normalized.k == "string" : normalized.kty !== "oct" && (requiresPrivateKey ? normalized.kty === "AKP" && typeof normalized.priv == "string" || typeof normalized.d == "string" : normalized.d === void 0 && normalized.priv === void 0)))
      throw new TypeError(secret ? 'JSON Web Key for symmetric algorithms must have JWK "kty" (Key Type) equal to "oct" and the JWK "k" (Key Value) present' : `JSON Web Key for this operation must be a ${requiresPrivateKey ? "private" : "public"} JWK`);
    if (jwkMatchesOp(entry, normalized, usage2), normalized.kty === "oct")
      return decode2(normalized.k);
    if (!Object.isFrozen(key)) {
      const { key_ops } = key;
      Array.isArray(key_ops) && Object.freeze(key_ops), Object.freeze(key);
    }
  } else {
    if (!isKeyLike(key))
      throw invalidKeyType(alg, key, secret);
    const expectedType = secret ? "secret" : requiresPrivateKey ? "private" : "public";
    if (key.type !== expectedType && (secret || ["secret", "public", "private"].includes(key.type)))
      throw new TypeError(`${tag(key)} instances must be of type "${expectedType}" for the ${alg} algorithm`);
    if (isCryptoKey(key))
      return key;
    if (keyObject = key, keyObject.type === "secret")
      return keyObject.export();
  }
  cache ||= /* @__PURE__ */ new WeakMap();
  const cacheKey = key;
  let cached2 = cache.get(cacheKey);
  if (cached2?.[alg])
    return cached2[alg];
  if (cached2 || cache.set(cacheKey, cached2 = {}), keyObject && typeof keyObject.toCryptoKey == "function") {
    const isPublic = keyObject.type === "public", crv = nist[keyObject.asymmetricKeyDetails?.namedCurve], params = entry.resolve?.({ crv, asymmetricKeyType: keyObject.asymmetricKeyType }) ?? entry.subtle;
    return cached2[alg] = keyObject.toCryptoKey(params, isPublic, entry.usages[isPublic ? 0 : 1]);
  }
  return normalized ??= keyObject.export({ format: "jwk" }), normalized.alg = alg, cached2[alg] = await jwkToKey(entry, normalized);
}
var cache;
var nist = {
  __proto__: null,
  prime256v1: "P-256",
  secp384r1: "P-384",
  secp521r1: "P-521"
};
function assertCryptoKey(key) {
  if (!isCryptoKey(key))
    throw new Error("CryptoKey instance expected");
}
var isCryptoKey = (key) => {
  if (key?.[Symbol.toStringTag] === "CryptoKey")
    return true;
  try {
    return key instanceof CryptoKey;
  } catch {
    return false;
  }
};
var isKeyObject = (key) => key?.[Symbol.toStringTag] === "KeyObject";
var isKeyLike = (key) => isCryptoKey(key) || isKeyObject(key);
function message(msg, actual, ...types) {
  if (types.length > 2) {
    const last = types.pop();
    msg += `one of type ${types.join(", ")}, or ${last}.`;
  } else types.length === 2 ? msg += `one of type ${types[0]} or ${types[1]}.` : msg += `of type ${types[0]}.`;
  return actual == null ? msg += ` Received ${actual}` : typeof actual == "function" && actual.name ? msg += ` Received function ${actual.name}` : typeof actual == "object" && actual != null && actual.constructor?.name && (msg += ` Received an instance of ${actual.constructor.name}`), msg;
}
var invalidKeyInput = (actual, ...types) => message("Key must be ", actual, ...types);
function invalidKeyType(alg, actual, secret) {
  const types = ["CryptoKey", "KeyObject", "JSON Web Key"];
  return secret && types.push("Uint8Array"), new TypeError(message(`Key for the ${alg} algorithm must be `, actual, ...types));
}
var unusable = (name, prop = "algorithm.name") => new TypeError(`CryptoKey does not support this operation, its ${prop} must be ${name}`);
function checkUsage(key, usage2) {
  if (usage2 && !key.usages.includes(usage2))
    throw new TypeError(`CryptoKey does not support this operation, its usages must include ${usage2}.`);
}
function checkModulusLength(alg, key) {
  const { modulusLength } = key.algorithm;
  if (typeof modulusLength != "number" || modulusLength < 2048)
    throw new TypeError(`${alg} requires key modulusLength to be 2048 bits or larger`);
}
function checkCryptoKey(key, expected, usage2) {
  const algorithm = key.algorithm;
  if (algorithm.name !== expected.name)
    throw unusable(expected.name);
  if (expected.hash && algorithm.hash?.name !== expected.hash)
    throw unusable(expected.hash, "algorithm.hash");
  if (expected.namedCurve && algorithm.namedCurve !== expected.namedCurve)
    throw unusable(expected.namedCurve, "algorithm.namedCurve");
  if (expected.length !== void 0 && algorithm.length !== expected.length)
    throw unusable(expected.length, "algorithm.length");
  checkUsage(key, usage2);
}
function snapshotJwk(jwk) {
  return { __proto__: null, ...jwk };
}
function normalizeJwk(jwk) {
  const normalized = snapshotJwk(jwk);
  if (normalized.ext !== void 0 && typeof normalized.ext != "boolean")
    throw new TypeError('"ext" (Extractable) Parameter must be a boolean');
  if (normalized.key_ops !== void 0) {
    const value = normalized.key_ops, keyOps = Array.isArray(value) ? [...value] : void 0;
    if (!keyOps || keyOps.some((operation) => typeof operation != "string") || new Set(keyOps).size !== keyOps.length)
      throw new TypeError('"key_ops" (Key Operations) Parameter must be an array of unique strings');
    normalized.key_ops = keyOps;
  }
  return normalized;
}
async function jwkToKey(entry, jwk, extractable) {
  if (!entry.kty.includes(jwk.kty))
    throw new JOSENotSupported('Invalid or unsupported JWK "alg" (Algorithm) Parameter value');
  const algorithm = entry.resolve?.({ kty: jwk.kty, crv: jwk.crv }) ?? entry.subtle, isPrivate = !!(jwk.d || jwk.priv), keyData = { ...jwk, ext: extractable ?? jwk.ext };
  return keyData.kty !== "AKP" && delete keyData.alg, delete keyData.use, crypto.subtle.importKey("jwk", keyData, algorithm, keyData.ext ?? !isPrivate, jwk.key_ops ?? entry.usages[isPrivate ? 1 : 0]);
}
async function rawKey(key, expected, usage2, extractable = false) {
  return key instanceof Uint8Array && (key = await crypto.subtle.importKey("raw", key, expected, extractable, [usage2])), checkCryptoKey(key, expected, usage2), key;
}

// node_modules/jose/dist/webapi/lib/content_encryption.js
var generateCek = (enc) => crypto.getRandomValues(new Uint8Array(enc.cekBits >> 3));
function checkCekLength(cek, expected) {
  const actual = cek.byteLength << 3;
  if (actual !== expected)
    throw new JWEInvalid(`Invalid Content Encryption Key length. Expected ${expected} bits, got ${actual} bits`);
}
var generateIv = (enc) => crypto.getRandomValues(new Uint8Array(enc.ivBits >> 3));
function checkIvLength(enc, iv) {
  if (iv.length << 3 !== enc.ivBits)
    throw new JWEInvalid("Invalid Initialization Vector length");
}
async function cbcKeySetup(enc, cek, usage2) {
  if (!(cek instanceof Uint8Array))
    throw new TypeError(invalidKeyInput(cek, "Uint8Array"));
  const keyLengthBits = enc.cekBits >> 1, encKey = await crypto.subtle.importKey("raw", cek.subarray(keyLengthBits >> 3), "AES-CBC", false, [usage2]), macKey = await crypto.subtle.importKey("raw", cek.subarray(0, keyLengthBits >> 3), {
    hash: `SHA-${keyLengthBits << 1}`,
    name: "HMAC"
  }, false, ["sign"]);
  return [encKey, macKey, keyLengthBits];
}
async function cbcHmacTag(macKey, macData, keyLengthBits) {
  return new Uint8Array((await crypto.subtle.sign("HMAC", macKey, macData)).slice(0, keyLengthBits >> 3));
}
async function cbcEncrypt(enc, plaintext, cek, iv, aad) {
  const [encKey, macKey, keyLengthBits] = await cbcKeySetup(enc, cek, "encrypt"), ciphertext2 = new Uint8Array(await crypto.subtle.encrypt({
    iv,
    name: "AES-CBC"
  }, encKey, plaintext)), al = uint64be(aad.length * 8), macData = concat(aad, iv, ciphertext2, al), tag2 = await cbcHmacTag(macKey, macData, keyLengthBits);
  return { ciphertext: ciphertext2, tag: tag2, iv };
}
async function timingSafeEqual(a, b) {
  const algorithm = { name: "HMAC", hash: "SHA-256" }, key = await crypto.subtle.generateKey(algorithm, false, ["sign", "verify"]), aHmac = await crypto.subtle.sign(algorithm, key, a);
  return crypto.subtle.verify(algorithm, key, aHmac, b);
}
async function cbcDecrypt(enc, cek, ciphertext2, iv, tag2, aad) {
  const [encKey, macKey, keyLengthBits] = await cbcKeySetup(enc, cek, "decrypt"), al = uint64be(aad.length * 8), macData = concat(aad, iv, ciphertext2, al), expectedTag = await cbcHmacTag(macKey, macData, keyLengthBits);
  try {
    if (await timingSafeEqual(tag2, expectedTag))
      return new Uint8Array(await crypto.subtle.decrypt({ iv, name: "AES-CBC" }, encKey, ciphertext2));
  } catch {
  }
  throw new JWEDecryptionFailed();
}
async function encrypt(enc, plaintext, cek, iv, aad) {
  if (!isCryptoKey(cek) && !(cek instanceof Uint8Array))
    throw new TypeError(invalidKeyInput(cek, "CryptoKey", "KeyObject", "Uint8Array", "JSON Web Key"));
  if (iv ? checkIvLength(enc, iv) : iv = generateIv(enc), cek instanceof Uint8Array && checkCekLength(cek, enc.cekBits), enc.cbc)
    return cbcEncrypt(enc, plaintext, cek, iv, aad);
  const encKey = await rawKey(cek, enc.subtle, "encrypt"), encrypted = new Uint8Array(await crypto.subtle.encrypt({
    additionalData: aad,
    iv,
    name: "AES-GCM",
    tagLength: 128
  }, encKey, plaintext));
  return { ciphertext: encrypted.subarray(0, -16), tag: encrypted.subarray(-16), iv };
}
async function decrypt(enc, cek, ciphertext2, iv, tag2, aad) {
  if (!isCryptoKey(cek) && !(cek instanceof Uint8Array))
    throw new TypeError(invalidKeyInput(cek, "CryptoKey", "KeyObject", "Uint8Array", "JSON Web Key"));
  if (!iv)
    throw new JWEInvalid("JWE Initialization Vector missing");
  if (!tag2)
    throw new JWEInvalid("JWE Authentication Tag missing");
  if (!enc.cbc && tag2.length !== 16)
    throw new JWEInvalid("Invalid Authentication Tag length");
  if (checkIvLength(enc, iv), cek instanceof Uint8Array && checkCekLength(cek, enc.cekBits), enc.cbc)
    return cbcDecrypt(enc, cek, ciphertext2, iv, tag2, aad);
  const encKey = await rawKey(cek, enc.subtle, "decrypt");
  try {
    return new Uint8Array(await crypto.subtle.decrypt({
      additionalData: aad,
      iv,
      name: "AES-GCM",
      tagLength: 128
    }, encKey, concat(ciphertext2, tag2)));
  } catch {
    throw new JWEDecryptionFailed();
  }
}

// node_modules/jose/dist/webapi/lib/key_descriptor.js
function table(entries) {
  const out = { __proto__: null };
  for (const alg in entries)
    out[alg] = { ...entries[alg], alg };
  return out;
}

// node_modules/jose/dist/webapi/lib/jwe_algorithms.js
var wrap = [
  ["encrypt", "wrapKey"],
  ["decrypt", "unwrapKey"]
];
var derive = [[], ["deriveBits"]];
var none = [[], []];
function rsaes(bits) {
  return {
    kty: ["RSA"],
    mode: "key-encryption",
    subtle: { name: "RSA-OAEP", hash: `SHA-${bits}` },
    usages: wrap,
    ops: ["wrapKey", "unwrapKey"]
  };
}
function ecdh(mode) {
  return {
    kty: ["EC", "OKP"],
    mode,
    subtle: { name: "ECDH" },
    resolve: ({ kty, crv, asymmetricKeyType }) => {
      if (crv === "X25519" || asymmetricKeyType === "x25519")
        return { name: "X25519" };
      if (kty === "OKP")
        throw new JOSENotSupported('Invalid or unsupported JWK "alg" (Algorithm) Parameter value');
      return { name: "ECDH", namedCurve: crv };
    },
    usages: derive,
    ops: [void 0, "deriveBits"]
  };
}
function aeskw(bits, gcm = false) {
  return {
    kty: ["oct"],
    mode: "key-wrapping",
    secret: true,
    subtle: { name: gcm ? "AES-GCM" : "AES-KW", length: bits },
    usages: none,
    ops: gcm ? ["encrypt", "decrypt"] : ["wrapKey", "unwrapKey"]
  };
}
function pbes2() {
  return {
    kty: ["oct"],
    mode: "key-wrapping",
    secret: true,
    subtle: { name: "PBKDF2" },
    usages: none,
    ops: ["deriveBits", "deriveBits"]
  };
}
var JWE = table({
  dir: {
    kty: ["oct"],
    mode: "direct-encryption",
    secret: true,
    subtle: { name: "AES-GCM" },
    usages: none,
    ops: ["encrypt", "decrypt"]
  },
  "RSA-OAEP": rsaes(1),
  "RSA-OAEP-256": rsaes(256),
  "RSA-OAEP-384": rsaes(384),
  "RSA-OAEP-512": rsaes(512),
  "ECDH-ES": ecdh("direct-key-agreement"),
  "ECDH-ES+A128KW": ecdh("key-agreement-with-key-wrapping"),
  "ECDH-ES+A192KW": ecdh("key-agreement-with-key-wrapping"),
  "ECDH-ES+A256KW": ecdh("key-agreement-with-key-wrapping"),
  A128KW: aeskw(128),
  A192KW: aeskw(192),
  A256KW: aeskw(256),
  A128GCMKW: aeskw(128, true),
  A192GCMKW: aeskw(192, true),
  A256GCMKW: aeskw(256, true),
  "PBES2-HS256+A128KW": pbes2(),
  "PBES2-HS384+A192KW": pbes2(),
  "PBES2-HS512+A256KW": pbes2()
});
var contentOps = ["encrypt", "decrypt"];
function contentEncryption(bits, cbc = false) {
  return {
    kty: ["oct"],
    secret: true,
    subtle: { name: cbc ? "AES-CBC" : "AES-GCM", length: bits },
    usages: none,
    ops: contentOps,
    cekBits: bits,
    ivBits: cbc ? 128 : 96,
    cbc
  };
}
var ENC = table({
  A128GCM: contentEncryption(128),
  A192GCM: contentEncryption(192),
  A256GCM: contentEncryption(256),
  "A128CBC-HS256": contentEncryption(256, true),
  "A192CBC-HS384": contentEncryption(384, true),
  "A256CBC-HS512": contentEncryption(512, true)
});
function unsupported(parameter, name) {
  throw new JOSENotSupported(`Invalid or unsupported "${parameter}" (JWE ${name}) header value`);
}
function jweAlgorithm(alg) {
  return (typeof alg == "string" ? JWE[alg] : void 0) ?? unsupported("alg", "Algorithm");
}
function isJWECEKTransport(algorithm) {
  return algorithm.mode === "key-wrapping" || algorithm.mode === "key-encryption" || algorithm.mode === "key-agreement-with-key-wrapping";
}
function jweEncryption(enc) {
  return (typeof enc == "string" ? ENC[enc] : void 0) ?? unsupported("enc", "Encryption Algorithm");
}

// node_modules/jose/dist/webapi/lib/key_management.js
function checkEcdhCryptoKey(key, usage2) {
  if (key.algorithm.name !== "ECDH" && key.algorithm.name !== "X25519")
    throw new TypeError("CryptoKey does not support this operation, its algorithm.name must be ECDH or X25519");
  checkUsage(key, usage2);
}
async function aeskwWrap(alg, key, cek) {
  const cryptoKey = await rawKey(key, jweAlgorithm(alg).subtle, "wrapKey", true), cryptoKeyCek = await crypto.subtle.importKey("raw", cek, { hash: "SHA-256", name: "HMAC" }, true, ["sign"]);
  return new Uint8Array(await crypto.subtle.wrapKey("raw", cryptoKeyCek, cryptoKey, "AES-KW"));
}
async function aeskwUnwrap(alg, key, encryptedKey) {
  const cryptoKey = await rawKey(key, jweAlgorithm(alg).subtle, "unwrapKey", true), cryptoKeyCek = await crypto.subtle.unwrapKey("raw", encryptedKey, cryptoKey, "AES-KW", { hash: "SHA-256", name: "HMAC" }, true, ["sign"]);
  return new Uint8Array(await crypto.subtle.exportKey("raw", cryptoKeyCek));
}
function checkRsaKey(alg, key, usage2) {
  checkCryptoKey(key, jweAlgorithm(alg).subtle, usage2), checkModulusLength(alg, key);
}
async function deriveKey(p2s, alg, p2c, key) {
  if (!(p2s instanceof Uint8Array) || p2s.length < 8)
    throw new JWEInvalid("PBES2 Salt Input must be 8 or more octets");
  if (!Number.isSafeInteger(p2c) || Math.sign(p2c) !== 1)
    throw new JWEInvalid("PBES2 Count Input must be a positive integer");
  const salt2 = concat(encode2(alg), Uint8Array.of(0), p2s), keyLengthBits = parseInt(alg.slice(13, 16), 10), subtleAlg = {
    hash: `SHA-${alg.slice(8, 11)}`,
    iterations: p2c,
    name: "PBKDF2",
    salt: salt2
  }, cryptoKey = await rawKey(key, jweAlgorithm(alg).subtle, "deriveBits");
  return new Uint8Array(await crypto.subtle.deriveBits(subtleAlg, cryptoKey, keyLengthBits));
}
function lengthAndInput(input) {
  return concat(uint32be(input.length), input);
}
async function concatKdf(Z, keyDataLength, OtherInfo) {
  const dkLen = keyDataLength >> 3, hashLen = 32, reps = Math.ceil(dkLen / hashLen), dk = new Uint8Array(reps * hashLen);
  for (let i = 1; i <= reps; i++) {
    const hashResult = await digest("sha256", concat(uint32be(i), Z, OtherInfo));
    dk.set(hashResult, (i - 1) * hashLen);
  }
  return dk.slice(0, dkLen);
}
async function ecdhesDeriveKey(publicKey, privateKey, algorithmId, keyDataLength, apu = new Uint8Array(), apv = new Uint8Array()) {
  checkEcdhCryptoKey(publicKey), checkEcdhCryptoKey(privateKey, "deriveBits");
  const otherInfo = concat(lengthAndInput(encode2(algorithmId)), lengthAndInput(apu), lengthAndInput(apv), uint32be(keyDataLength)), Z = new Uint8Array(await crypto.subtle.deriveBits({
    name: publicKey.algorithm.name,
    public: publicKey
  }, privateKey, publicKey.algorithm.name === "X25519" ? 256 : Math.ceil(parseInt(publicKey.algorithm.namedCurve.slice(-3), 10) / 8) << 3));
  return concatKdf(Z, keyDataLength, otherInfo);
}
function assertEcdhKey(key) {
  assertCryptoKey(key);
  const curve = key.algorithm.namedCurve;
  if (curve !== "P-256" && curve !== "P-384" && curve !== "P-521" && key.algorithm.name !== "X25519")
    throw new JOSENotSupported("ECDH with the provided key is not allowed or not supported by your javascript runtime");
}
function partyInfo(joseHeader, name) {
  const value = joseHeader[name];
  if (value !== void 0) {
    if (typeof value != "string")
      throw new JWEInvalid(`JOSE Header "${name}" (Agreement Party${name === "apu" ? "U" : "V"}Info) invalid`);
    return decodeBase64url2(value, name, JWEInvalid);
  }
}
function checkPartyInfo(apu, apv) {
  if (!(apu === void 0 || apv === void 0 || apu.byteLength !== apv.byteLength)) {
    for (let i = 0; i < apu.byteLength; i++)
      if (apu[i] !== apv[i])
        return;
    throw new JWEInvalid('JOSE Header "apu" and "apv" values must be distinct');
  }
}
function assertEncryptedKey(encryptedKey) {
  if (encryptedKey === void 0)
    throw new JWEInvalid("JWE Encrypted Key missing");
}
function assertNoEncryptedKey(encryptedKey) {
  if (encryptedKey !== void 0)
    throw new JWEInvalid("Encountered unexpected JWE Encrypted Key");
}
function validateMaxPBES2Count(value) {
  if (value !== void 0 && value !== 1 / 0 && (!Number.isSafeInteger(value) || value < 1))
    throw new TypeError("maxPBES2Count must be a positive safe integer or Infinity");
}
async function decryptKeyManagement(entry, enc, key, encryptedKey, joseHeader, maxPBES2Count) {
  const { alg } = entry, mode = entry.mode;
  if (mode === "direct-encryption")
    return assertNoEncryptedKey(encryptedKey), key;
  const direct = mode === "direct-key-agreement";
  switch (direct ? assertNoEncryptedKey(encryptedKey) : assertEncryptedKey(encryptedKey), entry.subtle.name) {
    case "ECDH": {
      const { epk } = joseHeader;
      if (!isObject3(epk) || ["d", "k", "p", "q", "dp", "dq", "qi", "oth", "priv"].some((parameter) => Object.hasOwn(epk, parameter)))
        throw new JWEInvalid('JOSE Header "epk" (Ephemeral Public Key) missing or invalid');
      assertEcdhKey(key);
      const ephemeralPublicKey = await jwkToKey(entry, epk), partyUInfo = partyInfo(joseHeader, "apu"), partyVInfo = partyInfo(joseHeader, "apv");
      checkPartyInfo(partyUInfo, partyVInfo);
      const derivedKey = await ecdhesDeriveKey(ephemeralPublicKey, key, direct ? enc.alg : alg, direct ? enc.cekBits : parseInt(alg.slice(-5, -2), 10), partyUInfo, partyVInfo);
      if (direct)
        return derivedKey;
      key = derivedKey;
      break;
    }
    case "RSA-OAEP":
      return assertCryptoKey(key), checkRsaKey(alg, key, "decrypt"), new Uint8Array(await crypto.subtle.decrypt("RSA-OAEP", key, encryptedKey));
    case "PBKDF2": {
      if (typeof joseHeader.p2c != "number")
        throw new JWEInvalid('JOSE Header "p2c" (PBES2 Count) missing or invalid');
      const p2cLimit = maxPBES2Count ?? 1e4;
      if (joseHeader.p2c > p2cLimit)
        throw new JWEInvalid('JOSE Header "p2c" (PBES2 Count) out is of acceptable bounds');
      if (typeof joseHeader.p2s != "string")
        throw new JWEInvalid('JOSE Header "p2s" (PBES2 Salt) missing or invalid');
      const p2s = decodeBase64url2(joseHeader.p2s, "p2s", JWEInvalid);
      key = await deriveKey(p2s, alg, joseHeader.p2c, key);
      break;
    }
    case "AES-GCM": {
      if (typeof joseHeader.iv != "string")
        throw new JWEInvalid('JOSE Header "iv" (Initialization Vector) missing or invalid');
      if (typeof joseHeader.tag != "string")
        throw new JWEInvalid('JOSE Header "tag" (Authentication Tag) missing or invalid');
      const iv = decodeBase64url2(joseHeader.iv, "iv", JWEInvalid), tag2 = decodeBase64url2(joseHeader.tag, "tag", JWEInvalid);
      if (iv.byteLength !== 12)
        throw new JWEInvalid("Invalid Initialization Vector length");
      if (tag2.byteLength !== 16)
        throw new JWEInvalid("Invalid Authentication Tag length");
      return decrypt(jweEncryption(alg.slice(0, -2)), key, encryptedKey, iv, tag2, new Uint8Array());
    }
  }
  return aeskwUnwrap(alg.slice(-6), key, encryptedKey);
}
async function encryptKeyManagement(entry, enc, inputKey, joseHeader, providedCek, providedParameters = {}) {
  const { alg, mode } = entry, transport = isJWECEKTransport(entry);
  if (providedCek !== void 0 && !transport)
    throw new TypeError(`setContentEncryptionKey cannot be called with JWE "alg" (Algorithm) Header ${alg}`);
  let key = await prepareKey(mode === "direct-encryption" ? enc : entry, inputKey, "encrypt");
  if (mode === "direct-encryption")
    return [key, void 0, void 0];
  const cek = transport ? providedCek ?? generateCek(enc) : void 0;
  cek && checkCekLength(cek, enc.cekBits);
  let encryptedKey, parameters;
  switch (entry.subtle.name) {
    case "ECDH": {
      assertEcdhKey(key);
      const { apu: providedApu, apv: providedApv } = providedParameters;
      providedApu !== void 0 && assertUint8Array(providedApu, '"apu"'), providedApv !== void 0 && assertUint8Array(providedApv, '"apv"');
      const apu = providedApu ?? partyInfo(joseHeader, "apu"), apv = providedApv ?? partyInfo(joseHeader, "apv");
      checkPartyInfo(apu, apv);
      let ephemeralPrivateKey;
      providedParameters.epk !== void 0 ? ephemeralPrivateKey = await prepareKey(entry, providedParameters.epk, "decrypt") : ephemeralPrivateKey = (await crypto.subtle.generateKey(key.algorithm, true, ["deriveBits"])).privateKey;
      const subtle2 = crypto.subtle;
      let exportableEpk = ephemeralPrivateKey;
      if (!exportableEpk.extractable) {
        if (typeof subtle2.getPublicKey != "function")
          throw new TypeError('CryptoKey for "epk" must be extractable');
        exportableEpk = await subtle2.getPublicKey(ephemeralPrivateKey, []);
      }
      const { x, y, crv, kty } = await subtle2.exportKey("jwk", exportableEpk), direct = mode === "direct-key-agreement", derivedKey = await ecdhesDeriveKey(key, ephemeralPrivateKey, direct ? enc.alg : alg, direct ? enc.cekBits : parseInt(alg.slice(-5, -2), 10), apu, apv), epk = { x, crv, kty };
      if (kty === "EC" && (epk.y = y), parameters = { epk }, providedApu !== void 0 && (parameters.apu = encode3(providedApu)), providedApv !== void 0 && (parameters.apv = encode3(providedApv)), direct)
        return [derivedKey, void 0, parameters];
      key = derivedKey;
      break;
    }
    case "RSA-OAEP": {
      assertCryptoKey(key), checkRsaKey(alg, key, "encrypt"), encryptedKey = new Uint8Array(await crypto.subtle.encrypt("RSA-OAEP", key, cek));
      break;
    }
    case "PBKDF2": {
      const { p2c = 2048, p2s = crypto.getRandomValues(new Uint8Array(16)) } = providedParameters;
      key = await deriveKey(p2s, alg, p2c, key), parameters = { p2c, p2s: encode3(p2s) };
      break;
    }
    case "AES-GCM": {
      const iv = providedParameters.iv === void 0 ? crypto.getRandomValues(new Uint8Array(12)) : providedParameters.iv;
      if (!(iv instanceof Uint8Array))
        throw new TypeError('"iv" must be an instance of Uint8Array');
      const wrapped = await encrypt(jweEncryption(alg.slice(0, -2)), cek, key, iv, new Uint8Array());
      encryptedKey = wrapped.ciphertext, parameters = { iv: encode3(wrapped.iv), tag: encode3(wrapped.tag) };
    }
  }
  if (encryptedKey ??= await aeskwWrap(alg.slice(-6), key, cek), !(encryptedKey instanceof Uint8Array) || !encryptedKey.byteLength)
    throw new TypeError("JWE key management algorithm did not produce an Encrypted Key");
  return [cek, encryptedKey, parameters];
}

// node_modules/jose/dist/webapi/lib/deflate.js
function validateZip(joseHeader, protectedHeader) {
  if (joseHeader.zip !== void 0 && joseHeader.zip !== "DEF")
    throw new JOSENotSupported('Unsupported JWE "zip" (Compression Algorithm) Header Parameter value.');
  if (joseHeader.zip !== void 0 && !protectedHeader?.zip)
    throw new JWEInvalid('JWE "zip" (Compression Algorithm) Header Parameter MUST be in a protected header.');
}
function supported(name) {
  if (typeof globalThis[name] > "u")
    throw new JOSENotSupported(`JWE "zip" (Compression Algorithm) Header Parameter requires the ${name} API.`);
}
async function transform(stream, input, maxLength = 1 / 0) {
  const writer = stream.writable.getWriter();
  writer.write(input).catch(() => {
  }), writer.close().catch(() => {
  });
  const chunks = [];
  let length = 0;
  const reader = stream.readable.getReader();
  for (; ; ) {
    const { value, done } = await reader.read();
    if (done)
      break;
    if (chunks.push(value), length += value.byteLength, maxLength !== 1 / 0 && length > maxLength)
      throw await reader.cancel().catch(() => {
      }), new JWEInvalid("Decompressed plaintext exceeded the configured limit");
  }
  return concat(...chunks);
}
async function compress(input) {
  return supported("CompressionStream"), transform(new CompressionStream("deflate-raw"), input);
}
async function decompress(input, maxLength) {
  return supported("DecompressionStream"), transform(new DecompressionStream("deflate-raw"), input, maxLength);
}

// node_modules/jose/dist/webapi/lib/jwe_decrypt.js
function shareJWE(jwe2) {
  const { protected: encodedProtected, ciphertext: ciphertext2, iv, tag: tag2, aad } = jwe2;
  let protectedHeader;
  return encodedProtected !== void 0 && (protectedHeader = parseJoseHeader(encodedProtected, JWEInvalid, "JWE Protected Header is invalid")), [
    protectedHeader,
    decodeBase64url2(ciphertext2, "ciphertext", JWEInvalid),
    iv !== void 0 ? decodeBase64url2(iv, "iv", JWEInvalid) : void 0,
    tag2 !== void 0 ? decodeBase64url2(tag2, "tag", JWEInvalid) : void 0,
    encodeAsciiMember((encodedProtected ?? "") + (aad !== void 0 ? `.${aad}` : ""), "aad", JWEInvalid)
  ];
}
function prepareDecrypt(options) {
  const keyManagementAlgorithms = options && validateAlgorithms("keyManagementAlgorithms", options.keyManagementAlgorithms), contentEncryptionAlgorithms = options && validateAlgorithms("contentEncryptionAlgorithms", options.contentEncryptionAlgorithms), { crit, maxPBES2Count, maxDecompressedLength } = options ?? {};
  validateMaxPBES2Count(maxPBES2Count);
  const decompressionLimit = maxDecompressedLength ?? 25e4;
  if (decompressionLimit !== 0 && decompressionLimit !== 1 / 0 && (!Number.isSafeInteger(decompressionLimit) || decompressionLimit < 1))
    throw new TypeError("maxDecompressedLength must be 0, a positive safe integer, or Infinity");
  return [
    keyManagementAlgorithms,
    contentEncryptionAlgorithms,
    crit,
    maxPBES2Count,
    maxDecompressedLength
  ];
}
async function decryptJWE(jwe2, shared, key, token = shareJWE(jwe2)) {
  const [protectedHeader, ciphertext2, iv, tag2, additionalAuthenticatedData] = token, { header, unprotected, aad } = jwe2;
  let joseHeader;
  if (header !== void 0 || unprotected !== void 0) {
    if (!isDisjoint(protectedHeader, header, unprotected))
      throw new JWEInvalid("JWE Protected, JWE Unprotected Header, and JWE Per-Recipient Unprotected Header Parameter names must be disjoint");
    joseHeader = { ...protectedHeader, ...header, ...unprotected };
  } else
    joseHeader = protectedHeader ?? {};
  const [keyManagementAlgorithms, contentEncryptionAlgorithms, crit, maxPBES2Count, maxDecompressedLength] = shared, { encrypted_key: encodedKey } = jwe2;
  validateCrit(JWEInvalid, JWE_RECOGNIZED, crit, protectedHeader, joseHeader), validateZip(joseHeader, protectedHeader);
  const { alg, enc } = joseHeader;
  if (typeof alg != "string" || !alg)
    throw new JWEInvalid("missing JWE Algorithm (alg) in JWE Header");
  const selected = JWE[alg];
  if (encodedKey === "" && (!selected || !isJWECEKTransport(selected)))
    throw new JWEInvalid("JWE Encrypted Key incorrect type");
  const integrated = selected?.mode === "integrated-encryption";
  if (!integrated && (typeof enc != "string" || !enc))
    throw new JWEInvalid("missing JWE Encryption Algorithm (enc) in JWE Header");
  if (keyManagementAlgorithms && !keyManagementAlgorithms.has(alg) || !keyManagementAlgorithms && alg.startsWith("PBES2"))
    throw new JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
  let encEntry;
  if (integrated) {
    if (enc !== void 0)
      throw new JWEInvalid('JWE "enc" (Encryption Algorithm) Header Parameter must not be present for integrated encryption');
    if (iv?.byteLength)
      throw new JWEInvalid("JWE Initialization Vector must be empty for integrated encryption");
    if (tag2?.byteLength)
      throw new JWEInvalid("JWE Authentication Tag must be empty for integrated encryption");
  } else {
    if (contentEncryptionAlgorithms && !contentEncryptionAlgorithms.has(enc))
      throw new JOSEAlgNotAllowed('"enc" (Encryption Algorithm) Header Parameter value not allowed');
    encEntry = jweEncryption(enc);
  }
  let encryptedKey;
  if (encodedKey !== void 0)
    try {
      encryptedKey = decodeBase64url2(encodedKey, "encrypted_key", JWEInvalid);
    } catch (error) {
      if (!selected || !isJWECEKTransport(selected))
        throw error;
      encryptedKey = new Uint8Array();
    }
  let resolvedKey = false;
  typeof key == "function" && (key = await key(protectedHeader, jwe2), resolvedKey = true);
  const algEntry = selected ?? jweAlgorithm(alg);
  isJWECEKTransport(algEntry) && encryptedKey === void 0 && (encryptedKey = new Uint8Array());
  const k = await prepareKey(algEntry.mode === "direct-encryption" ? encEntry : algEntry, key, "decrypt");
  let plaintext;
  if (algEntry.mode === "integrated-encryption")
    plaintext = await algEntry.decrypt(k, encryptedKey, ciphertext2, additionalAuthenticatedData, protectedHeader, joseHeader);
  else {
    const encryption = encEntry;
    let cek;
    try {
      cek = await decryptKeyManagement(algEntry, encryption, k, encryptedKey, joseHeader, maxPBES2Count), isJWECEKTransport(algEntry) && cek instanceof Uint8Array && cek.byteLength << 3 !== encryption.cekBits && (cek = generateCek(encryption));
    } catch (err) {
      if (err instanceof TypeError || err instanceof JWEInvalid || err instanceof JOSENotSupported)
        throw err;
      cek = generateCek(encryption);
    }
    plaintext = await decrypt(encryption, cek, ciphertext2, iv, tag2, additionalAuthenticatedData);
  }
  if (joseHeader.zip === "DEF") {
    const decompressionLimit = maxDecompressedLength ?? 25e4;
    if (decompressionLimit === 0)
      throw new JOSENotSupported('JWE "zip" (Compression Algorithm) Header Parameter is not supported.');
    plaintext = await decompress(plaintext, decompressionLimit).catch((cause) => {
      throw cause instanceof JWEInvalid || cause instanceof JOSENotSupported ? cause : new JWEInvalid("Failed to decompress plaintext", { cause });
    });
  }
  return {
    plaintext,
    ...protectedHeader && { protectedHeader },
    ...aad !== void 0 && {
      additionalAuthenticatedData: decodeBase64url2(aad, "aad", JWEInvalid)
    },
    ...unprotected && { sharedUnprotectedHeader: unprotected },
    ...header && { unprotectedHeader: header },
    ...resolvedKey && { key: k }
  };
}
async function decryptCompact(jwe2, shared, key) {
  if (jwe2 instanceof Uint8Array && (jwe2 = decoder.decode(jwe2)), typeof jwe2 != "string")
    throw new JWEInvalid("Compact JWE must be a string or Uint8Array");
  const { 0: protectedHeader, 1: encryptedKey, 2: iv, 3: ciphertext2, 4: tag2, length } = jwe2.split(".");
  if (length !== 5)
    throw new JWEInvalid("Invalid Compact JWE");
  return decryptJWE({
    ciphertext: ciphertext2,
    iv: iv || void 0,
    protected: protectedHeader,
    tag: tag2 || void 0,
    encrypted_key: encryptedKey || void 0
  }, shared, key);
}

// node_modules/jose/dist/webapi/jwe/compact/decrypt.js
async function compactDecrypt(jwe2, key, options) {
  return decryptCompact(jwe2, prepareDecrypt(options), key);
}

// node_modules/jose/dist/webapi/lib/jwe_encrypt.js
function checkDisjoint(protectedHeader, unprotectedHeader, sharedUnprotectedHeader) {
  if (!isDisjoint(protectedHeader, unprotectedHeader, sharedUnprotectedHeader))
    throw new JWEInvalid("JWE Protected, JWE Shared Unprotected and JWE Per-Recipient Header Parameter names must be disjoint");
}
function checkEncryptHeaders(input, options, sharedHeadersNormalized = false) {
  if (!input[1] && !input[2] && !input[3])
    throw new JWEInvalid("either setProtectedHeader, setUnprotectedHeader, or sharedUnprotectedHeader must be called before #encrypt()");
  options !== void 0 && (input[8] = options?.crit);
  let [, protectedHeader, unprotectedHeader, sharedUnprotectedHeader, aad, cek, iv, keyManagementParameters, crit] = input;
  if (aad !== void 0 && assertUint8Array(aad, "JWE Additional Authenticated Data"), cek !== void 0 && assertUint8Array(cek, "JWE Content Encryption Key"), iv !== void 0 && assertUint8Array(iv, "JWE Initialization Vector"), !sharedHeadersNormalized && protectedHeader !== void 0 && (protectedHeader = serializeJoseHeader(JWEInvalid, protectedHeader)[0], input[1] = protectedHeader), unprotectedHeader !== void 0 && (unprotectedHeader = serializeJoseHeader(JWEInvalid, unprotectedHeader)[0], input[2] = unprotectedHeader), !sharedHeadersNormalized && sharedUnprotectedHeader !== void 0 && (sharedUnprotectedHeader = serializeJoseHeader(JWEInvalid, sharedUnprotectedHeader)[0], input[3] = sharedUnprotectedHeader), keyManagementParameters !== void 0 && !isObject3(keyManagementParameters))
    throw new TypeError("JWE Key Management Parameters must be an object");
  checkDisjoint(protectedHeader, unprotectedHeader, sharedUnprotectedHeader);
  const joseHeader = {
    ...protectedHeader,
    ...unprotectedHeader,
    ...sharedUnprotectedHeader
  };
  validateCritDuplicates(JWEInvalid, protectedHeader), validateCrit(JWEInvalid, JWE_RECOGNIZED, crit, protectedHeader, joseHeader), validateZip(joseHeader, protectedHeader);
  const { alg, enc } = joseHeader;
  if (typeof alg != "string" || !alg)
    throw new JWEInvalid('JWE "alg" (Algorithm) Header Parameter missing or invalid');
  const algEntry = JWE[alg];
  if (algEntry?.mode === "integrated-encryption") {
    if (enc !== void 0)
      throw new JWEInvalid('JWE "enc" (Encryption Algorithm) Header Parameter must not be present for integrated encryption');
    if (cek !== void 0)
      throw new TypeError(`setContentEncryptionKey cannot be called with JWE "alg" (Algorithm) Header ${alg}`);
    if (iv !== void 0)
      throw new TypeError(`setInitializationVector cannot be called with JWE "alg" (Algorithm) Header ${alg}`);
    return [joseHeader, void 0, algEntry];
  }
  if (typeof enc != "string" || !enc)
    throw new JWEInvalid('JWE "enc" (Encryption Algorithm) Header Parameter missing or invalid');
  return [joseHeader, jweEncryption(enc), algEntry];
}
async function encryptJWE(input, checked, key) {
  const [joseHeader, encEntry, selected] = checked, [inputPlaintext, inputProtectedHeader, inputUnprotectedHeader, sharedUnprotectedHeader, aad, providedCek, inputIv, keyManagementParameters, , unprotectedParameters] = input;
  let protectedHeader = inputProtectedHeader, unprotectedHeader = inputUnprotectedHeader;
  const algEntry = selected ?? jweAlgorithm(joseHeader.alg);
  let encryptedKey, parameters, cek;
  algEntry.mode === "integrated-encryption" ? cek = await prepareKey(algEntry, key, "encrypt") : [cek, encryptedKey, parameters] = await encryptKeyManagement(algEntry, encEntry, key, joseHeader, providedCek, keyManagementParameters), parameters && (unprotectedParameters ? unprotectedHeader = unprotectedHeader ? { ...unprotectedHeader, ...parameters } : parameters : protectedHeader = protectedHeader ? { ...protectedHeader, ...parameters } : parameters, checkDisjoint(protectedHeader, unprotectedHeader, sharedUnprotectedHeader));
  const encodedProtectedHeader = protectedHeader ? encode3(JSON.stringify(protectedHeader)) : "", encodedAad = aad?.byteLength ? encode3(aad) : void 0, additionalAuthenticatedData = encode2(encodedAad ? `${encodedProtectedHeader}.${encodedAad}` : encodedProtectedHeader);
  let plaintext = inputPlaintext;
  joseHeader.zip === "DEF" && (plaintext = await compress(plaintext).catch((cause) => {
    throw cause instanceof JOSENotSupported ? cause : new JWEInvalid("Failed to compress plaintext", { cause });
  }));
  let ciphertext2, tag2, iv;
  algEntry.mode === "integrated-encryption" ? [encryptedKey, ciphertext2] = await algEntry.encrypt(cek, plaintext, additionalAuthenticatedData, protectedHeader, joseHeader, keyManagementParameters) : { ciphertext: ciphertext2, tag: tag2, iv } = await encrypt(encEntry, plaintext, cek, inputIv, additionalAuthenticatedData);
  const jwe2 = {
    ciphertext: encode3(ciphertext2)
  };
  return iv && (jwe2.iv = encode3(iv)), tag2 && (jwe2.tag = encode3(tag2)), encryptedKey?.byteLength && (jwe2.encrypted_key = encode3(encryptedKey)), encodedAad && (jwe2.aad = encodedAad), protectedHeader && (jwe2.protected = encodedProtectedHeader), sharedUnprotectedHeader && (jwe2.unprotected = sharedUnprotectedHeader), unprotectedHeader && (jwe2.header = unprotectedHeader), jwe2;
}
async function createJWE(input, key, options) {
  return encryptJWE(input, checkEncryptHeaders(input, options), key);
}
function compactJWE(jwe2) {
  return [jwe2.protected, jwe2.encrypted_key, jwe2.iv, jwe2.ciphertext, jwe2.tag].join(".");
}

// node_modules/jose/dist/webapi/jwe/compact/encrypt.js
var CompactEncrypt = class {
  #input;
  constructor(plaintext) {
    assertUint8Array(plaintext, "plaintext"), this.#input = [plaintext];
  }
  setContentEncryptionKey(cek) {
    return assertNotSet(this.#input[5], "setContentEncryptionKey"), this.#input[5] = cek, this;
  }
  setInitializationVector(iv) {
    return assertNotSet(this.#input[6], "setInitializationVector"), this.#input[6] = iv, this;
  }
  setProtectedHeader(protectedHeader) {
    return assertNotSet(this.#input[1], "setProtectedHeader"), this.#input[1] = protectedHeader, this;
  }
  setKeyManagementParameters(parameters) {
    return assertNotSet(this.#input[7], "setKeyManagementParameters"), this.#input[7] = parameters, this;
  }
  async encrypt(key, options) {
    return compactJWE(await createJWE([...this.#input], key, options));
  }
};

// node_modules/jose/dist/webapi/key/export.js
async function exportJWK(key) {
  if (isKeyObject(key))
    if (key.type === "secret")
      key = key.export();
    else
      return key.export({ format: "jwk" });
  if (key instanceof Uint8Array)
    return {
      kty: "oct",
      k: encode3(key)
    };
  if (!isCryptoKey(key))
    throw new TypeError(invalidKeyInput(key, "CryptoKey", "KeyObject", "Uint8Array"));
  if (!key.extractable)
    throw new TypeError("non-extractable CryptoKey cannot be exported as a JWK");
  const jwk = await crypto.subtle.exportKey("jwk", key);
  delete jwk.ext, delete jwk.key_ops, delete jwk.use, jwk.kty !== "AKP" && delete jwk.alg;
  for (const parameter of Object.keys(jwk))
    jwk[parameter] === void 0 && delete jwk[parameter];
  return jwk;
}

// node_modules/jose/dist/webapi/jwk/thumbprint.js
var check = (value, description) => {
  if (typeof value != "string" || !value)
    throw new JWKInvalid(`${description} missing or invalid`);
};
async function calculateJwkThumbprint(key, digestAlgorithm) {
  let jwk;
  if (isObject3(key)) {
    if (jwk = snapshotJwk(key), typeof jwk.kty != "string")
      throw new TypeError(invalidKeyInput(key, "CryptoKey", "KeyObject", "JSON Web Key"));
  } else if (isKeyLike(key))
    jwk = snapshotJwk(await exportJWK(key));
  else
    throw new TypeError(invalidKeyInput(key, "CryptoKey", "KeyObject", "JSON Web Key"));
  if (digestAlgorithm ??= "sha256", digestAlgorithm !== "sha256" && digestAlgorithm !== "sha384" && digestAlgorithm !== "sha512")
    throw new TypeError('digestAlgorithm must one of "sha256", "sha384", or "sha512"');
  let requiredMembers;
  switch (jwk.kty) {
    case "AKP":
      check(jwk.alg, '"alg" (Algorithm) Parameter'), check(jwk.pub, '"pub" (Public key) Parameter'), requiredMembers = { alg: jwk.alg, kty: jwk.kty, pub: jwk.pub };
      break;
    case "EC":
      check(jwk.crv, '"crv" (Curve) Parameter'), check(jwk.x, '"x" (X Coordinate) Parameter'), check(jwk.y, '"y" (Y Coordinate) Parameter'), requiredMembers = { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
      break;
    case "OKP":
      check(jwk.crv, '"crv" (Subtype of Key Pair) Parameter'), check(jwk.x, '"x" (Public Key) Parameter'), requiredMembers = { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
      break;
    case "RSA":
      check(jwk.e, '"e" (Exponent) Parameter'), check(jwk.n, '"n" (Modulus) Parameter'), requiredMembers = { e: jwk.e, kty: jwk.kty, n: jwk.n };
      break;
    case "oct":
      if (typeof jwk.k != "string")
        throw new JWKInvalid('"k" (Key Value) Parameter missing or invalid');
      requiredMembers = { k: jwk.k, kty: jwk.kty };
      break;
    default:
      throw new JOSENotSupported('"kty" (Key Type) Parameter missing or unsupported');
  }
  const thumbprintInput = encode2(JSON.stringify(requiredMembers));
  return encode3(await digest(digestAlgorithm, thumbprintInput));
}

// core/envelope.ts
var PROTECTED_HEADER = { alg: "dir", enc: "A256GCM" };
var DEFAULT_ITERATIONS = 6e5;
var LABELS = {
  readToken: "secretsentry read token v1",
  contentKey: "secretsentry content key v1",
  verifier: "secretsentry passphrase verifier v1",
  fillToken: "secretsentry fill token v1",
  recipientReadToken: "secretsentry recipient read token v1"
};
var REQUEST_HEADER = { alg: "ECDH-ES+A256KW", enc: "A256GCM" };
var encoder2 = new TextEncoder();
var subtle = () => globalThis.crypto.subtle;
async function hkdf(ikm, info) {
  const key = await subtle().importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  const bits = await subtle().deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder2.encode(info) },
    key,
    256
  );
  return new Uint8Array(bits);
}
async function sha256(bytes) {
  return new Uint8Array(await subtle().digest("SHA-256", bytes));
}
async function stretchPassphrase(passphrase, salt2, iterations) {
  const key = await subtle().importKey(
    "raw",
    encoder2.encode(passphrase.normalize("NFC")),
    "PBKDF2",
    false,
    ["deriveBits"]
  );
  const bits = await subtle().deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt2, iterations },
    key,
    256
  );
  return new Uint8Array(bits);
}
function randomBytes(length) {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}
function concat2(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
async function deriveReadToken(key) {
  const token = await hkdf(key, LABELS.readToken);
  return { readToken: toBase64url(token), readTokenHash: toBase64url(await sha256(token)) };
}
async function deriveRecipientReadToken(key, recipientToken) {
  const token = await hkdf(concat2(key, recipientToken), LABELS.recipientReadToken);
  return { readToken: toBase64url(token), readTokenHash: toBase64url(await sha256(token)) };
}
function parseLinkSecret(fragment) {
  const [key = "", recipientToken, ...rest] = fragment.replace(/^#/, "").split(".");
  if (rest.length > 0) throw new TypeError("the link key has too many parts");
  if (recipientToken === void 0) return { key: parseKey(key) };
  const token = fromBase64url(recipientToken);
  if (token.length !== 32) throw new TypeError("the link key must be 32 bytes");
  return { key: parseKey(key), recipientToken: token };
}
function linkReadToken(secret) {
  return secret.recipientToken ? deriveRecipientReadToken(secret.key, secret.recipientToken) : deriveReadToken(secret.key);
}
async function newRecipientKeys(key) {
  const token = randomBytes(32);
  return { recipientToken: toBase64url(token), ...await deriveRecipientReadToken(key, token) };
}
function sealLabel(label, labelKey) {
  if ([...label.normalize("NFC")].length > LIMITS.labelChars)
    throw new RangeError(`a recipient label must be at most ${LIMITS.labelChars} characters`);
  return encryptJwe(encoder2.encode(label.normalize("NFC")), labelKey);
}
async function openLabel(jwe2, labelKey) {
  return new TextDecoder("utf-8", { fatal: true }).decode(await decryptJwe(jwe2, labelKey));
}
function parseManageSecret(fragment) {
  const [manageToken = "", labelKey, ...rest] = fragment.replace(/^#/, "").split(".");
  if (rest.length > 0) throw new TypeError("the manage link has too many parts");
  if (labelKey === void 0) return { manageToken };
  const key = fromBase64url(labelKey);
  if (key.length !== 32) throw new TypeError("the label key must be 32 bytes");
  return { manageToken, labelKey: key };
}
async function derivePassphraseKeys(key, passphrase, salt2, iterations) {
  const stretched = await stretchPassphrase(passphrase, salt2, iterations);
  const ikm = concat2(key, stretched);
  const contentKey = await hkdf(ikm, LABELS.contentKey);
  const verifierBytes = await hkdf(ikm, LABELS.verifier);
  return {
    contentKey,
    verifier: toBase64url(verifierBytes),
    verifierHash: toBase64url(await sha256(verifierBytes))
  };
}
var KdfParamsError = class extends Error {
  constructor(problem) {
    super(`The passphrase parameters the service sent are refused: ${problem}.`);
    this.name = "KdfParamsError";
  }
};
function checkKdfParams(params) {
  const saltBytes = base64urlByteLength(params.salt);
  const { min, max } = LIMITS.saltBytes;
  if (saltBytes === void 0 || saltBytes < min || saltBytes > max) {
    throw new KdfParamsError(`the salt must be ${min} to ${max} bytes of base64url`);
  }
  const { iterations } = params;
  if (!Number.isSafeInteger(iterations) || iterations < LIMITS.minIterations || iterations > LIMITS.maxIterations) {
    throw new KdfParamsError(
      `the iteration count must be a whole number from ${LIMITS.minIterations} to ${LIMITS.maxIterations}`
    );
  }
}
async function unlock(key, params, passphrase) {
  if (!params) return {};
  checkKdfParams(params);
  const derived = await derivePassphraseKeys(
    key,
    passphrase,
    fromBase64url(params.salt),
    params.iterations
  );
  return { contentKey: derived.contentKey, verifier: derived.verifier };
}
async function encryptJwe(plaintext, contentKey) {
  return new CompactEncrypt(plaintext).setProtectedHeader(PROTECTED_HEADER).encrypt(contentKey);
}
async function decryptJwe(jwe2, contentKey) {
  const problem = protectedHeaderProblem(jwe2.split(".", 1)[0] ?? "");
  if (problem) throw new errors_exports2.JWEInvalid(`The ciphertext ${problem}.`);
  const { plaintext } = await compactDecrypt(jwe2, contentKey, {
    keyManagementAlgorithms: ["dir"],
    contentEncryptionAlgorithms: ["A256GCM"],
    // Refused above already; this keeps jose itself from ever inflating anything.
    maxDecompressedLength: 0
  });
  return plaintext;
}
async function newSecretKeys(options = {}) {
  const key = randomBytes(32);
  const read = await deriveReadToken(key);
  if (options.passphrase === void 0 || options.passphrase === "") {
    return { key: toBase64url(key), contentKey: key, ...read };
  }
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  const salt2 = randomBytes(16);
  const derived = await derivePassphraseKeys(key, options.passphrase, salt2, iterations);
  return {
    key: toBase64url(key),
    contentKey: derived.contentKey,
    ...read,
    passphrase: { salt: toBase64url(salt2), iterations, verifierHash: derived.verifierHash }
  };
}
function parseKey(fragment) {
  const key = fromBase64url(fragment.replace(/^#/, ""));
  if (key.length !== 32) throw new TypeError("the link key must be 32 bytes");
  return key;
}
async function open(ciphertext2, key, contentKey) {
  return decryptJwe(ciphertext2, contentKey ?? key);
}
var X25519_PKCS8_PREFIX = new Uint8Array([
  48,
  46,
  2,
  1,
  0,
  48,
  5,
  6,
  3,
  43,
  101,
  110,
  4,
  34,
  4,
  32
]);
function requestKeyId(publicKey) {
  return calculateJwkThumbprint({ kty: "OKP", crv: "X25519", x: publicKey }, "sha256");
}
async function deriveFillToken(publicKey) {
  const token = await hkdf(publicKey, LABELS.fillToken);
  return { fillToken: toBase64url(token), fillTokenHash: toBase64url(await sha256(token)) };
}
async function newRequestKeys() {
  const pair = await subtle().generateKey({ name: "X25519" }, true, [
    "deriveBits"
  ]);
  const jwk = await subtle().exportKey("jwk", pair.privateKey);
  if (typeof jwk.d !== "string" || typeof jwk.x !== "string")
    throw new TypeError("this platform exported no X25519 key");
  const { readTokenHash } = await deriveReadToken(fromBase64url(jwk.d));
  const { fillTokenHash } = await deriveFillToken(fromBase64url(jwk.x));
  return {
    key: jwk.d,
    publicKey: jwk.x,
    readTokenHash,
    fillTokenHash,
    keyId: await requestKeyId(jwk.x)
  };
}
async function requestPrivateKey(key) {
  const pkcs8 = new Uint8Array(X25519_PKCS8_PREFIX.length + key.length);
  pkcs8.set(X25519_PKCS8_PREFIX, 0);
  pkcs8.set(key, X25519_PKCS8_PREFIX.length);
  const imported = await subtle().importKey("pkcs8", pkcs8, { name: "X25519" }, true, [
    "deriveBits"
  ]);
  const { x } = await subtle().exportKey("jwk", imported);
  if (typeof x !== "string") throw new TypeError("this platform exported no X25519 public key");
  return { key: imported, publicKey: x };
}
function parsePublicKey(fragment) {
  const key = fromBase64url(fragment.replace(/^#/, ""));
  if (key.length !== 32) throw new TypeError("the request key must be 32 bytes");
  return key;
}
async function checkRequestKey(publicKey) {
  parsePublicKey(publicKey);
  try {
    const recipient = await subtle().importKey(
      "jwk",
      { kty: "OKP", crv: "X25519", x: publicKey.replace(/^#/, "") },
      { name: "X25519" },
      false,
      []
    );
    const probe = await subtle().generateKey({ name: "X25519" }, false, [
      "deriveBits"
    ]);
    await subtle().deriveBits({ name: "X25519", public: recipient }, probe.privateKey, 256);
  } catch {
    throw new TypeError("the request key is not a usable X25519 public key");
  }
}
async function sealForRequest(plaintext, publicKey) {
  const recipient = await subtle().importKey(
    "jwk",
    { kty: "OKP", crv: "X25519", x: publicKey },
    { name: "X25519" },
    true,
    []
  );
  return new CompactEncrypt(plaintext).setProtectedHeader({ ...REQUEST_HEADER, kid: await requestKeyId(publicKey) }).encrypt(recipient);
}
async function openRequestFill(jwe2, key) {
  const header = jwe2.split(".", 1)[0] ?? "";
  const problem = requestHeaderProblem(header);
  if (problem) throw new errors_exports2.JWEInvalid(`The ciphertext ${problem}.`);
  const own2 = await requestPrivateKey(key);
  const { kid } = JSON.parse(new TextDecoder().decode(fromBase64url(header)));
  if (kid !== await requestKeyId(own2.publicKey))
    throw new errors_exports2.JWEInvalid("The ciphertext is encrypted to another key.");
  const { plaintext } = await compactDecrypt(jwe2, own2.key, {
    keyManagementAlgorithms: [REQUEST_HEADER.alg],
    contentEncryptionAlgorithms: [REQUEST_HEADER.enc],
    maxDecompressedLength: 0
  });
  return plaintext;
}

// cli/exit.ts
var EXIT = {
  ok: 0,
  /** A doctor check failed, or something unexpected happened. */
  failed: 1,
  usage: 2,
  /** Unknown, expired, read or revoked: the API does not tell these apart (docs/design.md §3). */
  notFound: 3,
  /** Wrong or missing passphrase. */
  unauthorized: 4,
  /** Network, timeout, throttling or a 5xx: nothing was consumed. */
  unavailable: 5,
  /** A wrong passphrase that made five in a row: it destroyed the secret (a later try exits 3). */
  locked: 6,
  /** The sender set the secret to open later: nothing was read; run the command again then. */
  notYetOpen: 7,
  /** A request's retrieve link before anyone filled it: nothing was read; run `get` again later. */
  notFilled: 8,
  /** `fill` of a request that already holds a secret: this one was not stored. */
  alreadyFilled: 9
};
var exitName = (code) => Object.keys(EXIT).find((name) => EXIT[name] === code) ?? "failed";
var CliError = class extends Error {
  exitCode;
  constructor(exitCode, message2, options) {
    super(message2, options);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
};
var usage = (message2) => new CliError(EXIT.usage, message2);
function fromApiError(error, what = "secret") {
  if (error instanceof CliError) return error;
  if (error instanceof ApiUnreachableError) {
    return new CliError(
      EXIT.unavailable,
      `The SecretSentry API could not be reached (${networkCause(error)}).`,
      { cause: error }
    );
  }
  if (error instanceof NotAnApiError) {
    return new CliError(
      EXIT.usage,
      `This is not a SecretSentry API: the server answered HTTP ${error.status} without the API's answer. Check --api or SECRETSENTRY_API_URL (a deployed API URL, or http://HOST:PORT/api locally).`
    );
  }
  if (error instanceof KdfParamsError) {
    return new CliError(
      EXIT.unavailable,
      "The service sent passphrase settings outside the allowed bounds; they were not used and nothing was read. Try again later, or ask the sender to share the secret again.",
      { cause: error }
    );
  }
  if (error instanceof ApiError && error.code === "not_yet_open" && error.notBefore) {
    return notYetOpen(error.notBefore);
  }
  if (error instanceof ApiError && error.code === "not_filled") return notFilled();
  if (error instanceof ApiError && error.code === "already_filled") {
    return new CliError(
      EXIT.alreadyFilled,
      "This request has already been filled: it takes one secret, and this one was not stored. If it was not you who filled it, tell the person who asked: someone else did."
    );
  }
  if (error instanceof ApiError) {
    switch (error.status) {
      case 404:
        return new CliError(
          EXIT.notFound,
          `This ${what} does not exist or is gone (already read, revoked or expired).`
        );
      case 401:
        return wrongPassphrase(error);
      case 400:
      case 413:
      case 415:
        return new CliError(EXIT.usage, `The API refused the request: ${oneLine(error.message)}`);
      case 429:
        return new CliError(EXIT.unavailable, "The API is throttling requests; try again later.");
      default:
        return new CliError(
          EXIT.unavailable,
          error.code === "outcome_unknown" ? "The API did not confirm this attempt; it may have used up one read. Try again." : `The API failed (${error.status} ${error.code}); nothing was consumed.`
        );
    }
  }
  return new CliError(EXIT.failed, `Unexpected error: ${oneLine(String(error))}`);
}
function notYetOpen(notBefore, now = /* @__PURE__ */ new Date()) {
  const wait = Math.max(1, Math.ceil((Date.parse(notBefore) - now.getTime()) / 1e3));
  return new CliError(
    EXIT.notYetOpen,
    `This secret opens at ${notBefore} (in ${spellWait(wait)}); nothing was read. Run this again then.`
  );
}
var notFilled = () => new CliError(
  EXIT.notFilled,
  "This request has not been filled yet; nothing was read. Run this again once it is (`secretsentry check` tells without reading)."
);
function spellWait(seconds) {
  const parts = [];
  let rest = seconds;
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["min", 60],
    ["s", 1]
  ]) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || unit === "s" && parts.length === 0) parts.push(`${n} ${unit}`);
  }
  return parts.slice(0, 3).join(" ");
}
function wrongPassphrase(error) {
  if (error.code === "locked") {
    return new CliError(
      EXIT.locked,
      `Wrong passphrase. After ${LIMITS.maxFailedAttempts} wrong ones in a row the secret is now destroyed: ask the sender to share it again.`
    );
  }
  const left = error.code === "wrong_passphrase" ? error.attemptsLeft : void 0;
  if (left === void 0) {
    return new CliError(
      EXIT.unauthorized,
      `Wrong passphrase (after ${LIMITS.maxFailedAttempts} wrong tries in a row the secret is destroyed).`
    );
  }
  return new CliError(
    EXIT.unauthorized,
    left === 1 ? "Wrong passphrase. 1 try left: one more wrong passphrase destroys the secret." : `Wrong passphrase. ${left} tries left before the secret is destroyed.`
  );
}
var oneLine = (text) => text.replace(/\s+/g, " ").trim();
function networkCause(error) {
  let found = "network error";
  let cause = error;
  for (let depth = 0; cause instanceof Error && depth < 8; depth++) {
    const code = cause.code;
    if (typeof code === "string" && code !== "") found = code;
    else if (cause.name === "TimeoutError" || cause.name === "AbortError") found = "timed out";
    else if (/redirect/i.test(cause.message))
      found = "it answered with a redirect, which is refused";
    else if (depth > 0 && cause.message !== "fetch failed") found = oneLine(cause.message);
    cause = cause.cause;
  }
  return found;
}

// cli/terminal.ts
import { openSync, writeSync } from "node:fs";
import { ReadStream } from "node:tty";
var CTRL_C = "";
var CTRL_D = "";
var CTRL_U = "";
var ESC = "\x1B";
async function promptOnTerminal(question) {
  let fd;
  try {
    fd = openSync("/dev/tty", "r+");
  } catch {
    return void 0;
  }
  const input = new ReadStream(fd);
  input.setEncoding("utf8");
  try {
    input.setRawMode(true);
    writeSync(fd, question);
    return await new Promise((resolve, reject) => {
      const line = new HiddenLine();
      const cancel = () => reject(new CliError(EXIT.usage, "Cancelled."));
      input.on("data", (chunk) => {
        for (const char of chunk) {
          const outcome = line.take(char);
          if (outcome === "enter") return resolve(line.text);
          if (outcome === "cancel") return cancel();
        }
      });
      input.once("end", cancel);
      input.once("error", reject);
    });
  } finally {
    try {
      input.setRawMode(false);
      writeSync(fd, "\n");
    } catch {
    }
    input.destroy();
  }
}
var HiddenLine = class {
  text = "";
  escape = "none";
  take(char) {
    if (this.escape === "started") {
      this.escape = char === "[" || char === "O" ? "sequence" : "none";
      return void 0;
    }
    if (this.escape === "sequence") {
      if (char >= "@" && char <= "~") this.escape = "none";
      return void 0;
    }
    if (char === "\r" || char === "\n") return "enter";
    if (char === CTRL_C || char === CTRL_D && this.text === "") return "cancel";
    if (char === ESC) this.escape = "started";
    else if (char === "\x7F" || char === "\b") this.text = [...this.text].slice(0, -1).join("");
    else if (char === CTRL_U) this.text = "";
    else if (char >= " ") this.text += char;
    return void 0;
  }
};
function forTerminal(text) {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`
  );
}
function decodeText(bytes) {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.includes("\0") ? void 0 : text;
  } catch {
    return void 0;
  }
}

// cli/io.ts
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";

// core/body-format.ts
var BODY_LABEL = "secretsentry file body v1";
var BODY_KEY_BYTES = 16;
var SALT_BYTES = 16;
var HEADER_BYTES = SALT_BYTES + 4 + 1;
var RECORD_OVERHEAD = 17;
var MIN_RECORD_SIZE = RECORD_OVERHEAD + 1;
var DEFAULT_RECORD_SIZE = 65536;
var MAX_RECORD_SIZE = 1048576;
var encoder3 = new TextEncoder();
async function deriveBodyKey(key) {
  if (key.length !== 32) throw new TypeError("the content key must be 32 bytes");
  const hkdfKey = await globalThis.crypto.subtle.importKey(
    "raw",
    key,
    "HKDF",
    false,
    ["deriveBits"]
  );
  const bits = await globalThis.crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder3.encode(BODY_LABEL) },
    hkdfKey,
    BODY_KEY_BYTES * 8
  );
  return new Uint8Array(bits);
}
function encryptedBodyLength(plainLength, recordSize = DEFAULT_RECORD_SIZE) {
  if (!Number.isSafeInteger(plainLength) || plainLength < 0) {
    throw new RangeError("the plaintext length must be a non-negative integer");
  }
  checkRecordSize(recordSize);
  const records = Math.max(1, Math.ceil(plainLength / (recordSize - RECORD_OVERHEAD)));
  return HEADER_BYTES + plainLength + records * RECORD_OVERHEAD;
}
function plainLengthOf(bodyLength, recordSize = DEFAULT_RECORD_SIZE) {
  checkRecordSize(recordSize);
  const data = bodyLength - HEADER_BYTES;
  if (!Number.isSafeInteger(data) || data < RECORD_OVERHEAD) return void 0;
  const records = Math.ceil(data / recordSize);
  const plain = data - records * RECORD_OVERHEAD;
  return plain >= 0 && encryptedBodyLength(plain, recordSize) === bodyLength ? plain : void 0;
}
function checkRecordSize(recordSize) {
  if (!Number.isInteger(recordSize) || recordSize < MIN_RECORD_SIZE || recordSize > MAX_RECORD_SIZE) {
    throw new RangeError(`the record size must be ${MIN_RECORD_SIZE}..${MAX_RECORD_SIZE}`);
  }
}

// core/files.ts
var MAX_NAME_CHARS = 255;
var DEFAULT_TYPE = "application/octet-stream";
var MEDIA_TYPE = /^[A-Za-z0-9][\w!#$&^.+-]{0,126}\/[A-Za-z0-9][\w!#$&^.+-]{0,126}$/;
var ManifestError = class extends Error {
  constructor(message2) {
    super(message2);
    this.name = "ManifestError";
  }
};
function safeFileName(name) {
  let safe = name.normalize("NFC").replace(/^.*[/\\]/, "").replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "_").replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(safe)) safe = `_${safe}`;
  if ([...safe].length > MAX_NAME_CHARS) {
    const dot = safe.lastIndexOf(".");
    const extension = dot > 0 && safe.length - dot <= 16 ? safe.slice(dot) : "";
    safe = [...safe].slice(0, MAX_NAME_CHARS - [...extension].length).join("") + extension;
  }
  return safe === "" ? "file" : safe;
}
function safeMediaType(type) {
  const bare = (type ?? "").split(";")[0].trim().toLowerCase();
  return MEDIA_TYPE.test(bare) ? bare : DEFAULT_TYPE;
}
async function sealManifest(manifest, contentKey) {
  const clean = {
    name: safeFileName(manifest.name),
    type: safeMediaType(manifest.type),
    size: manifest.size
  };
  return encryptJwe(new TextEncoder().encode(JSON.stringify(clean)), contentKey);
}
async function openManifest(jwe2, contentKey, plainSize) {
  let value;
  try {
    value = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(await decryptJwe(jwe2, contentKey))
    );
  } catch {
    throw new ManifestError("The file description could not be decrypted with this link.");
  }
  if (typeof value !== "object" || value === null) {
    throw new ManifestError("The file description is not valid.");
  }
  const { name, type, size } = value;
  if (typeof name !== "string" || typeof type !== "string" || typeof size !== "number") {
    throw new ManifestError("The file description is not valid.");
  }
  if (!Number.isSafeInteger(size) || size < 0 || size !== plainSize) {
    throw new ManifestError("The file description does not match the stored file.");
  }
  return { name: safeFileName(name), type: safeMediaType(type), size };
}

// core/links.ts
var PREFIX = { secret: "s", manage: "m", fill: "f" };
var KIND_OF = { s: "secret", m: "manage", f: "fill" };
function buildLink(kind, origin, id, credential) {
  return `${origin.replace(/\/+$/, "")}/${PREFIX[kind]}/${id}#${credential}`;
}
function parseLink(link, options = {}) {
  let url3;
  try {
    url3 = new URL(link.trim());
  } catch {
    throw new TypeError("That is not a SecretSentry link.");
  }
  const match = /^(.*)\/(s|m|f)\/([A-Za-z0-9_-]{22})\/?$/.exec(url3.pathname);
  const credential = url3.hash.replace(/^#/, "");
  if (!match || credential === "" && !options.keyless) {
    throw new TypeError("That is not a complete SecretSentry link (it needs the part after #).");
  }
  return {
    kind: KIND_OF[match[2] ?? "s"] ?? "secret",
    origin: url3.origin + (match[1] ?? ""),
    id: match[3] ?? "",
    credential
  };
}

// core/flows.ts
var SecretTooLargeError = class extends Error {
  constructor() {
    super(`The secret is too large (at most ${LIMITS.secretBytes / 1024} KiB).`);
    this.name = "SecretTooLargeError";
  }
};
var UndecryptableError = class extends Error {
  constructor() {
    super("The secret could not be decrypted with this link.");
    this.name = "UndecryptableError";
  }
};
async function shareSecret(client, input) {
  const plaintext = typeof input.secret === "string" ? new TextEncoder().encode(input.secret) : input.secret;
  if (plaintext.length > LIMITS.secretBytes) throw new SecretTooLargeError();
  const withPassphrase = input.passphrase !== void 0 && input.passphrase !== "";
  input.onStep?.("sealing");
  const { contentKey, ...sealed2 } = await newSecretKeys(
    withPassphrase ? { passphrase: input.passphrase } : {}
  );
  const ciphertext2 = await encryptJwe(plaintext, contentKey);
  const links = await linksFor(sealed2, input);
  input.onStep?.("storing");
  const created2 = await client.create({
    ciphertext: ciphertext2,
    ...links.fields,
    ...input.ttlSeconds === void 0 ? {} : { ttlSeconds: input.ttlSeconds },
    ...sealed2.passphrase ? { passphrase: sealed2.passphrase } : {},
    ...input.hidden ? { hidden: true } : {},
    ...input.notBefore === void 0 ? {} : { notBefore: input.notBefore.toISOString() },
    ...input.webhookUrl === void 0 ? {} : { webhook: { url: input.webhookUrl } }
  });
  return {
    id: created2.id,
    ...links.build(input.pageOrigin, created2.id, created2.manageToken),
    expiresAt: created2.expiresAt,
    ...created2.notBefore === void 0 ? {} : { notBefore: created2.notBefore },
    ...created2.webhookSecret === void 0 ? {} : { webhookSecret: created2.webhookSecret },
    maxReads: created2.maxReads,
    protectedByPassphrase: withPassphrase
  };
}
async function linksFor(keys, input) {
  if (!input.recipients) {
    return {
      fields: {
        readTokenHash: keys.readTokenHash,
        ...input.maxReads === void 0 ? {} : { maxReads: input.maxReads }
      },
      build: (pageOrigin, id, manageToken) => ({
        link: buildLink("secret", pageOrigin, id, keys.key),
        key: keys.key,
        manageLink: buildLink("manage", pageOrigin, id, manageToken)
      })
    };
  }
  const { min, max } = LIMITS.recipients;
  if (input.recipients.length < min || input.recipients.length > max)
    throw new RangeError(`a secret has ${min} to ${max} recipients`);
  const links = await recipientLinks(parseKey(keys.key), input.recipients);
  return {
    fields: { recipients: links.declared },
    build: (pageOrigin, id, manageToken) => {
      const recipients = links.shared.map(({ token, ...link }) => ({
        ...link,
        link: buildLink("secret", pageOrigin, id, `${keys.key}.${token}`)
      }));
      const manageSecret = links.labelKey ? `${manageToken}.${links.labelKey}` : manageToken;
      return {
        link: recipients[0]?.link ?? "",
        key: keys.key,
        manageLink: buildLink("manage", pageOrigin, id, manageSecret),
        recipients
      };
    }
  };
}
async function recipientLinks(key, recipients) {
  const labelled = recipients.some((r) => r.label !== void 0 && r.label !== "");
  const labelKey = labelled ? randomBytes(32) : void 0;
  const made = await Promise.all(
    recipients.map(async (recipient, index) => {
      const keys = await newRecipientKeys(key);
      const label = labelKey && recipient.label ? await sealLabel(recipient.label, labelKey) : void 0;
      const maxReads = recipient.maxReads ?? LIMITS.maxReads.default;
      return {
        declared: {
          readTokenHash: keys.readTokenHash,
          ...recipient.maxReads === void 0 ? {} : { maxReads: recipient.maxReads },
          ...label === void 0 ? {} : { label }
        },
        shared: {
          index,
          ...recipient.label ? { label: recipient.label } : {},
          maxReads,
          token: keys.recipientToken
        }
      };
    })
  );
  return {
    declared: made.map((m) => m.declared),
    shared: made.map((m) => m.shared),
    ...labelKey ? { labelKey: toBase64url(labelKey) } : {}
  };
}
async function openReceipt(client, link) {
  const { manageToken, labelKey } = parseManageSecret(link.credential);
  const receipt2 = await client.receipt(link.id, manageToken);
  if (!receipt2.recipients) return receipt2;
  const recipients = await Promise.all(
    receipt2.recipients.map(async ({ label, ...rest }) => {
      if (label === void 0 || !labelKey) return rest;
      const opened = await openLabel(label, labelKey).catch(() => void 0);
      return opened === void 0 ? rest : { ...rest, label: opened };
    })
  );
  return { ...receipt2, recipients };
}
async function prepareReveal(client, link) {
  const secret = parseLinkSecret(link.credential);
  const { readToken } = await linkReadToken(secret);
  const meta3 = await client.meta(link.id, readToken);
  if (meta3.passphrase) checkKdfParams(meta3.passphrase);
  return { id: link.id, key: secret.key, readToken, meta: meta3 };
}
async function revealSecret(client, secret, options = {}) {
  if (secret.meta.passphrase) options.onStep?.("unlocking");
  const { contentKey, verifier } = await unlock(
    secret.key,
    secret.meta.passphrase,
    options.passphrase ?? ""
  );
  options.onStep?.("reading");
  const read = await client.read(secret.id, secret.readToken, verifier);
  const access = {
    id: secret.id,
    readToken: secret.readToken,
    ...verifier === void 0 ? {} : { verifier }
  };
  const key = contentKey ?? secret.key;
  if ("manifest" in read) {
    let manifest;
    try {
      manifest = await openManifest(read.manifest, key, plainLengthOf(read.bodyBytes));
    } catch {
      throw new UndecryptableError();
    }
    return {
      kind: "file",
      manifest,
      remainingReads: read.remainingReads,
      expiresAt: read.expiresAt,
      downloadExpiresAt: read.download.expiresAt,
      download: {
        url: read.download.url,
        bodyBytes: read.bodyBytes,
        key: await deriveBodyKey(key)
      },
      access
    };
  }
  let plaintext;
  try {
    plaintext = secret.meta.kind === "request" ? await openRequestFill(read.ciphertext, secret.key) : await open(read.ciphertext, secret.key, contentKey);
  } catch {
    throw new UndecryptableError();
  }
  return {
    kind: "text",
    plaintext,
    remainingReads: read.remainingReads,
    expiresAt: read.expiresAt,
    access
  };
}
async function destroyRevealed(client, access) {
  await client.destroy(access.id, access.readToken, access.verifier);
}
async function requestSecret(client, input) {
  const keys = await newRequestKeys();
  const created2 = await client.create({
    request: { fillTokenHash: keys.fillTokenHash, keyId: keys.keyId },
    readTokenHash: keys.readTokenHash,
    ...input.ttlSeconds === void 0 ? {} : { ttlSeconds: input.ttlSeconds }
  });
  return {
    id: created2.id,
    fillLink: buildLink("fill", input.pageOrigin, created2.id, keys.publicKey),
    retrieveLink: buildLink("secret", input.pageOrigin, created2.id, keys.key),
    manageLink: buildLink("manage", input.pageOrigin, created2.id, created2.manageToken),
    expiresAt: created2.expiresAt
  };
}
async function fillSecretRequest(client, link, secret, options = {}) {
  const publicKey = parsePublicKey(link.credential);
  await checkRequestKey(link.credential);
  const plaintext = typeof secret === "string" ? new TextEncoder().encode(secret) : secret;
  if (plaintext.length > LIMITS.secretBytes) throw new SecretTooLargeError();
  options.onStep?.("sealing");
  const ciphertext2 = await sealForRequest(plaintext, link.credential.replace(/^#/, ""));
  const { fillToken } = await deriveFillToken(publicKey);
  options.onStep?.("storing");
  const answer2 = await client.fill(link.id, fillToken, ciphertext2);
  return { id: answer2.id, expiresAt: answer2.expiresAt };
}

// cli/io.ts
var SHARE_A_FILE = "Save it to a file and share that with --file (up to 1 GiB).";
var tooLarge = (advice) => usage(`${new SecretTooLargeError().message} ${advice}`);
async function readAll(stream, advice = SHARE_A_FILE) {
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buffer.length;
    if (size > LIMITS.secretBytes) throw tooLarge(advice);
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
async function readSecret(io, file, tooLargeAdvice = SHARE_A_FILE) {
  let bytes;
  if (file !== void 0) {
    try {
      bytes = await readAll(file === "-" ? io.stdin : createReadStream(file), tooLargeAdvice);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw usage(
        `Cannot read --file ${file}: ${error.code ?? "error"}.`
      );
    }
    if (bytes.length > LIMITS.secretBytes) throw tooLarge(tooLargeAdvice);
  } else {
    if (io.stdin.isTTY) {
      const typed = await io.prompt("Secret (input hidden): ");
      if (typed === void 0) {
        throw usage(
          "Pipe the secret on stdin or give --file; secrets are never taken from arguments."
        );
      }
      bytes = new TextEncoder().encode(typed);
    } else {
      const piped = await readAll(io.stdin, tooLargeAdvice);
      bytes = decodeText(piped) === void 0 ? piped : stripNewline(piped);
    }
  }
  if (bytes.length === 0) throw usage("The secret is empty: nothing to share.");
  return bytes;
}
function stripNewline(bytes) {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 10) end -= 1;
  if (end > 0 && bytes[end - 1] === 13 && end < bytes.length) end -= 1;
  return bytes.subarray(0, end);
}
async function readPassphraseFile(file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw usage(
      `Cannot read --passphrase-file ${file}: ${error.code ?? "error"}.`
    );
  }
  const line = text.split(/\r?\n/, 1)[0] ?? "";
  if (line === "") throw usage(`--passphrase-file ${file} is empty.`);
  return line;
}
async function resolvePassphrase(io, options) {
  if (options.passphraseFile !== void 0) return readPassphraseFile(options.passphraseFile);
  const fromEnv = io.env.SECRETSENTRY_PASSPHRASE?.replace(/\r?\n$/, "");
  if (fromEnv !== void 0 && fromEnv !== "") return fromEnv;
  if (!options.prompt) return void 0;
  const first = await io.prompt("Passphrase: ");
  if (first === void 0) throw options.missing;
  if (first === "") throw usage("The passphrase is empty.");
  if (options.confirm) {
    const second = await io.prompt("Passphrase again: ");
    if (second !== first) throw usage("The two passphrases differ.");
  }
  return first;
}
async function write(stream, data) {
  await new Promise((resolve, reject) => {
    stream.write(data, (error) => error ? reject(error) : resolve());
  });
}
async function writeLabelled(io, lines, last) {
  if (io.stderr.isTTY && io.stdout.isTTY) {
    for (const [label, line] of lines) {
      await write(io.stderr, `${label}
`);
      await write(io.stdout, `${line}
`);
    }
    await write(io.stderr, `${last}
`);
    return;
  }
  await write(io.stdout, lines.map(([, line]) => line).join("\n") + "\n");
  if (io.stderr.isTTY) {
    const told = lines.map(([label], i) => `Line ${i + 1}: ${label}`).join("\n");
    await write(io.stderr, `${told}
${last}
`);
  }
}

export {
  LIMITS,
  ApiError,
  createApiClient,
  parseLinkSecret,
  parseManageSecret,
  newSecretKeys,
  checkRequestKey,
  EXIT,
  exitName,
  CliError,
  usage,
  fromApiError,
  notYetOpen,
  notFilled,
  oneLine,
  networkCause,
  promptOnTerminal,
  forTerminal,
  decodeText,
  BODY_KEY_BYTES,
  SALT_BYTES,
  HEADER_BYTES,
  RECORD_OVERHEAD,
  MIN_RECORD_SIZE,
  DEFAULT_RECORD_SIZE,
  MAX_RECORD_SIZE,
  deriveBodyKey,
  encryptedBodyLength,
  checkRecordSize,
  safeFileName,
  sealManifest,
  parseLink,
  SecretTooLargeError,
  UndecryptableError,
  shareSecret,
  linksFor,
  openReceipt,
  prepareReveal,
  revealSecret,
  destroyRevealed,
  requestSecret,
  fillSecretRequest,
  readSecret,
  resolvePassphrase,
  write,
  writeLabelled
};
