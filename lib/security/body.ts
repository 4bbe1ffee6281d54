// The body of a state-changing request, checked by proxy.ts before any page, action or
// route sees it, so that a malformed body gets a 4xx with a French message instead of
// reaching Next's server-action decoder (which answers 500 to anything it cannot read,
// including a body over its size limit sent without Content-Length):
//  - larger than MAX_BODY_BYTES (counted, not trusted from Content-Length) → 413;
//  - a form (urlencoded or multipart) that cannot be read, with a NUL byte in a field name
//    or value, a field repeated without the "[]" suffix (parameter pollution), or more
//    than MAX_FORM_FIELDS fields → 400;
//  - JSON (a server action's encoded arguments, an application/json body, or the JSON
//    fields of a multipart action call) that does not parse, nests deeper than MAX_DEPTH or
//    carries a NUL character → 400;
//  - a server-action call whose body is neither a form nor React's text encoding (any other
//    or no Content-Type: Next would try to decode it as arguments and answer 500) → 415,
//    and one with no body at all → 400.
// Pure apart from parsing the form with the platform's Request: proxy.ts gives it the bytes.
import { MAX_BODY_BYTES, type Refusal } from "./requests";

/** Deeper than any argument the portal's forms send (a form state is 3 levels deep). */
export const MAX_DEPTH = 32;
/** More fields than any form of the portal has (see MAX_FORM_FIELDS in lib/actions.ts). */
export const MAX_FORM_FIELDS = 5000;

const NOTHING_SAVED = "Rien n'a été enregistré.";

export const BODY_REFUSALS = {
  tooLarge: `Le contenu envoyé est trop volumineux (plus de ${MAX_BODY_BYTES / 1024 / 1024} Mo). ${NOTHING_SAVED}`,
  unreadable: `Le formulaire envoyé est illisible. ${NOTHING_SAVED}`,
  nul: `Le formulaire envoyé contient un caractère nul, qui n'est pas accepté. ${NOTHING_SAVED}`,
  repeated: `Le formulaire envoyé contient un même champ plusieurs fois. ${NOTHING_SAVED}`,
  tooManyFields: `Le formulaire envoyé contient trop de champs. ${NOTHING_SAVED}`,
  tooDeep: `Le contenu envoyé est trop profondément imbriqué. ${NOTHING_SAVED}`,
  badJson: `Le contenu envoyé n'est pas du JSON valide. ${NOTHING_SAVED}`,
  wrongType: `Le type du contenu envoyé n'est pas accepté par ce formulaire. ${NOTHING_SAVED}`,
} as const;

/** What a browser sends to a server action: a form, or React's arguments as text. */
const ACTION_TYPES = new Set(["multipart/form-data", "application/x-www-form-urlencoded", "text/plain"]);

export type BodyFacts = {
  contentType: string | null;
  /** True for a server-action call (`Next-Action` header): its text body is JSON. */
  isAction: boolean;
  body: Uint8Array;
};

const refuse = (status: Refusal["status"], message: string): Refusal => ({ status, message });

export async function inspectBody({ contentType, isAction, body }: BodyFacts): Promise<Refusal | null> {
  if (body.byteLength > MAX_BODY_BYTES) return refuse(413, BODY_REFUSALS.tooLarge);
  // A server-action call always carries its arguments: an empty one cannot be decoded.
  if (body.byteLength === 0) return isAction ? refuse(400, BODY_REFUSALS.unreadable) : null;
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (isAction && !ACTION_TYPES.has(type)) return refuse(415, BODY_REFUSALS.wrongType);

  if (type === "application/x-www-form-urlencoded" || type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Request("http://body.invalid/", {
        method: "POST",
        headers: { "content-type": contentType ?? "" },
        body: body as BodyInit,
      }).formData();
    } catch {
      return refuse(400, BODY_REFUSALS.unreadable);
    }
    return inspectForm(form);
  }
  if (type === "application/json" || (isAction && type === "text/plain")) {
    return inspectJson(new TextDecoder().decode(body));
  }
  return null;
}

/** A form's fields: see the header. Files are not inspected (no NUL check on binary). */
export function inspectForm(form: FormData): Refusal | null {
  const seen = new Set<string>();
  let count = 0;
  for (const [key, value] of form.entries()) {
    if (++count > MAX_FORM_FIELDS) return refuse(400, BODY_REFUSALS.tooManyFields);
    if (key.includes("\u0000")) return refuse(400, BODY_REFUSALS.nul);
    if (!key.endsWith("[]")) {
      if (seen.has(key)) return refuse(400, BODY_REFUSALS.repeated);
      seen.add(key);
    }
    if (typeof value !== "string") continue;
    if (value.includes("\u0000")) return refuse(400, BODY_REFUSALS.nul);
    // React sends a server action's arguments as JSON in fields named by a number ("0",
    // "1"…) or, without JavaScript, "$ACTION_1:0".
    if (/^(\d+|\$ACTION_\d+:\d+)$/.test(key)) {
      const refusal = inspectJson(value);
      if (refusal) return refusal;
    }
  }
  return null;
}

/** JSON text: parses, nests at most MAX_DEPTH deep, no NUL character once decoded. */
export function inspectJson(text: string): Refusal | null {
  if (jsonDepth(text) > MAX_DEPTH) return refuse(400, BODY_REFUSALS.tooDeep);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse(400, BODY_REFUSALS.badJson);
  }
  return hasNul(value) ? refuse(400, BODY_REFUSALS.nul) : null;
}

/**
 * The deepest nesting of arrays and objects, counted on the text before parsing (so a
 * hostile body never reaches a recursive parser or reviver). Brackets inside strings do
 * not count.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return max;
}

function hasNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.includes("\u0000")) return true;
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes("\u0000")) return true;
        stack.push(x);
      }
    }
  }
  return false;
}
