// `x-middleware-subrequest` (CVE-2025-29927: once made Next.js skip its middleware) buys
// nothing here: access is decided by the pages, the downloads, the server actions and the
// data layer, never by proxy.ts. Over HTTP, against the demo: signed out and as a contractor
// foreign to the order, with every usual value of the header, pages, downloads and a replayed
// server action give no data and change nothing.
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { uniqueSuffix } from "./support/portal";

const VALUES = [
  "middleware",
  "proxy",
  "src/middleware",
  "middleware:middleware:middleware:middleware:middleware",
  "proxy:proxy:proxy:proxy:proxy",
  "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
];
/** The demo order's product (Ministère du Travail, Coopérative Numérique Ouverte). */
const PRODUCT = "Code du travail numérique";

test.describe.configure({ mode: "serial" });

let orderId = "";
let action: { url: string; headers: Record<string, string>; body: Buffer } | null = null;
const marker = `Observation unique ${uniqueSuffix()}`;

async function openDemoOrder(page: Page) {
  await page.goto("/commandes?status=IN_PROGRESS");
  // As the contractor sees it (the beneficiary column, not the contractor).
  const row = page.getByRole("row", { name: /Code du travail numérique.*Ministère du Travail/ });
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/commandes\/[0-9a-f-]{36}$/);
  orderId = /\/commandes\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? "";
}

const protectedPaths = () => [
  "/espace",
  "/commandes",
  `/commandes/${orderId}`,
  `/commandes/${orderId}/service-fait`,
  `/commandes/${orderId}/pdf`,
  "/commandes/export?format=csv",
  "/journal/export?format=csv",
  "/referentiel/personnes/export?format=csv",
  "/fiches-beta/export.zip",
  "/pilotage/rapports/semestriel/export?format=csv&semestre=2026-S2",
];

/** No data: a redirect to sign-in (or the no-access page), or 404; never the product's name. */
async function expectNothing(request: APIRequestContext, path: string, value: string) {
  const res = await request.get(path, { headers: { "x-middleware-subrequest": value }, maxRedirects: 0 });
  const where = `${path} avec x-middleware-subrequest: ${value}`;
  if (res.status() >= 300 && res.status() < 400) {
    expect(new URL(res.headers().location ?? "", "http://x").pathname, where).toMatch(
      /^\/(connexion|acces-refuse)$/,
    );
  } else {
    expect(res.status(), where).toBe(404);
  }
  expect(await res.text(), where).not.toContain(PRODUCT);
}

test("la titulaire de la commande enregistre une observation (l'action servira de modèle)", async ({
  page,
}) => {
  await signInAs(page, "lea.moreau");
  await openDemoOrder(page);
  await page.getByLabel(/^Observation pour le bénéficiaire/).fill(marker);
  const posted = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByRole("button", { name: "Enregistrer l'observation" }).click();
  const request = await posted;
  await expect(page.getByText("Votre observation a été enregistrée", { exact: false })).toBeVisible();
  const h = await request.allHeaders();
  action = {
    url: request.url(),
    headers: {
      "next-action": h["next-action"] ?? "",
      "content-type": h["content-type"] ?? "",
      accept: h.accept ?? "text/x-component",
      origin: new URL(request.url()).origin,
    },
    body: request.postDataBuffer() ?? Buffer.alloc(0),
  };
  expect(action.headers["next-action"]).toMatch(/^[0-9a-f]{40,}$/);
});

test("sans session, avec x-middleware-subrequest : ni page, ni téléchargement, ni action", async ({
  request,
}) => {
  expect(orderId).not.toBe("");
  for (const value of VALUES) {
    for (const path of protectedPaths()) await expectNothing(request, path, value);
    const a = action as NonNullable<typeof action>;
    const res = await request.post(a.url, {
      headers: { ...a.headers, "x-middleware-subrequest": value },
      data: a.body,
      maxRedirects: 0,
    });
    // The action itself answered (and refused), not a missing route.
    expect(res.headers()["content-type"] ?? "").toContain("text/x-component");
    expect(await res.text()).not.toContain(PRODUCT);
  }
});

test("un autre titulaire, avec x-middleware-subrequest : rien de la commande, action refusée", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, "hugo.lefebvre");
  for (const value of VALUES) {
    for (const path of [
      `/commandes/${orderId}`,
      `/commandes/${orderId}/pdf`,
      `/commandes/${orderId}/service-fait`,
    ]) {
      await expectNothing(context.request, path, value);
    }
    // His own list export holds none of this order.
    const csv = await context.request.get("/commandes/export?format=csv", {
      headers: { "x-middleware-subrequest": value },
    });
    expect(csv.status()).toBe(200);
    expect(await csv.text()).not.toContain(PRODUCT);
    const a = action as NonNullable<typeof action>;
    await context.request.post(a.url, {
      headers: { ...a.headers, "x-middleware-subrequest": value },
      data: a.body,
      maxRedirects: 0,
    });
  }
  await context.close();
});

test("l'observation n'a été enregistrée qu'une fois (aucune action rejouée n'a abouti)", async ({ page }) => {
  await signInAs(page, "lea.moreau");
  await page.goto(`/commandes/${orderId}`);
  await expect(page.getByText(marker, { exact: false })).toHaveCount(1);
});
