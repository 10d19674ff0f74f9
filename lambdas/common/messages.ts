// What the queue consumers (the reaper, the webhook sender) share: a message body is anyone's text
// until it parses as one JSON object; each then checks its own fields.

/** The body as a JSON object, or undefined when it is not JSON or not an object. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return value as Record<string, unknown>;
}
