// Structured JSON logs, one line per event: user text cannot forge a log line because
// JSON.stringify escapes line breaks (\n, \r) and every control character; the Unicode line
// and paragraph separators (U+2028, U+2029), which JSON leaves as they are but some log
// viewers break lines on, are escaped too. lib/logger.test.ts checks it.
type Fields = Record<string, unknown>;

function serializeError(e: unknown) {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { value: String(e) };
}

const RESERVED = new Set(["time", "level", "event"]);

function serialize(entry: Fields): string {
  try {
    return JSON.stringify(entry, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  } catch {
    // A field that cannot be serialized (a cycle) must not make logging throw.
    return JSON.stringify({ time: entry.time, level: entry.level, event: entry.event, unserializable: true });
  }
}

function write(level: "info" | "warn" | "error", event: string, fields: Fields = {}) {
  const entry: Fields = { time: new Date().toISOString(), level, event };
  for (const [k, v] of Object.entries(fields)) {
    // A field never overwrites the line's own time, level or event.
    entry[RESERVED.has(k) ? `field_${k}` : k] = k === "error" ? serializeError(v) : v;
  }
  const line = serialize(entry).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  if (level === "error") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const logger = {
  info: (event: string, fields?: Fields) => write("info", event, fields),
  warn: (event: string, fields?: Fields) => write("warn", event, fields),
  error: (event: string, fields?: Fields) => write("error", event, fields),
};
