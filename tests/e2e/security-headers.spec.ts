// Security headers on pages and downloads, and a CSP that the DSFR lives with: no script
// is refused by the policy on the pages people use, and the DSFR's JavaScript starts.
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { visit } from "./support/axe";

function watchCsp(page: Page) {
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) refused.push(m.text());
  });
  return refused;
}

function expectSecurityHeaders(headers: Record<string, string>) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["x-powered-by"]).toBeUndefined();
}

test("pages and downloads carry the security headers; the DSFR runs under the CSP", async ({ page }) => {
  const refused = watchCsp(page);
  const home = await visit(page, "/");
  expectSecurityHeaders(home?.headers() ?? {});
  // Each response has its own nonce.
  const again = await page.request.get("/");
  expect(again.headers()["content-security-policy"]).not.toBe(home?.headers()["content-security-policy"]);

  await signInAs(page, "paul.durand");
  const orders = await visit(page, "/commandes");
  expectSecurityHeaders(orders?.headers() ?? {});
  // The DSFR's script started (it marks <html data-fr-js="true">) despite the strict policy.
  await expect(page.locator("html")).toHaveAttribute("data-fr-js", "true");

  const first = page.getByRole("link", { name: /^BDC-\d{4}-\d{4}$/ }).first();
  const href = (await first.getAttribute("href")) ?? "";
  const pdf = await page.request.get(`${href}/pdf`);
  expect(pdf.status()).toBe(200);
  expectSecurityHeaders(pdf.headers());

  expect(refused).toEqual([]);
});

test("a cross-site, null-origin or oversized POST is refused in French before anything runs", async ({
  page,
}) => {
  await signInAs(page, "paul.durand");
  const own = new URL(page.url()).origin;
  for (const origin of ["https://evil.example", "null"]) {
    const res = await page.request.post("/commandes/nouvelle", {
      headers: { origin, "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain("la demande venait d'un autre site et a été refusée");
    expect(res.headers()["x-request-id"]).toBeTruthy();
  }
  const big = await page.request.post("/commandes/nouvelle", {
    headers: { origin: own, "content-type": "application/x-www-form-urlencoded" },
    data: `deliverables=${"a".repeat(10 * 1024 * 1024)}`,
    maxRedirects: 0,
  });
  expect(big.status()).toBe(413);
  expect(await big.text()).toContain("trop volumineux");
});
