import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  KAOPING_INSECURE_COOKIES: z.enum(["0", "1"]).optional(),
});

let cached: { production: boolean; sessionSecrets: string[]; secureCookies: boolean } | undefined;

/**
 * The checked environment, read once. Without SESSION_SECRET a random secret
 * is made and kept in data/session-secret, so a first `npm start` works and
 * sessions survive restarts; production deployments should set their own.
 */
export function env() {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const production = parsed.data.NODE_ENV === "production";
  cached = {
    production,
    sessionSecrets: (parsed.data.SESSION_SECRET ?? localSecret()).split(","),
    secureCookies: production && parsed.data.KAOPING_INSECURE_COOKIES !== "1",
  };
  return cached;
}

function localSecret(): string {
  const file = path.resolve("data", "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  console.warn(`SESSION_SECRET is not set: using a generated secret kept in ${file}.`);
  return secret;
}
