// Local SMTP capture for development, the demo and the tests (never in production): an SMTP
// server that accepts every message and keeps the last ones in memory, and a small web page
// and JSON API to read them. Used by scripts/mail-capture.mjs (the standalone tool) and by
// the integration tests, which start it in-process on free ports.
//
// Loopback only, no authentication, no TLS: it must never listen on a public interface.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const HOST = "127.0.0.1";
/** Larger messages are refused, so a runaway sender cannot fill the memory. */
const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

export function escapeHtml(value) {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (error) => reject(error);
    server.once("error", onError);
    server.listen(port, HOST, () => {
      server.off("error", onError);
      resolve(server.address().port);
    });
  });
}

function renderPage(messages) {
  const items = messages
    .map(
      (m) => `<article>
<h2>${escapeHtml(m.subject || "(sans objet)")}</h2>
<dl>
<dt>Reçu le</dt><dd><time datetime="${escapeHtml(m.date)}">${escapeHtml(
        new Date(m.date).toLocaleString("fr-FR", { timeZone: "Europe/Paris" }),
      )}</time></dd>
<dt>De</dt><dd>${escapeHtml(m.from)}</dd>
<dt>À</dt><dd>${escapeHtml(m.to.join(", "))}</dd>
</dl>
<pre>${escapeHtml(m.text)}</pre>
</article>`,
    )
    .join("\n");
  const count =
    messages.length === 0
      ? "Aucun courriel capturé pour l'instant."
      : `${messages.length} courriel${messages.length > 1 ? "s" : ""} capturé${messages.length > 1 ? "s" : ""}, du plus récent au plus ancien.`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Courriels capturés</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #161616; }
article { border-top: 1px solid #929292; padding: 1rem 0; }
h2 { font-size: 1.25rem; margin: 0 0 .5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 .5rem; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f6; padding: .75rem; }
a { color: #000091; }
</style>
</head>
<body>
<main>
<h1>Courriels capturés</h1>
<p>Les e-mails envoyés par le portail en développement, en démonstration et pendant les tests
arrivent ici au lieu d'être distribués. Ils sont gardés en mémoire jusqu'à l'arrêt de la capture.</p>
<p>${count} <a href="/">Actualiser</a></p>
${items}
</main>
</body>
</html>
`;
}

/**
 * Starts the capture. Port 0 picks a free port; the chosen ports are returned.
 * @param {{ smtpPort?: number, httpPort?: number, max?: number, log?: (line: string) => void }} [options]
 */
export async function startMailCapture({ smtpPort = 1025, httpPort = 1080, max = 500, log } = {}) {
  /** Oldest first; the oldest is dropped beyond `max`. */
  const messages = [];

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    hideSTARTTLS: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    // Stopping must not wait 30 s for an idle client to hang up.
    closeTimeout: 1000,
    banner: "Capture des courriels (développement)",
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (stream.sizeExceeded) {
            const error = new Error("Message trop volumineux");
            error.responseCode = 552;
            callback(error);
            return;
          }
          const headerTo = [mail.to ?? []]
            .flat()
            .flatMap((a) => a.value.map((v) => v.address))
            .filter(Boolean);
          // The envelope says who really receives the mail (Bcc included).
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          const message = {
            id: randomUUID(),
            date: new Date().toISOString(),
            from: mail.from?.text ?? session.envelope.mailFrom?.address ?? "",
            to: envelopeTo.length > 0 ? envelopeTo : headerTo,
            subject: mail.subject ?? "",
            text: mail.text ?? "",
          };
          messages.push(message);
          if (messages.length > max) messages.splice(0, messages.length - max);
          log?.(`Courriel capturé pour ${message.to.join(", ")} : ${message.subject}`);
          callback();
        })
        .catch((error) => callback(error));
    },
  });
  smtp.on("error", (error) => log?.(`Erreur SMTP : ${error.message}`));

  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${HOST}`);
    const send = (status, type, body) => {
      res.writeHead(status, {
        "content-type": type,
        "cache-control": "no-store",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
        "x-content-type-options": "nosniff",
      });
      res.end(body);
    };
    if (url.pathname === "/api/messages") {
      if (req.method === "GET") {
        const to = url.searchParams.get("to")?.trim().toLowerCase();
        const list = to ? messages.filter((m) => m.to.some((a) => a.toLowerCase() === to)) : messages;
        send(200, "application/json; charset=utf-8", JSON.stringify([...list].reverse()));
        return;
      }
      if (req.method === "DELETE") {
        messages.length = 0;
        res.writeHead(204).end();
        return;
      }
      res.writeHead(405, { allow: "GET, DELETE" }).end();
      return;
    }
    if (url.pathname === "/" && (req.method === "GET" || req.method === "HEAD")) {
      send(200, "text/html; charset=utf-8", renderPage([...messages].reverse()));
      return;
    }
    send(404, "text/plain; charset=utf-8", "Page introuvable");
  });

  const actualSmtpPort = await listen(smtp.server, smtpPort);
  let actualHttpPort;
  try {
    actualHttpPort = await listen(web, httpPort);
  } catch (error) {
    await new Promise((resolve) => smtp.close(resolve));
    throw error;
  }

  let stopped;
  return {
    smtpPort: actualSmtpPort,
    httpPort: actualHttpPort,
    url: `http://${HOST}:${actualHttpPort}`,
    /** Newest first, as the API returns them. */
    messages: () => [...messages].reverse(),
    clear: () => {
      messages.length = 0;
    },
    stop() {
      stopped ??= Promise.all([
        new Promise((resolve) => smtp.close(resolve)),
        new Promise((resolve) => {
          web.close(() => resolve());
          web.closeAllConnections();
        }),
      ]).then(() => undefined);
      return stopped;
    },
  };
}
