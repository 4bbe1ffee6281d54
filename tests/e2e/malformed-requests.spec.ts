// Forged bodies sent to a real server action (the order form's): a NUL byte, a repeated
// field, deeply nested or unreadable arguments, a broken multipart body, a wrong content
// type, a 10 MB body sent without Content-Length. Each gets a 4xx with a French message and
// the request id, never a 500 or a stack trace — proxy.ts checks the body before Next's
// action decoder sees it (lib/security/body.ts) — and the server's log (read from
// .data/e2e/server.log) has one JSON line with that same id. A well-formed call still
// reaches the action. Route handlers (downloads) get the same treatment of their address.
import http from "node:http";
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { logLineOf } from "./support/server-log";

type Sent = { status: number; text: string; requestId: string | undefined };

/** The order form's real action id, taken from the browser's own submission. */
async function orderFormAction(page: Page): Promise<string> {
  await page.goto("/commandes/nouvelle");
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    page.getByRole("button", { name: "Enregistrer le brouillon" }).click(),
  ]);
  return request.headers()["next-action"] as string;
}

async function expectRefused(res: Sent, status: number, message: RegExp) {
  expect(res.status).toBe(status);
  expect(res.text).toMatch(message);
  expect(res.text).toMatch(/Rien n'a été enregistré/);
  // The id shown is the one in the response header, which the server's log lines carry.
  expect(res.requestId).toBeTruthy();
  expect(res.text).toContain(`Identifiant de la requête : ${res.requestId}`);
  expect(res.text).not.toMatch(/\bat .+:\d+:\d+|Error:|node_modules/);
  // …and the server's log has the line for it, with the same id.
  expect(await logLineOf(res.requestId as string)).toMatchObject({
    level: "warn",
    event: "request.refused",
    status,
  });
}

test("malformed bodies sent to a server action get a 4xx in French, never a 500", async ({ page }) => {
  await signInAs(page, "paul.durand");
  const actionId = await orderFormAction(page);
  const origin = new URL(page.url()).origin;
  const headers = { origin, "next-action": actionId, accept: "text/x-component" };

  const post = async (init: { multipart?: Record<string, string>; data?: string; contentType?: string }) => {
    const res = await page.request.post("/commandes/nouvelle", {
      headers: init.contentType ? { ...headers, "content-type": init.contentType } : headers,
      ...(init.multipart ? { multipart: init.multipart } : { data: init.data }),
      maxRedirects: 0,
    });
    return { status: res.status(), text: await res.text(), requestId: res.headers()["x-request-id"] };
  };
  // React's encoding of formAction(prevState, formData): arguments in "0", fields in "1_…".
  const args = JSON.stringify([{ status: "idle" }, "$K1"]);

  // A well-formed call reaches the action, which answers with its own French message.
  const proper = await post({ multipart: { "0": args, "1_chorusServiceCode": "X" } });
  expect(proper.status).toBe(200);
  expect(proper.text).toContain("Le formulaire contient des erreurs");

  await expectRefused(
    await post({ multipart: { "0": args, "1_billingAddress": "1 rue\u0000de Test" } }),
    400,
    /caractère nul/,
  );
  await expectRefused(
    await post({ data: "creationKey=a&creationKey=b", contentType: "application/x-www-form-urlencoded" }),
    400,
    /même champ plusieurs fois/,
  );
  const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
  await expectRefused(await post({ data: deep, contentType: "text/plain;charset=UTF-8" }), 400, /imbriqué/);
  await expectRefused(await post({ multipart: { "0": deep } }), 400, /imbriqué/);
  await expectRefused(
    await post({ data: '[{"status":"idle"},"$K1"', contentType: "text/plain;charset=UTF-8" }),
    400,
    /pas du JSON valide/,
  );
  // A broken multipart body: no boundary, then a body cut short.
  await expectRefused(await post({ data: "0=%5B%5D", contentType: "multipart/form-data" }), 400, /illisible/);
  await expectRefused(
    await post({
      data: '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n[',
      contentType: "multipart/form-data; boundary=x",
    }),
    400,
    /illisible/,
  );
  // A wrong content type for an action call, or none.
  await expectRefused(await post({ data: args, contentType: "application/xml" }), 415, /type du contenu/);
  await expectRefused(await post({ data: args, contentType: "application/json" }), 415, /type du contenu/);
  // Not a form at all: a plain string as the action's arguments.
  await expectRefused(
    await post({ data: '"bonjour\\u0000"', contentType: "text/plain;charset=UTF-8" }),
    400,
    /caractère nul/,
  );

  // 10 MB sent in chunks, without Content-Length: counted, refused.
  const cookie = (await page.context().cookies())
    .filter((c) => origin.includes(c.domain))
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  const chunked = await new Promise<Sent>((resolve, reject) => {
    const req = http.request(
      `${origin}/commandes/nouvelle`,
      {
        method: "POST",
        headers: {
          ...headers,
          cookie,
          "content-type": "text/plain;charset=UTF-8",
          "transfer-encoding": "chunked",
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          text += c;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text, requestId: res.headers["x-request-id"] as string }),
        );
      },
    );
    req.on("error", reject);
    const chunk = `"${"a".repeat(1024 * 1024 - 2)}"`;
    let sent = 0;
    const write = () => {
      // Stops writing once the server has answered (it may close the connection).
      while (sent < 10) {
        sent++;
        if (!req.write(chunk)) return req.once("drain", write);
      }
      req.end();
    };
    write();
  });
  await expectRefused(chunked, 413, /trop volumineux/);
});

test("a route handler's JSON body too deep is refused the same way", async ({ page }) => {
  const res = await page.request.post("/api/auth/signin/oidc", {
    headers: {
      origin: new URL(test.info().project.use.baseURL as string).origin,
      "content-type": "application/json",
    },
    data: `${"[".repeat(20_000)}${"]".repeat(20_000)}`,
    maxRedirects: 0,
  });
  await expectRefused(
    { status: res.status(), text: await res.text(), requestId: res.headers()["x-request-id"] },
    400,
    /imbriqué/,
  );
});

test("an address with a NUL byte or repeated parameters never gives a 500", async ({ page }) => {
  await signInAs(page, "paul.durand");
  const nul = await page.request.get("/commandes?q=a%00b");
  expect(nul.status()).toBe(400);
  expect(await nul.text()).toMatch(/caractère nul/);

  const pdf = await page.request.get("/commandes/00000000-0000-4000-8000-000000000000/pdf?x=%00");
  expect(pdf.status()).toBe(400);
  expect(await pdf.text()).toMatch(/caractère nul/);

  for (const path of [
    "/commandes?page=1&page=2&q=a&q=b&status=DRAFT&status=ISSUED&sort=number&sort=total",
    "/commandes/export?format=csv&format=xlsx&q=a&q=b",
    "/journal/export?format=csv&format=xlsx",
    "/produits/export?format=xlsx&format=csv",
    "/stats/export.csv?x=1&x=2",
    "/commandes/not-a-uuid/pdf",
    "/commandes/00000000-0000-4000-8000-000000000000/service-fait/not-a-uuid/pdf",
    "/produits?page=2&page=x&q=a&q=b",
    "/journal?page=1&page=2&entityType=a&entityType=b",
    "/suivi?month=2026-01&month=2026-02",
  ]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBeLessThan(500);
  }
});
