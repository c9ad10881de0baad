/**
 * `npm run org:create -- --name "某市机关事务服务中心" --admin admin@example.gov.cn --admin-name "张三" [--slug …] [--time-zone Asia/Shanghai]`
 *
 * Creates a real organisation and its first administrator, and prints the
 * administrator's one-time password (shown once, stored only as a hash).
 * Works on any database DATABASE_URL names, remote ones included.
 * Exits 0 on success, 2 on bad arguments, 1 when the organisation could not be created.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { createDb, type Db } from "../db/client";
import { newHumanCode } from "../db/ids";
import { migrateDb } from "../db/migrate";
import * as orgs from "../db/queries/orgs";
import { organisations, type Organisation } from "../db/schema";
import { todayIn } from "../domain/days";
import { hashPassword } from "../server/password";

// ---------------------------------------------------------------- arguments

function isTimeZone(zone: string): boolean {
  try {
    todayIn(zone, new Date(0));
    return true;
  } catch {
    return false;
  }
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** What the command accepts, with the messages it prints. */
export const OrgCreateArgs = z.object({
  name: z
    .string({ error: "--name is required: the organisation's full name, e.g. --name \"某市机关事务服务中心\"" })
    .trim()
    .min(2, "--name must have at least 2 characters")
    .max(100, "--name must have at most 100 characters"),
  admin: z
    .string({ error: "--admin is required: the first administrator's e-mail address" })
    .trim()
    .toLowerCase()
    .pipe(z.email("--admin must be an e-mail address, e.g. --admin admin@example.gov.cn")),
  adminName: z
    .string({ error: "--admin-name is required: the first administrator's name, e.g. --admin-name \"张三\"" })
    .trim()
    .min(1, "--admin-name must not be empty")
    .max(100, "--admin-name must have at most 100 characters"),
  slug: z
    .string()
    .trim()
    .regex(SLUG, "--slug must be 1–40 lower-case letters, digits or hyphens, starting and ending with a letter or digit")
    .optional(),
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, "--time-zone must be an IANA time zone, e.g. Asia/Shanghai")
    .default("Asia/Shanghai"),
});
export type OrgCreateArgs = z.infer<typeof OrgCreateArgs>;

export const ORG_CREATE_USAGE =
  'Usage: npm run org:create -- --name "某市机关事务服务中心" --admin admin@example.gov.cn --admin-name "张三" [--slug moushi] [--time-zone Asia/Shanghai]';

/**
 * Reads the command line; an error message (for stderr) instead of a value when it is wrong.
 * @example parseOrgCreateArgs(["--name", "某市机关事务服务中心", "--admin", "a@b.cn", "--admin-name", "张三"])
 */
export function parseOrgCreateArgs(argv: string[]): { ok: true; args: OrgCreateArgs } | { ok: false; message: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        name: { type: "string" },
        admin: { type: "string" },
        "admin-name": { type: "string" },
        slug: { type: "string" },
        "time-zone": { type: "string" },
      },
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const parsed = OrgCreateArgs.safeParse({
    name: values.name,
    admin: values.admin,
    adminName: values["admin-name"],
    slug: values.slug,
    timeZone: values["time-zone"],
  });
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join("\n") };
  return { ok: true, args: parsed.data };
}

// ---------------------------------------------------------------- the command's core

export type CreateOrganisationResult =
  | { ok: true; org: Organisation; adminUserId: string; createdUser: boolean; password: string | null }
  | { ok: false; error: "slug_taken"; message: string };

/** A one-time password: 18 url-safe characters (108 random bits). */
export function generatePassword(): string {
  return randomBytes(14).toString("base64url").slice(0, 18);
}

/**
 * Creates the organisation and its first administrator through
 * `createOrganisation` (db/queries/orgs.ts), the seed's own function. An
 * e-mail that already has an account (in another organisation) keeps its
 * password: then `password` is null. Hashing happens before any write.
 */
export async function createOrganisation(
  db: Db,
  input: OrgCreateArgs,
  options: { password?: string } = {},
): Promise<CreateOrganisationResult> {
  const slug = input.slug ?? `org-${newHumanCode(8).toLowerCase()}`;
  const password = options.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const created = await orgs.createOrganisation(db, {
    name: input.name,
    slug,
    timeZone: input.timeZone,
    admin: { email: input.admin, name: input.adminName, passwordHash },
  });
  if (!created.ok) {
    return { ok: false, error: "slug_taken", message: `An organisation with the slug "${slug}" exists already: choose another --slug.` };
  }
  return {
    ok: true,
    org: created.org,
    adminUserId: created.adminUserId,
    createdUser: created.createdUser,
    password: created.createdUser ? password : null,
  };
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(ORG_CREATE_USAGE);
    return 0;
  }
  const parsed = parseOrgCreateArgs(argv);
  if (!parsed.ok) {
    console.error(`org:create: ${parsed.message}\n${ORG_CREATE_USAGE}`);
    return 2;
  }
  const { db, client, ready } = createDb();
  try {
    await ready;
    await migrateDb(db);
    const result = await createOrganisation(db, parsed.args);
    if (!result.ok) {
      console.error(`org:create: ${result.message}`);
      return 1;
    }
    console.log(`Created ${result.org.name} (slug ${result.org.slug}, time zone ${result.org.timeZone}).`);
    const [demo] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "demo")).limit(1);
    if (demo) {
      console.warn(
        "Warning: this database also holds the demo organisation, whose accounts share the published password kaoping-demo. " +
          "For real use, start from a fresh database with KAOPING_DEMO=off.",
      );
    }
    if (result.password) {
      console.log(`Administrator: ${parsed.args.admin}\nOne-time password (shown only now): ${result.password}`);
    } else {
      console.log(`Administrator: ${parsed.args.admin} — an existing account, added as admin; their password is unchanged.`);
    }
    return 0;
  } finally {
    client.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error("org:create failed:", error);
      process.exitCode = 1;
    },
  );
}
