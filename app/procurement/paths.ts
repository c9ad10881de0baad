/**
 * Where procurement's pages live (issue 12), so every link is spelt once:
 * the tender view, the comparison, a contract's dossier, a quarter behind a
 * reason, and the exports.
 */
import type { ServiceType } from "../../scoring/types";

export const TENDER_PATH = "/procurement";
export const comparePath = (serviceType: ServiceType) => `/procurement/compare/${serviceType}`;
/** The contract dossier (tender file): printable. */
export const dossierPath = (contractId: string) => `/procurement/contracts/${encodeURIComponent(contractId)}`;
/** A quarter of the contract as procurement sees it: its finalised snapshot. */
export const quarterPath = (contractId: string, period: string) => `${dossierPath(contractId)}/quarters/${period}`;
export const contractExportPath = (contractId: string) => `${dossierPath(contractId)}/export.xlsx`;
export const orgExportPath = "/procurement/export.xlsx";
/** One table of the organisation's export as CSV: `?table=scores|findings|survey|appeals`. */
export const orgCsvPath = (table: "scores" | "findings" | "survey" | "appeals") => `/procurement/export.csv?table=${table}`;
