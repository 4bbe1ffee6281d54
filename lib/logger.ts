// Structured JSON logs, one line per event: user text cannot forge a log line because
// JSON.stringify escapes line breaks.
type Fields = Record<string, unknown>;

function serializeError(e: unknown) {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { value: String(e) };
}

function write(level: "info" | "warn" | "error", event: string, fields: Fields = {}) {
  const entry: Fields = { time: new Date().toISOString(), level, event };
  for (const [k, v] of Object.entries(fields)) entry[k] = k === "error" ? serializeError(v) : v;
  const line = JSON.stringify(entry, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  if (level === "error") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const logger = {
  info: (event: string, fields?: Fields) => write("info", event, fields),
  warn: (event: string, fields?: Fields) => write("warn", event, fields),
  error: (event: string, fields?: Fields) => write("error", event, fields),
};
