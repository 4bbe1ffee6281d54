#!/usr/bin/env node
// Local OpenID Connect provider standing in for ProConnect in development, the demo and the
// browser tests (never in production). Like ProConnect it requires PKCE, puts only `sub` in
// the id_token and serves the profile (email, given_name, usual_name, uid, siret) from
// userinfo, and supports RP-initiated logout (end_session).
//
// Sign-in: type a login and any password. The logins of prisma/seed/demo-accounts.json get
// their demo identity; any other login gets `<login>@exemple.gouv.fr`, so the portal's
// "access refused" page can be tried with a person it does not know.
//
// Settings (environment): OIDC_LOCAL_ISSUER (default http://127.0.0.1:4000, it also gives the
// port), PORTAL_URL (default http://localhost:3000), OIDC_CLIENT_ID, OIDC_CLIENT_SECRET.
// Everything is kept in memory: restarting the provider signs everybody out of it.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import Provider from "oidc-provider";

const issuer = (process.env.OIDC_LOCAL_ISSUER || "http://127.0.0.1:4000").replace(/\/+$/, "");
const issuerUrl = new URL(issuer);
if (issuerUrl.pathname !== "/" || issuerUrl.protocol !== "http:") {
  console.error(
    `OIDC_LOCAL_ISSUER doit être une origine http sans chemin, par exemple http://127.0.0.1:4000 (reçu : ${issuer})`,
  );
  process.exit(1);
}
const port = Number(issuerUrl.port || 80);
const portalUrl = (process.env.PORTAL_URL || "http://localhost:3000").replace(/\/+$/, "");
const clientId = process.env.OIDC_CLIENT_ID || "portail-local";
const clientSecret = process.env.OIDC_CLIENT_SECRET || "portail-local-secret";
const SCOPES = ["openid", "email", "given_name", "usual_name", "uid", "siret"];

const { accounts } = JSON.parse(
  fs.readFileSync(new URL("../prisma/seed/demo-accounts.json", import.meta.url), "utf8"),
);

// ---------------------------------------------------------------------------------------
// Accounts

const LOGIN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** ProConnect subjects are opaque; a stable hash keeps the portal from relying on logins. */
const subjectOf = (login) => createHash("sha256").update(`portail-local:${login}`).digest("hex");

const capitalize = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

function profileOf(login) {
  const known = accounts.find((a) => a.login === login);
  if (known) {
    return {
      email: known.email,
      given_name: known.givenName,
      usual_name: known.usualName,
      uid: login,
      siret: known.siret,
    };
  }
  const [first = login, ...rest] = login.split(/[._-]+/).filter(Boolean);
  return {
    email: `${login}@exemple.gouv.fr`,
    given_name: capitalize(first),
    usual_name: rest.map(capitalize).join(" ") || "Agent",
    uid: login,
    siret: "13002526500013",
  };
}

/** sub → login, filled at each sign-in (and for the demo accounts at start). */
const loginBySubject = new Map(accounts.map((a) => [subjectOf(a.login), a.login]));

async function findAccount(_ctx, sub) {
  const login = loginBySubject.get(sub);
  if (!login) return undefined;
  return {
    accountId: sub,
    async claims() {
      return { sub, ...profileOf(login) };
    },
  };
}

// ---------------------------------------------------------------------------------------
// Pages (minimal French HTML; the provider is a test double, not a product)

