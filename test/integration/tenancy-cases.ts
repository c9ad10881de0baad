/**
 * One row per exported data-access function, named by its module's path under
 * db/queries and its name ("surveys/campaigns.ts#getCampaign"): how
 * organisation A's admin would call it with organisation B's ids. See tenancy.test.ts.
 */
import type { Db } from "../../db/client";
import * as audit from "../../db/queries/audit";
import * as auth from "../../db/queries/auth";
import * as contractors from "../../db/queries/contractors";
import * as contracts from "../../db/queries/contracts";
import * as invitations from "../../db/queries/invitations";
import * as members from "../../db/queries/members";
import * as sites from "../../db/queries/sites";
import * as surveys from "../../db/queries/surveys";
import { samplePaymentRule } from "../helpers/factories";
import { photosCases } from "./tenancy-cases/photos";
import { membersCases } from "./tenancy-cases/members";
import { lifecycleCases } from "./tenancy-cases/lifecycle";
import { recordingCases } from "./tenancy-cases/recording";
import type { World } from "../helpers/world";
import { eventsCases } from "./tenancy-cases/events";
import { scoresCases } from "./tenancy-cases/scores";
import { dashboardCases } from "./tenancy-cases/dashboard";
import { procurementCases } from "./tenancy-cases/procurement";
import { procurementExportsCases } from "./tenancy-cases/procurement-exports";
import { rubricsCases } from "./tenancy-cases/rubrics";
import { calendarCases } from "./tenancy-cases/calendar";
import { appealsCases } from "./tenancy-cases/appeals";
import { portalCases } from "./tenancy-cases/portal";
import { remindersCases } from "./tenancy-cases/reminders";

type Case = (db: Db, w: World) => Promise<unknown>;

const B = (w: World, table: string) => w.b[table]!.id;
const orgA = (w: World) => ({ orgId: w.orgA.id });

const contractInput = (w: World) => ({
  contractorId: B(w, "contractors"),
  serviceType: "property" as const,
  title: "越权合同",
  startOn: "2026-01-01",
  endOn: "2026-12-31",
  annualValueFen: 100_000_00,
  paymentRule: samplePaymentRule,
  siteIds: [B(w, "sites")],
});

