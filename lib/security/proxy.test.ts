// The proxy (proxy.ts) in front of every server action and route handler, called as Next
// calls it: a malformed or oversized body gets a 4xx with a French message and the request
// id — a 10 MB field, NUL bytes, deeply nested data, repeated parameters, a broken
// multipart body, a wrong content type — never reaching Next's action decoder (which
// answers 500 to what it cannot read). The id shown is the one the server's log line
// carries. A proper action call goes through untouched.
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";
import { MAX_BODY_BYTES } from "./requests";

const ORIGIN = "http://localhost:3000";
const ACTION_ID = "7f3c0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c";

let logged: string[];
beforeEach(() => {
  logged = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s) => logged.push(String(s)) > 0);
  vi.spyOn(process.stderr, "write").mockImplementation((s) => logged.push(String(s)) > 0);
});
afterEach(() => vi.restoreAllMocks());

type Send = {
  body: BodyInit | null;
  contentType?: string | null;
  path?: string;
  action?: boolean;
  /** Stream the body (no Content-Length), as a forged client may. */
  chunked?: boolean;
};

function send({ body, contentType, path = "/commandes/nouvelle", action = true, chunked = false }: Send) {
  const headers = new Headers({ origin: ORIGIN });
  if (action) headers.set("next-action", ACTION_ID);
  let sent: BodyInit | null = body;
  if (chunked && typeof body === "string") {
    const bytes = new TextEncoder().encode(body);
    sent = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 1024 * 1024) c.enqueue(bytes.subarray(i, i + 1024 * 1024));
        c.close();
      },
    });
  }
  const request = new NextRequest(`${ORIGIN}${path}`, {
    method: "POST",
    headers,
    body: sent,
    ...(chunked ? { duplex: "half" } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
  // Set after construction: a FormData or string body sets its own type otherwise.
  if (contentType !== undefined) {
    if (contentType === null) request.headers.delete("content-type");
    else request.headers.set("content-type", contentType);
  }
  return proxy(request);
}

/** React's encoding of formAction(prevState, formData) in a multipart body. */
function actionForm(fields: Record<string, string>) {
  const form = new FormData();
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  for (const [k, v] of Object.entries(fields)) form.append(`1_${k}`, v);
  return form;
}

async function expectRefused(res: Response, status: number, message: RegExp) {
  expect(res.status).toBe(status);
  const text = await res.text();
  expect(text).toMatch(message);
  expect(text).toMatch(/Rien n'a été enregistré/);
  expect(text).not.toMatch(/\bat .+:\d+:\d+|Error:|node_modules/); // no stack trace
  const requestId = res.headers.get("x-request-id");
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(text).toContain(`Identifiant de la requête : ${requestId}`);
  // The server log carries the same id, in one JSON line.
  const lines = logged.join("").split("\n").filter(Boolean);
  const line = lines.map((l) => JSON.parse(l)).find((l) => l.requestId === requestId);
  expect(line).toMatchObject({ level: "warn", event: "request.refused", status, method: "POST" });
  return text;
}

describe("malformed bodies are refused by the proxy, in French, with the request id", () => {
  it("lets a proper server-action call through", async () => {
    const res = await send({ body: actionForm({ billingAddress: "1 rue de Test\n75001 Paris" }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(logged.join("")).not.toContain("request.refused");
  });

  it("a 10 MB field, with or without Content-Length → 413", async () => {
    const big = "a".repeat(10 * 1024 * 1024);
    const form = new URLSearchParams({ billingAddress: big }).toString();
    await expectRefused(
      await send({ body: form, contentType: "application/x-www-form-urlencoded" }),
      413,
      /trop volumineux/,
    );
    await expectRefused(
      await send({ body: JSON.stringify([big]), contentType: "text/plain;charset=UTF-8", chunked: true }),
      413,
      /trop volumineux/,
    );
    expect(10 * 1024 * 1024).toBeGreaterThan(MAX_BODY_BYTES);
  });

  it("NUL bytes in a field, a field name or the arguments → 400", async () => {
    await expectRefused(
      await send({ body: actionForm({ billingAddress: "1 rue\u0000de Test" }) }),
      400,
      /nul/,
    );
    await expectRefused(await send({ body: actionForm({ "bill\u0000ing": "x" }) }), 400, /nul/);
    await expectRefused(
      await send({ body: '[{"status":"idle"},"a\\u0000b"]', contentType: "text/plain;charset=UTF-8" }),
      400,
      /nul/,
    );
  });

  it("deeply nested data, in the arguments or a JSON body → 400", async () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    await expectRefused(await send({ body: deep, contentType: "text/plain;charset=UTF-8" }), 400, /imbriqué/);
    const form = new FormData();
    form.append("0", deep);
    await expectRefused(await send({ body: form }), 400, /imbriqué/);
    // A route handler's JSON body too (not an action call).
    await expectRefused(
      await send({
        body: deep,
        contentType: "application/json",
        path: "/api/auth/callback/x",
        action: false,
      }),
      400,
      /imbriqué/,
    );
  });

  it("repeated parameters → 400", async () => {
    await expectRefused(
      await send({ body: "creationKey=a&creationKey=b", contentType: "application/x-www-form-urlencoded" }),
      400,
      /même champ plusieurs fois/,
    );
    const form = actionForm({ version: "1" });
    form.append("1_version", "2");
    await expectRefused(await send({ body: form }), 400, /même champ plusieurs fois/);
  });

  it("a broken multipart body (no boundary, cut short) → 400", async () => {
    await expectRefused(
      await send({ body: "--x\r\ngarbage", contentType: "multipart/form-data; boundary=x" }),
      400,
      /illisible/,
    );
    await expectRefused(
      await send({ body: "0=%5B%5D", contentType: "multipart/form-data" }),
      400,
      /illisible/,
    );
    const whole = await new Request(ORIGIN, { method: "POST", body: actionForm({ a: "b" }) });
    const type = whole.headers.get("content-type") as string;
    const bytes = new Uint8Array(await whole.arrayBuffer());
    await expectRefused(
      await send({ body: bytes.subarray(0, bytes.length - 20), contentType: type }),
      400,
      /illisible/,
    );
  });

  it("a server-action call with a wrong content type, or none → 415", async () => {
    const args = '[{"status":"idle"},"$K1"]';
    await expectRefused(await send({ body: args, contentType: "application/xml" }), 415, /type du contenu/);
    await expectRefused(await send({ body: args, contentType: "application/json" }), 415, /type du contenu/);
    await expectRefused(await send({ body: args, contentType: null }), 415, /type du contenu/);
    // No body at all: nothing Next could decode.
    await expectRefused(
      await send({ body: null, contentType: "text/plain;charset=UTF-8" }),
      400,
      /illisible/,
    );
  });
});
