// The server schedules the retention job (instrumentation.ts): a minute after start, then
// once a day, in the Node.js runtime only.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const calls = vi.hoisted(() => ({ retention: 0, sweep: 0 }));
vi.mock("@/lib/retention/job", () => ({
  runRetentionSafely: async () => {
    calls.retention++;
  },
}));
vi.mock("@/lib/orders/lifecycle", () => ({
  runLifecycleSweep: async () => {
    calls.sweep++;
  },
}));

const { register } = await import("@/instrumentation");

beforeEach(() => {
  calls.retention = 0;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("retention schedule", () => {
  it("runs the purge a minute after start, then every 24 hours", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    await register();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(calls.retention).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls.retention).toBe(1);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(calls.retention).toBe(2);
    await vi.advanceTimersByTimeAsync(2 * 24 * 3_600_000);
    expect(calls.retention).toBe(4);
  });

  it("does not run in the edge runtime", async () => {
    vi.stubEnv("NEXT_RUNTIME", "edge");
    await register();
    await vi.advanceTimersByTimeAsync(3 * 24 * 3_600_000);
    expect(calls.retention).toBe(0);
  });
});
