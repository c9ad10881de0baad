/**
 * A small closed-loop HTTP load generator for the benchmarks: `concurrency`
 * workers, each sending its next request as soon as the previous answer has
 * been read, until `maxRequests` have been sent or `durationMs` has passed.
 * Plain node:http with keep-alive (lighter than fetch, which matters when the
 * load generator shares two cores with the server). 127.0.0.1 only.
 */
import http from "node:http";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  port: number;
  concurrency: number;
  /** Upper bound on requests sent (also bounds what the request factory must supply). */
  maxRequests: number;
  durationMs: number;
  /**
   * Unmeasured lead-in on the same connections (default 0): opening `concurrency`
   * sockets at once on a busy machine can take seconds, which says nothing about the route.
   */
  warmupMs?: number;
  /** The i-th request (0-based, across all workers). */
  request: (i: number) => LoadRequest;
  /** Status codes that count as success (others are counted as errors, with their status). */
  okStatus?: (status: number) => boolean;
}

export interface LoadResult {
  /** Requests answered during the warm-up (not in the figures below). */
  warmupOk: number;
  requests: number;
  ok: number;
  errors: Record<string, number>;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

function send(agent: http.Agent, port: number, req: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const r = http.request(
      {
        host: "127.0.0.1",
        port,
        method: req.method,
        path: req.path,
        agent,
        headers: { ...(req.headers ?? {}), ...(body ? { "Content-Length": String(body.length) } : {}) },
      },
      (res) => {
        res.resume(); // drain
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    r.on("error", reject);
    if (body) r.write(body);
    r.end();
  });
}

/** Runs one load case and summarises it. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const okStatus = options.okStatus ?? ((s: number) => s >= 200 && s < 400);
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  let warmupOk = 0;
  let measuring = false;
  let started = process.hrtime.bigint();
  let deadline = Date.now() + (options.warmupMs ?? 0);

  async function worker() {
    while (next < options.maxRequests && Date.now() < deadline) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      const counted = measuring;
      try {
        const status = await send(agent, options.port, options.request(i));
        if (!counted) {
          if (okStatus(status)) warmupOk++;
          continue;
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (okStatus(status)) ok++;
        else errors[`status ${status}`] = (errors[`status ${status}`] ?? 0) + 1;
      } catch (error) {
        if (!counted) continue;
        const key = (error as { code?: string }).code ?? String(error);
        errors[key] = (errors[key] ?? 0) + 1;
      }
    }
  }

  if ((options.warmupMs ?? 0) > 0) await Promise.all(Array.from({ length: options.concurrency }, worker));
  measuring = true;
  started = process.hrtime.bigint();
  deadline = Date.now() + options.durationMs;
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    warmupOk,
    requests: latencies.length,
    ok,
    errors,
    seconds,
    rps: ok / seconds,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1] ?? NaN,
  };
}
