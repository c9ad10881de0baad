/**
 * Messages of feature areas, merged into both locales. Each feature file
 * exports `zhCN` and `en` (typed against zhCN), so a feature owns its texts in
 * one place and a missing English key fails the typecheck.
 */
import * as admin from "./admin";
import * as auth from "./auth";
import * as dashboard from "./dashboard";
import * as events from "./events";
import * as findings from "./findings";
import * as inspections from "./inspections";
import * as patrols from "./patrols";
import * as photos from "./photos";
import * as scores from "./scores";
import * as survey from "./survey";

export const zhCN = { admin: admin.zhCN, auth: auth.zhCN, dashboard: dashboard.zhCN, events: events.zhCN, findings: findings.zhCN, inspections: inspections.zhCN, patrols: patrols.zhCN, photos: photos.zhCN, scores: scores.zhCN, survey: survey.zhCN };
export const en = { admin: admin.en, auth: auth.en, dashboard: dashboard.en, events: events.en, findings: findings.en, inspections: inspections.en, patrols: patrols.en, photos: photos.en, scores: scores.en, survey: survey.en };
