import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { BODY_REFUSALS, inspectBody, jsonDepth, MAX_DEPTH, MAX_FORM_FIELDS } from "./body";
import { MAX_BODY_BYTES } from "./requests";

const enc = (s: string) => new TextEncoder().encode(s);
const urlencoded = "application/x-www-form-urlencoded";
const inspect = (body: string | Uint8Array, contentType: string | null = urlencoded, isAction = true) =>
  inspectBody({ contentType, isAction, body: typeof body === "string" ? enc(body) : body });

async function multipart(form: FormData) {
  const req = new Request("http://x/", { method: "POST", body: form });
  return { contentType: req.headers.get("content-type"), body: new Uint8Array(await req.arrayBuffer()) };
}

// React's encoding of `formAction(prevState, formData)`: the arguments as JSON in "0", the
// form's own fields prefixed with the FormData's id.
function actionCall(fields: Array<[string, string]>) {
  const form = new FormData();
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  for (const [k, v] of fields) form.append(`1_${k}`, v);
  return multipart(form);
}

describe("bodies checked before any action runs", () => {
  it("lets the portal's real forms through: a server-action call, a plain form, JSON", async () => {
    const call = await actionCall([
      ["id", "5f0e2a8e-0000-4000-8000-000000000000"],
      ["uoTypeId[]", "a"],
      ["uoTypeId[]", "b"],
      ["deliverables", "Texte avec [crochets] { et accolades } et\nretours à la ligne"],
    ]);
    expect(await inspectBody({ ...call, isAction: true })).toBeNull();
    expect(await inspect("csrfToken=abc&callbackUrl=%2Fcommandes&json=true", urlencoded, false)).toBeNull();
    expect(await inspect('[{"status":"idle"},"x"]', "text/plain;charset=UTF-8")).toBeNull();
    expect(await inspect("", null, false)).toBeNull();
  });

  it("refuses a body over the limit by its real size (no Content-Length needed): 413", async () => {
    const big = new Uint8Array(MAX_BODY_BYTES + 1).fill(97);
    expect(await inspect(big)).toEqual({ status: 413, message: BODY_REFUSALS.tooLarge });
    expect(
      await inspect(new Uint8Array(MAX_BODY_BYTES).fill(97), "application/octet-stream", false),
    ).toBeNull();
  });

  it("refuses NUL bytes in a field, a field name or JSON arguments: 400 in French", async () => {
    expect(await inspect("title=a%00b")).toEqual({ status: 400, message: BODY_REFUSALS.nul });
    expect(await inspect("ti%00tle=ab")).toEqual({ status: 400, message: BODY_REFUSALS.nul });
    const call = await actionCall([["title", "a\u0000b"]]);
    expect(await inspectBody({ ...call, isAction: true })).toEqual({
      status: 400,
      message: BODY_REFUSALS.nul,
    });
    expect(await inspect('["a\\u0000b"]', "text/plain")).toEqual({ status: 400, message: BODY_REFUSALS.nul });
    expect(await inspect('{"a\\u0000":1}', "application/json", false)).toEqual({
      status: 400,
      message: BODY_REFUSALS.nul,
    });
  });

  it("refuses a repeated field unless it is a list (name[]): 400", async () => {
    expect(await inspect("id=1&id=2")).toEqual({ status: 400, message: BODY_REFUSALS.repeated });
    expect(await inspect("id[]=1&id[]=2")).toBeNull();
    const call = await actionCall([
      ["id", "a"],
      ["id", "b"],
    ]);
    expect(await inspectBody({ ...call, isAction: true })).toEqual({
      status: 400,
      message: BODY_REFUSALS.repeated,
    });
  });

  it("refuses deeply nested data wherever JSON is read: 400", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    expect(await inspect(deep, "text/plain;charset=UTF-8")).toEqual({
      status: 400,
      message: BODY_REFUSALS.tooDeep,
    });
    expect(await inspect(deep, "application/json", false)).toEqual({
      status: 400,
      message: BODY_REFUSALS.tooDeep,
    });
    const form = new FormData();
    form.append("0", deep);
    const call = await multipart(form);
    expect(await inspectBody({ ...call, isAction: true })).toEqual({
      status: 400,
      message: BODY_REFUSALS.tooDeep,
    });
    // …but brackets typed in a text field are just text.
    expect(await inspect(`deliverables=${encodeURIComponent(deep)}`)).toBeNull();
  });

  it("refuses unreadable JSON arguments, an unreadable multipart body and too many fields", async () => {
    expect(await inspect("{not json", "text/plain")).toEqual({ status: 400, message: BODY_REFUSALS.badJson });
    expect(await inspect("--x\r\ngarbage", "multipart/form-data; boundary=x")).toEqual({
      status: 400,
      message: BODY_REFUSALS.unreadable,
    });
    const many = Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i) => `f${i}=1`).join("&");
    expect(await inspect(many)).toEqual({ status: 400, message: BODY_REFUSALS.tooManyFields });
  });

  it("refuses a server-action call sent with another content type (415), whatever its body", async () => {
    const refused = { status: 415, message: BODY_REFUSALS.wrongType };
    const args = '[{"status":"idle"},"x"]';
    expect(await inspect(args, "application/xml")).toEqual(refused);
    expect(await inspect(args, "application/octet-stream")).toEqual(refused);
    expect(await inspect(args, "application/json")).toEqual(refused);
    expect(await inspect(args, null)).toEqual(refused);
    expect(await inspect("", "text/plain")).toEqual({ status: 400, message: BODY_REFUSALS.unreadable });
    // The same types are fine for what is not an action call (e.g. the sign-in provider).
    expect(await inspect(args, "application/json", false)).toBeNull();
    expect(await inspect("<a/>", "application/xml", false)).toBeNull();
  });

  it("counts nesting outside strings only", () => {
    expect(jsonDepth('[{"a":[1,2]}]')).toBe(3);
    expect(jsonDepth('["[[[[[[", "\\"[[["]')).toBe(1);
    expect(jsonDepth("[".repeat(MAX_DEPTH + 1))).toBe(MAX_DEPTH + 1);
  });

  it("Next hands the proxy enough of the body to see it is too large, and accepts what the proxy accepts", () => {
    // Next drops the chunk that passes its copy limit: the margin must exceed a network chunk.
    expect(Number(nextConfig.experimental?.proxyClientMaxBodySize)).toBeGreaterThanOrEqual(
      MAX_BODY_BYTES + 1024 * 1024,
    );
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(MAX_BODY_BYTES);
  });
});