export const TENANCY_CASES: Record<string, Case> = {
  ...photosCases,
  ...membersCases,
  ...lifecycleCases,
  ...scoresCases,
  ...dashboardCases,
  ...procurementCases,
  ...procurementExportsCases,
  ...recordingCases,
  ...rubricsCases,
  ...calendarCases,
  ...appealsCases,
  ...portalCases,
  ...remindersCases,
  // sessions and the audit trail
  "auth.ts#switchSessionOrg": (db, w) =>
    auth.switchSessionOrg(db, { sessionId: w.sessionA.id, userId: w.adminA.id, orgId: B(w, "organisations") }),
  "audit.ts#listAuditPage": (db, w) => audit.listAuditPage(db, { ...orgA(w), timeZone: "Asia/Shanghai" }),

  // invitations and password resets
  "invitations.ts#listPendingInvitations": (db, w) => invitations.listPendingInvitations(db, { ...orgA(w), now: new Date() }),
  "invitations.ts#revokeInvitation": (db, w) => invitations.revokeInvitation(db, w.ctxA, { id: B(w, "invitations"), now: new Date() }),
  "invitations.ts#acceptInvitation": (db, w) =>
    invitations.acceptInvitation(db, { id: B(w, "invitations"), userId: w.adminA.id, email: "admin@tenant-a.test", now: new Date() }),
  "invitations.ts#listInvitationsForEmail": (db) => invitations.listInvitationsForEmail(db, { email: "admin@tenant-a.test", now: new Date() }),
  "auth.ts#createPasswordReset": (db, w) =>
    auth.createPasswordReset(db, w.ctxA, { userId: B(w, "users"), tokenHash: "tenancy-test-token-hash", now: new Date() }),

  // members
  "members.ts#listMembers": (db, w) =>
    members.listMembers(db, { ...orgA(w), q: "" }).then((page) => ({ ...page, rows: page.rows.filter((r) => r.userId !== w.adminA.id) })),
  "members.ts#listMemberOptions": (db, w) => members.listMemberOptions(db, { ...orgA(w), roles: ["admin", "supervisor", "procurement", "staff"] }).then((rows) => rows.filter((r) => r.userId !== w.adminA.id)),
  "members.ts#getMember": (db, w) => members.getMember(db, { ...orgA(w), userId: B(w, "users") }),
  "members.ts#setMemberRole": (db, w) => members.setMemberRole(db, w.ctxA, { userId: B(w, "users"), role: "admin" }),
  "members.ts#removeMember": (db, w) => members.removeMember(db, w.ctxA, { userId: B(w, "users") }),

  // contractors
  "contractors.ts#listContractors": (db, w) => contractors.listContractors(db, orgA(w)),
  "contractors.ts#listContractorOptions": (db, w) => contractors.listContractorOptions(db, orgA(w)),
  "contractors.ts#getContractor": (db, w) => contractors.getContractor(db, { ...orgA(w), id: B(w, "contractors") }),
  "contractors.ts#updateContractor": (db, w) =>
    contractors.updateContractor(db, w.ctxA, { id: B(w, "contractors"), name: "改名", creditCode: String(w.b.contractors!.creditCode) }),
  "contractors.ts#archiveContractor": (db, w) => contractors.archiveContractor(db, w.ctxA, { id: B(w, "contractors") }),
  "contractors.ts#restoreContractor": (db, w) => contractors.restoreContractor(db, w.ctxA, { id: B(w, "contractors") }),
  "contractors.ts#deleteContractor": (db, w) => contractors.deleteContractor(db, w.ctxA, { id: B(w, "contractors") }),

  // sites and grid cells
  "sites.ts#listSites": (db, w) => sites.listSites(db, orgA(w)),
  "sites.ts#listSiteOptions": (db, w) => sites.listSiteOptions(db, orgA(w)),
  "sites.ts#getSite": (db, w) => sites.getSite(db, { ...orgA(w), id: B(w, "sites") }),
  "sites.ts#updateSite": (db, w) => sites.updateSite(db, w.ctxA, { id: B(w, "sites"), name: "改名", kind: "building" }),
  "sites.ts#archiveSite": (db, w) => sites.archiveSite(db, w.ctxA, { id: B(w, "sites") }),
  "sites.ts#restoreSite": (db, w) => sites.restoreSite(db, w.ctxA, { id: B(w, "sites") }),
  "sites.ts#deleteSite": (db, w) => sites.deleteSite(db, w.ctxA, { id: B(w, "sites") }),
  "sites.ts#listGridCells": (db, w) => sites.listGridCells(db, { ...orgA(w), siteId: B(w, "sites") }),
  "sites.ts#getGridCell": (db, w) => sites.getGridCell(db, { ...orgA(w), id: B(w, "grid_cells") }),
  "sites.ts#createGridCell": (db, w) => sites.createGridCell(db, w.ctxA, { siteId: B(w, "sites"), code: "Z-99", name: "越权网格" }),
  "sites.ts#updateGridCell": (db, w) =>
    sites.updateGridCell(db, w.ctxA, { id: B(w, "grid_cells"), siteId: B(w, "sites"), code: "Z-98", name: "改名" }),
  "sites.ts#deleteGridCell": (db, w) => sites.deleteGridCell(db, w.ctxA, { id: B(w, "grid_cells") }),

  // contracts
  "contracts.ts#listContracts": (db, w) => contracts.listContracts(db, { ...orgA(w), contractorId: B(w, "contractors") }),
  "contracts.ts#getContract": (db, w) => contracts.getContract(db, { ...orgA(w), id: B(w, "contracts"), withUsage: true }),
  "contracts.ts#createContract": (db, w) => contracts.createContract(db, w.ctxA, contractInput(w)),
  "contracts.ts#updateContract": (db, w) => contracts.updateContract(db, w.ctxA, { id: B(w, "contracts"), ...contractInput(w) }),
  "contracts.ts#archiveContract": (db, w) => contracts.archiveContract(db, w.ctxA, { id: B(w, "contracts") }),
  "contracts.ts#restoreContract": (db, w) => contracts.restoreContract(db, w.ctxA, { id: B(w, "contracts") }),
  "contracts.ts#deleteContract": (db, w) => contracts.deleteContract(db, w.ctxA, { id: B(w, "contracts") }),

  // surveys
  "surveys/campaigns.ts#createCampaign": (db, w) =>
    surveys.createCampaign(db, w.ctxA, {
      contractId: B(w, "contracts"),
      period: "2026-Q4",
      opensOn: "2026-12-01",
      closesOn: "2026-12-20",
      allowOpenLink: true,
      inviteCount: 5,
    }),
  "surveys/campaigns.ts#getCampaign": (db, w) => surveys.getCampaign(db, { ...orgA(w), campaignId: B(w, "survey_campaigns") }),
  "surveys/campaigns.ts#listCampaigns": (db, w) => surveys.listCampaigns(db, { ...orgA(w), contractId: B(w, "contracts") }),
  "surveys/campaigns.ts#setCampaignStatus": (db, w) => surveys.setCampaignStatus(db, w.ctxA, { campaignId: B(w, "survey_campaigns"), status: "closed" }),
  "surveys/invites.ts#addInvites": (db, w) => surveys.addInvites(db, w.ctxA, { campaignId: B(w, "survey_campaigns"), count: 3 }),
  "surveys/invites.ts#listInvites": (db, w) => surveys.listInvites(db, { ...orgA(w), campaignId: B(w, "survey_campaigns") }),
  "surveys/public.ts#getCampaignForParticipant": (db, w) =>
    surveys.getCampaignForParticipant(db, { ...orgA(w), campaignId: B(w, "survey_campaigns"), userId: w.adminA.id }),
  "surveys/public.ts#listOpenSurveysForUser": (db, w) =>
    surveys.listOpenSurveysForUser(db, { ...orgA(w), userId: B(w, "users"), today: "2026-09-20" }),
  "surveys/results.ts#getTally": (db, w) => surveys.getTally(db, { ...orgA(w), campaignId: B(w, "survey_campaigns") }),
  "surveys/results.ts#getContractPeriodTally": (db, w) =>
    surveys.getContractPeriodTally(db, { ...orgA(w), contractId: B(w, "contracts"), period: "2026-Q3" }),
  "surveys/results.ts#listComments": (db, w) => surveys.listComments(db, { ...orgA(w), campaignId: B(w, "survey_campaigns") }),
  "surveys/results.ts#getResponseMonitor": (db, w) => surveys.getResponseMonitor(db, { ...orgA(w), campaignId: B(w, "survey_campaigns") }),

  ...eventsCases,
};
