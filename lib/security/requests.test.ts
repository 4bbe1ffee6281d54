import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, refuseRequest } from "./requests";

const portal = "https://commandes.beta.gouv.fr";
const base = { expectedOrigin: portal, contentLength: null };

describe("requests refused before anything runs", () => {
  it("lets the portal's own forms and actions through", () => {
    expect(refuseRequest({ ...base, method: "POST", origin: portal })).toBeNull();
    expect(refuseRequest({ ...base, method: "GET", origin: null })).toBeNull();
  });

  it.each([
    ["a cross-site origin", "https://evil.example"],
    ["the literal null origin", "null"],
    ["a look-alike origin", "https://commandes.beta.gouv.fr.evil.example"],
    ["another scheme", "http://commandes.beta.gouv.fr"],
    ["no origin at all", null],
  ])("refuses a POST with %s, in French", (_label, origin) => {
    const r = refuseRequest({ ...base, method: "POST", origin });
    expect(r?.status).toBe(403);
    expect(r?.message).toMatch(/Rien n'a été enregistré/);
  });

  it("refuses an oversized or unreadable body before reading it", () => {
    expect(
      refuseRequest({ ...base, method: "POST", origin: portal, contentLength: String(10 * 1024 * 1024) })
        ?.status,
    ).toBe(413);
    expect(
      refuseRequest({ ...base, method: "POST", origin: portal, contentLength: String(MAX_BODY_BYTES) }),
    ).toBeNull();
    expect(refuseRequest({ ...base, method: "POST", origin: portal, contentLength: "12abc" })?.status).toBe(
      400,
    );
  });
});
