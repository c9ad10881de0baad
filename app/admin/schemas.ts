/**
 * The zod schemas of the administration forms, shared by the page
 * (react-hook-form, in the browser) and the action (the authority). Messages
 * are i18n keys made with `msg()`; each says exactly what is wrong.
 *
 * Browser-safe: nothing here imports the database. Enumerations that live in
 * db/schema (which pulls in drizzle) are repeated below and checked against
 * the schema's types at compile time.
 */
import { z } from "zod";
import type { ContractInput } from "../../db/queries/contracts";
import type { ContractStatus, Role, SiteKind } from "../../db/schema";
import { isIsoDate } from "../../scoring/dates";
import { SERVICE_TYPES } from "../../scoring/types";
import { optionalYuanProblem, optionalYuanToFen, yuanProblem, yuanToFen } from "./money";
import { indexedRows, PAYMENT_KINDS, paymentRuleIssues, toPaymentRule, type StepRowValues } from "./payment-rule";
import { usccProblem } from "./uscc";
import { fields, msg } from "~/utils/forms";

export const ROLE_VALUES = ["admin", "supervisor", "procurement", "staff", "contractor"] as const satisfies readonly Role[];
export const SITE_KIND_VALUES = ["building", "canteen", "campus", "conference", "other"] as const satisfies readonly SiteKind[];
export const CONTRACT_STATUS_VALUES = ["active", "ended", "terminated"] as const satisfies readonly ContractStatus[];
// The reverse direction: a value added to db/schema but not here fails the typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _enumsMatchDb: [
  Same<Role, (typeof ROLE_VALUES)[number]>,
  Same<SiteKind, (typeof SITE_KIND_VALUES)[number]>,
  Same<ContractStatus, (typeof CONTRACT_STATUS_VALUES)[number]>,
] = [true, true, true];

export const PASSWORD_MIN = 10;

/** Who may lead a grid cell's patrols: the people who record inspections. */
export const PATROL_LEADER_ROLES = ["supervisor", "admin"] as const satisfies readonly Role[];

/** A selected id (from a select or hidden field). */
const idField = (required: string) => z.string(msg(required)).trim().min(1, msg(required)).max(64, msg(required));

/** An optional id: "" (the "none" option) becomes undefined. */
const optionalId = () =>
  z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((s) => s || undefined);

const dayField = () =>
  z
    .string(msg("form.required"))
    .trim()
    .min(1, msg("form.required"))
    .refine((s) => isIsoDate(s), msg("form.invalidDate"));

const optionalEmail = () =>
  z
    .string()
    .trim()
    .max(254, msg("form.tooLong", { max: 254 }))
    .optional()
    .transform((s) => (s ? s.toLowerCase() : undefined))
    .refine((s) => s === undefined || z.email().safeParse(s).success, msg("form.email"));

// ---------------------------------------------------------------- members

const memberFields = {
  email: fields.email(),
  name: fields.name(50),
  role: z.enum(ROLE_VALUES, msg("admin.errors.chooseRole")),
  /** Needed only when the e-mail is new; the action hashes it. */
  password: z
    .string()
    .max(200, msg("form.tooLong", { max: 200 }))
    .optional()
    .transform((s) => s || undefined)
    .refine((s) => s === undefined || s.length >= PASSWORD_MIN, msg("form.tooShort", { min: PASSWORD_MIN })),
};

/** The "add a member" form. */
export const MemberAddSchema = z.object(memberFields);
/**
 * The contractor select beside a role (the invite form, a member's row): always
 * posted, so the form works without JavaScript; "" is "none".
 */
export const contractorChoice = () =>
  z
    .string()
    .trim()
    .max(64, msg("form.tooLong", { max: 64 }))
    .optional()
    .transform((s) => s || undefined);

/**
 * A contractor is chosen exactly for the "contractor" role (the memberships'
 * and invitations' CHECK, said as a field error before anything is written).
 */
export function contractorMatchesRole(value: { role: Role; contractorId?: string | undefined }, ctx: z.RefinementCtx) {
  if (value.role === "contractor" && !value.contractorId) {
    ctx.addIssue({ code: "custom", path: ["contractorId"], message: msg("admin.errors.chooseContractorOfPerson") });
  } else if (value.role !== "contractor" && value.contractorId) {
    ctx.addIssue({ code: "custom", path: ["contractorId"], message: msg("admin.errors.contractorOnlyForRole") });
  }
}

const memberRoleFields = { userId: idField("form.required"), role: z.enum(ROLE_VALUES, msg("admin.errors.chooseRole")), contractorId: contractorChoice() };
export const MemberRoleSchema = z.object(memberRoleFields).superRefine(contractorMatchesRole);
/** MemberRoleSchema's fields, for forms that add an `intent` (zod refuses to extend a refined object). */
export const memberRoleObject = () => z.object(memberRoleFields);

/** Everything the users page posts, told apart by `intent`. */
export const MembersActionSchema = z.discriminatedUnion("intent", [
  MemberAddSchema.extend({ intent: z.literal("add") }),
  memberRoleObject().extend({ intent: z.literal("role") }).superRefine(contractorMatchesRole),
  z.object({ intent: z.literal("remove"), userId: idField("form.required") }),
]);

// ---------------------------------------------------------------- contractors