const escapeHtml = (value) =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Fournisseur d'identité local</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:0;background:#f6f6f6;color:#161616}
header{background:#fff;border-bottom:1px solid #ddd;padding:1rem 1.5rem}
header p{margin:0;font-weight:700}
main{max-width:28rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border:1px solid #ddd}
h1{font-size:1.5rem;margin-top:0}
label{display:block;font-weight:600;margin-top:1rem}
input{display:block;width:100%;box-sizing:border-box;padding:.5rem;margin-top:.25rem;font-size:1rem;border:0;border-bottom:2px solid #3a3a3a;background:#eee}
button{margin-top:1.5rem;margin-right:.5rem;padding:.6rem 1.2rem;font-size:1rem;border:1px solid #000091;background:#000091;color:#fff;cursor:pointer}
button.secondary,a.secondary{background:#fff;color:#000091}
.hint{color:#666;font-size:.875rem}
.error{color:#ce0500;font-weight:600}
</style>
</head>
<body>
<header><p>Fournisseur d'identité local (démonstration, remplace ProConnect)</p></header>
<main>
${body}
</main>
</body>
</html>`;
}

function loginPage(uid, { login = "", error = "" } = {}) {
  return page(
    "Connexion",
    `<h1>Connexion</h1>
<p class="hint">Saisissez l'identifiant d'un compte de démonstration (par exemple <code>claire.martin</code>)
ou tout autre identifiant, et n'importe quel mot de passe.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
<label for="login">Identifiant</label>
<input id="login" name="login" type="text" required autofocus autocapitalize="none" spellcheck="false" value="${escapeHtml(login)}">
<label for="password">Mot de passe <span class="hint">(n'importe lequel)</span></label>
<input id="password" name="password" type="password" required>
<button type="submit">Se connecter</button>
<a class="secondary" href="/interaction/${escapeHtml(uid)}/abort">Annuler</a>
</form>`,
  );
}

function send(res, status, html) {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(html);
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16_384) throw new Error("form too large");
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

// ---------------------------------------------------------------------------------------
// Provider

async function renderError(ctx, out) {
  ctx.type = "html";
  ctx.body = page(
    "Erreur",
    `<h1>La connexion n'a pas pu aboutir</h1>
<p>Le fournisseur d'identité local a refusé la demande :</p>
<p><code>${escapeHtml(out.error)}</code>${out.error_description ? ` – ${escapeHtml(out.error_description)}` : ""}</p>
<p><a href="${escapeHtml(portalUrl)}/connexion">Revenir au portail</a></p>`,
  );
}

/**
 * RP-initiated logout (the portal's "Se déconnecter" goes through here, with its id_token as
 * hint). Like ProConnect, the provider signs out without asking: the confirmation form is
 * submitted by the page itself, with the buttons as a fallback without JavaScript.
 */
async function logoutSource(ctx, form) {
  const confirmed = form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>');
  ctx.body = page(
    "Déconnexion",
    `<h1>Déconnexion en cours…</h1>
${confirmed}
<noscript>
<button type="submit" form="op.logoutForm">Me déconnecter du fournisseur d'identité</button>
</noscript>
<script>document.getElementById("op.logoutForm").submit();</script>`,
  );
}

async function postLogoutSuccessSource(ctx) {
  ctx.body = page(
    "Déconnecté",
    `<h1>Vous êtes déconnecté</h1>
<p><a href="${escapeHtml(portalUrl)}/">Revenir au portail</a></p>`,
  );
}

/** The portal is a first-party client: consent is granted without asking, as ProConnect does. */
async function loadExistingGrant(ctx) {
  const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
  if (grantId) return ctx.oidc.provider.Grant.find(grantId);
  const grant = new ctx.oidc.provider.Grant({
    clientId: ctx.oidc.client.clientId,
    accountId: ctx.oidc.session.accountId,
  });
  grant.addOIDCScope(SCOPES.join(" "));
  await grant.save();
  return grant;
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [`${portalUrl}/api/auth/callback/proconnect`],
      post_logout_redirect_uris: [portalUrl, `${portalUrl}/`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      id_token_signed_response_alg: "RS256",
    },
  ],
  claims: {
    openid: ["sub"],
    email: ["email"],
    given_name: ["given_name"],
    usual_name: ["usual_name"],
    uid: ["uid"],
    siret: ["siret"],
  },
  scopes: SCOPES,
  findAccount,
  loadExistingGrant,
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
  },
  pkce: { required: () => true },
  renderError,
  // Fresh keys at each start: cookies from a previous run are simply ignored.
  cookies: { keys: [randomBytes(32).toString("base64url")] },
});

provider.on("server_error", (_ctx, error) => console.error("Erreur du fournisseur OpenID local :", error));

// ---------------------------------------------------------------------------------------
// Interactions (login form), in front of the provider's own routes

async function handleInteraction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");

  if (action === "abort") {
    await provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "Connexion annulée par la personne" },
      { mergeWithLastSubmission: false },
    );
    return;
  }

  if (details.prompt.name === "consent") {
    // Not expected (loadExistingGrant grants everything), handled for completeness.
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    grant.addOIDCScope(SCOPES.join(" "));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }

  if (details.prompt.name !== "login") {
    send(
      res,
      501,
      page("Erreur", `<h1>Étape non prise en charge</h1><p>${escapeHtml(details.prompt.name)}</p>`),
    );
    return;
  }

  if (action !== "login") {
    send(res, 200, loginPage(uid));
    return;
  }
  if (req.method !== "POST") {
    send(res, 405, page("Erreur", "<h1>Méthode non autorisée</h1>"));
    return;
  }
  const form = await readForm(req);
  const login = (form.get("login") ?? "").trim().toLowerCase();
  if (!LOGIN.test(login)) {
    send(
      res,
      400,
      loginPage(uid, {
        login,
        error:
          "Identifiant invalide : utilisez des lettres minuscules sans accent, des chiffres, des points, des tirets ou des soulignés.",
      }),
    );
    return;
  }
  if (!form.get("password")) {
    send(res, 400, loginPage(uid, { login, error: "Saisissez un mot de passe (n'importe lequel)." }));
    return;
  }
  const sub = subjectOf(login);
  loginBySubject.set(sub, login);
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: sub } },
    { mergeWithLastSubmission: false },
  );
}

const INTERACTION = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?$/;
const providerCallback = provider.callback();

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url ?? "/", issuer);
  const match = INTERACTION.exec(pathname);
  if (!match) {
    providerCallback(req, res);
    return;
  }
  handleInteraction(req, res, match[1], match[2]).catch((error) => {
    // Typically an expired interaction (the login page stayed open too long).
    console.error("Interaction refusée :", error.message);
    if (res.headersSent) return;
    send(
      res,
      400,
      page(
        "Erreur",
        `<h1>Cette demande de connexion a expiré</h1>
<p>Recommencez depuis le portail.</p>
<p><a href="${escapeHtml(portalUrl)}/connexion">Revenir au portail</a></p>`,
      ),
    );
  });
});

server.on("error", (error) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `Le port ${port} est déjà utilisé : un autre fournisseur OpenID local tourne peut-être déjà (${issuer}).`
      : `Le fournisseur OpenID local n'a pas pu démarrer : ${error.message}`,
  );
  process.exit(1);
});

server.listen(port, issuerUrl.hostname, () => {
  console.log(`Fournisseur OpenID local prêt sur ${issuer}`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  // Do not hang on a stuck connection.
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
