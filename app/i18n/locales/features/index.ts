/**
 * Messages of feature areas, merged into both locales. Each feature file
 * exports `zhCN` and `en` (typed against zhCN), so a feature owns its texts in
 * one place and a missing English key fails the typecheck.
 */
import * as admin from "./admin";
import * as auth from "./auth";
import * as inspections from "./inspections";
import * as photos from "./photos";
import * as survey from "./survey";

export const zhCN = { admin: admin.zhCN, auth: auth.zhCN, inspections: inspections.zhCN, photos: photos.zhCN, survey: survey.zhCN };
export const en = { admin: admin.en, auth: auth.en, inspections: inspections.en, photos: photos.en, survey: survey.en };
