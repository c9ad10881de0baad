import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit.server";

describe("RateLimiter", () => {
  it("allows a burst of `capacity`, then refuses with the wait until the next token", () => {
    const limiter = new RateLimiter({ capacity: 3, windowMs: 60_000 });
    const t = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take("a", t).allowed)).toEqual([true, true, true]);
    const refused = limiter.take("a", t);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBe(20_000); // 3 per minute: one every 20 s
    expect(limiter.take("a", t + 19_999).allowed).toBe(false);
    expect(limiter.take("a", t + 20_000).allowed).toBe(true);
  });

  it("keeps keys apart", () => {
    const limiter = new RateLimiter({ capacity: 1, windowMs: 1_000 });
    expect(limiter.take("10.0.0.1|c1", 0).allowed).toBe(true);
    expect(limiter.take("10.0.0.1|c1", 0).allowed).toBe(false);
    expect(limiter.take("10.0.0.1|c2", 0).allowed).toBe(true);
    expect(limiter.take("10.0.0.2|c1", 0).allowed).toBe(true);
  });

  it("forgets refilled keys and never holds more than maxKeys", () => {
    const limiter = new RateLimiter({ capacity: 2, windowMs: 1_000, maxKeys: 100 });
    for (let i = 0; i < 1_000; i++) limiter.take(`k${i}`, 0);
    expect(limiter.size).toBeLessThanOrEqual(100);
    limiter.take("late", 10_000); // everything else has refilled by now
    expect(limiter.size).toBe(1);
  });
});
