/** Form values of a stored contract, and the choices its form offers. */
import type { PaymentRule, ServiceType } from "../../scoring/types";
import { fenToYuanText } from "./money";
import { DEFAULT_PAYMENT_RULE_VALUES, paymentRuleValues } from "./payment-rule";
import { echoValues } from "~/utils/forms";
import type { ContractValues } from "./schemas";

export const NEW_CONTRACT_VALUES: ContractValues = {
  contractorId: "",
  serviceType: "" as ServiceType,
  title: "",
  code: "",
  startOn: "",
  endOn: "",
  annualValue: "",
  quarterlyFee: "",
  siteIds: [],
  ...DEFAULT_PAYMENT_RULE_VALUES,
};

export function contractValues(c: {
  contractorId: string;
  serviceType: ServiceType;
  title: string;
  code: string | null;
  startOn: string;
  endOn: string;
  annualValueFen: number;
  quarterlyFeeFen: number | null;
  siteIds: string[];
  status: "active" | "ended" | "terminated";
  paymentRule: PaymentRule;
}): ContractValues {
  return {
    contractorId: c.contractorId,
    serviceType: c.serviceType,
    title: c.title,
    code: c.code ?? "",
    startOn: c.startOn,
    endOn: c.endOn,
    annualValue: fenToYuanText(c.annualValueFen),
    quarterlyFee: c.quarterlyFeeFen === null ? "" : fenToYuanText(c.quarterlyFeeFen),
    siteIds: c.siteIds,
    status: c.status,
    ...paymentRuleValues(c.paymentRule),
  };
}

/**
 * Contractors and sites a contract may name: those not archived, plus the
 * ones it already names (they may have been archived since).
 */
export function selectable<T extends { id: string; archivedAt: string | null }>(rows: T[], keep: string[] = []): T[] {
  return rows.filter((r) => !r.archivedAt || keep.includes(r.id));
}

/**
 * The form's values after a refused post: what was sent, over the defaults,
 * in the defaults' shape (`echoValues`). Posted step rows arrive keyed by row
 * number; checkboxes as an array, or nothing when none was ticked.
 */
export function withPosted(defaults: ContractValues, posted: Record<string, unknown> | undefined): ContractValues {
  if (!posted) return defaults;
  return { ...echoValues(defaults, posted), siteIds: echoValues<string[]>([], posted.siteIds ?? []) };
}
