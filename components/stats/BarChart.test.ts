import { describe, expect, it } from "vitest";
import { niceScale } from "./BarChart";

describe("value axis of the charts", () => {
  it("rounds the top up to 1, 2 or 5 × 10^n, with whole steps", () => {
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
    expect(niceScale(3)).toEqual({ max: 3, step: 1 });
    expect(niceScale(17)).toEqual({ max: 20, step: 5 });
    expect(niceScale(1_234_567)).toEqual({ max: 1_500_000, step: 500_000 });
  });
});
