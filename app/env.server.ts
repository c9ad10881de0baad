import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const onOff = (fallback: "on" | "off") =>
  z
    .enum(["on", "off"], { message: "must be on or off" })
    .default(fallback)
    .transform((v) => v === "on");

/**
 * `TRUST_PROXY` as Express's `trust proxy` setting: a hop count ("1" = the
 * proxy right in front), "true", or a comma list of addresses/subnets
 * ("loopback", "10.0.0.0/8"). Unset, "0" or "false": X-Forwarded-* is ignored.
 */
const trustProxy = z
  .string()
  .trim()
  .optional()
  .transform((v): number | boolean | string => {
    if (v === undefined || v === "" || v === "0" || v === "false") return false;
    if (v === "true") return true;
    return /^\d+$/.test(v) ? Number(v) : v;
  });

/** An http(s) origin and nothing else: the address people type, e.g. https://kaoping.example.gov.cn */
const publicUrl = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx): URL | null => {
    if (v === undefined || v === "") return null;
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be an absolute URL such as https://kaoping.example.gov.cn" });
      return z.NEVER;
    }
    const onlyOrigin = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password && !v.endsWith("/");
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !onlyOrigin) {
      ctx.addIssue({ code: "custom", message: "must be an http(s) origin with no path, e.g. https://kaoping.example.gov.cn" });
      return z.NEVER;
    }
    return url;
  });

/** Every variable the app and server.ts read (db/client.ts reads its own DATABASE_* settings). */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PUBLIC_URL: publicUrl,
  TRUST_PROXY: trustProxy,
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  KAOPING_LOG: onOff("on"),
  KAOPING_DEMO: onOff("on"),
  /** The reminder scheduler inside the server (issue 15); off for a second process that should only serve pages. */
  KAOPING_REMINDERS: onOff("on"),
  KAOPING_BENCH: z.enum(["0", "1"], { message: "must be 0 or 1" }).default("0").transform((v) => v === "1"),
  /** Tests and demos only: the instant the process's clock starts at (db/time.ts reads it). */
  /**
   * The uploads folder (server/uploads.ts reads it; default data/uploads). Checked here only: a
   * value of spaces or with a NUL byte would silently become the working directory or fail on first use.
   */
  KAOPING_UPLOADS: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || (v.trim() !== "" && !v.includes("\0")), "must be a folder path (several servers: one shared folder)"),
  KAOPING_CLOCK: z.iso.datetime({ offset: true, message: "must be an ISO instant such as 2026-11-18T10:00:00+08:00" }).optional(),
});

export interface Env {
  production: boolean;
  /** The secrets that sign cookies (first signs, all verify); read lazily, see `localSecret`. */
  readonly sessionSecrets: string[];
  /** PUBLIC_URL, when set: the origin of links and whether every response is treated as HTTPS. */
  publicUrl: URL | null;
  trustProxy: number | boolean | string;
  port: number;
  log: boolean;
  demo: boolean;
  reminders: boolean;
  bench: boolean;
}

/** Checks `source` against the schema; throws one error naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message} (got ${JSON.stringify(source[String(i.path[0])])})`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const data = parsed.data;
  let secrets: string[] | undefined;
  return {
    production: data.NODE_ENV === "production",
    get sessionSecrets() {
      secrets ??= (data.SESSION_SECRET ?? localSecret()).split(",");
      return secrets;
    },
    publicUrl: data.PUBLIC_URL,
    trustProxy: data.TRUST_PROXY,
    port: data.PORT,
    log: data.KAOPING_LOG,
    demo: data.KAOPING_DEMO,
    reminders: data.KAOPING_REMINDERS,
    bench: data.KAOPING_BENCH,
  };
}

let cached: Env | undefined;

/** The checked environment of this process, read once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Without SESSION_SECRET a random secret is made and kept in
 * data/session-secret, so a first `npm start` works and sessions survive
 * restarts; production deployments should set their own.
 */
function localSecret(): string {
  const file = path.resolve("data", "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  console.warn(`SESSION_SECRET is not set: using a generated secret kept in ${file}.`);
  return secret;
}