export const ContractorSchema = z.object({
  name: fields.name(100),
  creditCode: z.string(msg("form.required")).superRefine((code, ctx) => {
    const problem = usccProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  contactName: fields.optionalName(50),
  contactPhone: fields
    .optionalText(30)
    .refine((s) => s === undefined || /^[0-9+\-() ]+$/.test(s), msg("admin.errors.phone")),
  contactEmail: optionalEmail(),
});
export type ContractorValues = z.input<typeof ContractorSchema>;

/** The buttons of a record page besides "save". */
const recordIntents = ["archive", "restore", "delete"] as const;

/** Everything a contractor page posts. */
export const ContractorActionSchema = z.discriminatedUnion("intent", [
  ContractorSchema.extend({ intent: z.literal("save") }),
  z.object({ intent: z.enum(recordIntents) }),
]);

// ---------------------------------------------------------------- sites and grid cells

export const SiteSchema = z.object({
  name: fields.name(100),
  kind: z.enum(SITE_KIND_VALUES, msg("admin.errors.chooseSiteKind")),
  address: fields.optionalText(200),
});

export const GridCellSchema = z.object({
  siteId: idField("admin.errors.chooseSite"),
  code: fields.name(20).refine((s) => !/\s/.test(s), msg("admin.errors.cellCodeSpace")),
  name: fields.name(100),
  patrolLeaderUserId: optionalId(),
});

/** Everything a site page posts: the site itself, and new grid cells on it. */
export const SiteActionSchema = z.discriminatedUnion("intent", [
  SiteSchema.extend({ intent: z.literal("save") }),
  z.object({ intent: z.enum(recordIntents) }),
  GridCellSchema.extend({ intent: z.literal("addCell") }),
]);

/** Everything a grid-cell page posts. */
export const GridCellActionSchema = z.discriminatedUnion("intent", [
  GridCellSchema.extend({ intent: z.literal("save") }),
  z.object({ intent: z.literal("delete") }),
]);

// ---------------------------------------------------------------- contracts

const stepRow = z.object({
  minTotal: z.string().max(20).optional().default(""),
  percent: z.string().max(20).optional().default(""),
});

/**
 * Rows of the step table. Browser values are an array; posted form data nests
 * `steps.0.minTotal` into an object keyed by row number — `indexedRows` makes
 * both an array. The cast keeps react-hook-form's field paths typed as an array.
 */
const stepsField = z.preprocess(indexedRows, z.array(stepRow).max(200)) as unknown as z.ZodType<StepRowValues[], StepRowValues[]>;

/** Checked boxes: none (absent), one (a string) or several (an array). */
const siteIdsField = z.preprocess(
  (v) => (v === undefined || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().max(64)).max(500),
) as unknown as z.ZodType<string[], string[]>;

const percentText = () => z.string().max(20).optional();

/**
 * The contract form. Its output is what `createContract`/`updateContract`
 * take: money in fen, the payment rule as a `PaymentRule`.
 */
export const ContractSchema = z
  .object({
    contractorId: idField("admin.errors.chooseContractor"),
    serviceType: z.enum(SERVICE_TYPES, msg("admin.errors.chooseServiceType")),
    title: fields.name(200),
    code: fields.optionalName(60),
    startOn: dayField(),
    endOn: dayField(),
    annualValue: z.string(msg("form.required")).superRefine((s, ctx) => {
      const problem = yuanProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
    /** The contract's own fee per quarter; empty: a quarter of the annual value (scoring/fee.ts). */
    quarterlyFee: z
      .string(msg("admin.errors.moneyFormat"))
      .optional()
      .superRefine((s, ctx) => {
        const problem = optionalYuanProblem(s);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    siteIds: siteIdsField,
    status: z.enum(CONTRACT_STATUS_VALUES, msg("form.choose")).optional(),
    paymentKind: z.enum(PAYMENT_KINDS, msg("admin.errors.choosePaymentKind")),
    steps: stepsField,
    threshold: percentText(),
    base: percentText(),
    vetoPercent: percentText(),
  })
  .superRefine((v, ctx) => {
    // Runs even when a field above failed, so every problem shows at once; values may be raw then.
    if (typeof v.startOn === "string" && typeof v.endOn === "string" && isIsoDate(v.startOn) && isIsoDate(v.endOn) && v.endOn < v.startOn) {
      ctx.addIssue({ code: "custom", path: ["endOn"], message: msg("admin.errors.endBeforeStart", { startOn: v.startOn }) });
    }
    if (!Array.isArray(v.siteIds) || v.siteIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["siteIds"], message: msg("admin.errors.chooseSites") });
    }
    if (v.paymentKind === "steps" || v.paymentKind === "linear_below") {
      for (const issue of paymentRuleIssues(v)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
  })
  .transform(
    (v): Omit<ContractInput, "status"> & { status?: ContractInput["status"] } => ({
      contractorId: v.contractorId,
      serviceType: v.serviceType,
      title: v.title,
      code: v.code ?? null,
      startOn: v.startOn,
      endOn: v.endOn,
      annualValueFen: yuanToFen(v.annualValue)!,
      quarterlyFeeFen: optionalYuanToFen(v.quarterlyFee),
      siteIds: v.siteIds,
      paymentRule: toPaymentRule(v)!,
      ...(v.status ? { status: v.status } : {}),
    }),
  );
export type ContractValues = z.input<typeof ContractSchema>;
export type ContractOutput = z.output<typeof ContractSchema>;

/** The buttons of a contract page besides "save" (which posts `ContractSchema`). */
export const ContractIntentSchema = z.object({ intent: z.enum(["save", ...recordIntents]) });

// ---------------------------------------------------------------- lists

export const PAGE_SIZE = 20;

/**
 * `?q=`, `?page=` and `?show=` (active | archived | all) of a list page;
 * forgiving, since people edit URLs: anything odd falls back to the default.
 */
export function readListQuery(request: Request): { q: string; page: number; archived: "active" | "archived" | "all" } {
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim().slice(0, 100);
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  const show = params.get("show");
  return {
    q,
    page: Number.isSafeInteger(page) && page > 0 ? Math.min(page, 100_000) : 1,
    archived: show === "archived" || show === "all" ? show : "active",
  };
}
