/**
 * A quarter's fee calculation as the score page shows it and a snapshot
 * stores it: the quarter's fee (scoring/fee.ts `quarterFee`) through the
 * contract's payment rule (`quarterPayment`).
 */
import { quarterPayment } from "../../../scoring/index";
import { quarterFee } from "../../../scoring/fee";
import type { PaymentRule, Period, QuarterScore } from "../../../scoring/types";
import type { StoredQuarterFee } from "../../schema";

export interface FeeTerms {
  annualValueFen: number;
  quarterlyFeeFen: number | null;
  startOn: string;
  endOn: string;
  paymentRule: PaymentRule;
}

/** The fee of the quarter, what the score pays of it and what is deducted. */
export function feeOf(contract: FeeTerms, period: Period, score: Pick<QuarterScore, "total" | "vetoed">): StoredQuarterFee {
  const fee = quarterFee(contract, period);
  return { ...fee, rule: contract.paymentRule, ...quarterPayment(contract.paymentRule, score, fee.quarterFeeFen) };
}
