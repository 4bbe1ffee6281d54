// Preload for the Prisma CLI only (STACK.md P14): Prisma's wasm schema engine leaves 10–60 s
// timers that keep the process alive after the work is done. This unrefs long timers created
// from Prisma's own bundle, so `prisma migrate deploy` exits as soon as it has finished.
// Narrow on purpose: a broader version once cut a PGlite write short (P17).
const original = global.setTimeout;
global.setTimeout = function patchedSetTimeout(fn, ms, ...args) {
  const t = original(fn, ms, ...args);
  if (typeof ms === "number" && ms >= 5000) {
    const stack = new Error().stack ?? "";
    if (stack.includes("prisma/build/index.js")) t.unref?.();
  }
  return t;
};
