/**
 * An in-memory token bucket per key (for surveys: client address + campaign).
 * Each key holds up to `capacity` tokens, refilled continuously at
 * `capacity` per `windowMs`; a request takes one token or is refused.
 *
 * In memory, per process: two server processes each allow the full rate, and
 * a restart forgets the counts. That is enough to stop a script flooding one
 * campaign's open link from one address; it is not an accounting system. Keys
 * are kept only while they matter (a full bucket is forgotten), so memory is
 * bounded by the number of recently active addresses, with a hard cap.
 */

export interface RateLimiterOptions {
  /** Burst size and the number of requests allowed per window. */
  capacity: number;
  windowMs: number;
  /** At most this many keys are remembered; the oldest are dropped first. */
  maxKeys?: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: milliseconds until one token is back (for Retry-After). */
  retryAfterMs: number;
}

export class RateLimiter {
  readonly #capacity: number;
  readonly #ratePerMs: number;
  readonly #maxKeys: number;
  // Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: RateLimiterOptions) {
    if (!(options.capacity >= 1) || !(options.windowMs > 0)) throw new RangeError("RateLimiter: capacity ≥ 1 and windowMs > 0");
    this.#capacity = options.capacity;
    this.#ratePerMs = options.capacity / options.windowMs;
    this.#maxKeys = options.maxKeys ?? 50_000;
  }

  /**
   * Takes a token for `key` at `nowMs`.
   * @example if (!limiter.take(`${ip}|${campaignId}`, Date.now()).allowed) return 429;
   */
  take(key: string, nowMs: number): RateLimitDecision {
    const bucket = this.#buckets.get(key);
    const tokens = bucket
      ? Math.min(this.#capacity, bucket.tokens + Math.max(0, nowMs - bucket.at) * this.#ratePerMs)
      : this.#capacity;
    if (tokens < 1) {
      this.#buckets.delete(key);
      this.#buckets.set(key, { tokens, at: nowMs });
      return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / this.#ratePerMs) };
    }
    this.#buckets.delete(key);
    this.#buckets.set(key, { tokens: tokens - 1, at: nowMs });
    this.#evict(nowMs);
    return { allowed: true, retryAfterMs: 0 };
  }

  /** Keys remembered (for tests). */
  get size(): number {
    return this.#buckets.size;
  }

  #evict(nowMs: number): void {
    // Least recently used first: drop those already full again, and anything over the cap.
    for (const [key, b] of this.#buckets) {
      const full = b.tokens + (nowMs - b.at) * this.#ratePerMs >= this.#capacity;
      if (!full && this.#buckets.size <= this.#maxKeys) break;
      this.#buckets.delete(key);
    }
  }
}

/**
 * Survey submissions: 30 per address per campaign per minute, in bursts of up
 * to 30. A canteen's staff often share one Wi-Fi address; at lunch a few
 * hundred people answer over half an hour, well under this, while a script
 * stuffing the open link is slowed to a trickle.
 */
export const SURVEY_SUBMISSIONS_PER_MINUTE = 30;

const globalForLimiter = globalThis as typeof globalThis & { __kaopingSurveyLimiter?: RateLimiter };

/** The process-wide limiter of survey submissions (kept on globalThis across dev reloads). */
export function surveyRateLimiter(): RateLimiter {
  globalForLimiter.__kaopingSurveyLimiter ??= new RateLimiter({ capacity: SURVEY_SUBMISSIONS_PER_MINUTE, windowMs: 60_000 });
  return globalForLimiter.__kaopingSurveyLimiter;
}
