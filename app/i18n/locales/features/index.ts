/**
 * Messages of feature areas, merged into both locales. Each feature file
 * exports `zhCN` and `en` (typed against zhCN), so a feature owns its texts in
 * one place and a missing English key fails the typecheck.
 */
import * as admin from "./admin";
import * as appeals from "./appeals";
import * as auth from "./auth";
import * as calendar from "./calendar";
import * as contractor from "./contractor";
import * as dashboard from "./dashboard";
import * as dossier from "./dossier";
import * as events from "./events";
import * as exports from "./exports";
import * as findings from "./findings";
import * as inbox from "./inbox";
import * as inspections from "./inspections";
import * as patrols from "./patrols";
import * as photos from "./photos";
import * as procurement from "./procurement";
import * as quarter from "./quarter";
import * as rubricpages from "./rubricpages";
import * as rubriceditor from "./rubriceditor";
import * as scores from "./scores";
import * as settings from "./settings";
import * as survey from "./survey";

export const zhCN = { admin: admin.zhCN, appeals: appeals.zhCN, auth: auth.zhCN, calendar: calendar.zhCN, contractor: contractor.zhCN, dashboard: dashboard.zhCN, dossier: dossier.zhCN, events: events.zhCN, exports: exports.zhCN, findings: findings.zhCN, inbox: inbox.zhCN, inspections: inspections.zhCN, patrols: patrols.zhCN, photos: photos.zhCN, procurement: procurement.zhCN, quarter: quarter.zhCN, rubricpages: rubricpages.zhCN, rubriceditor: rubriceditor.zhCN, scores: scores.zhCN, settings: settings.zhCN, survey: survey.zhCN };
export const en = { admin: admin.en, appeals: appeals.en, auth: auth.en, calendar: calendar.en, contractor: contractor.en, dashboard: dashboard.en, dossier: dossier.en, events: events.en, exports: exports.en, findings: findings.en, inbox: inbox.en, inspections: inspections.en, patrols: patrols.en, photos: photos.en, procurement: procurement.en, quarter: quarter.en, rubricpages: rubricpages.en, rubriceditor: rubriceditor.en, scores: scores.en, settings: settings.en, survey: survey.en };
