// Vitest stand-in for the `server-only` marker package, which throws outside Next's
// react-server environment. The marker has no behaviour to test.
export {};
