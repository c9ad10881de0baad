-- Survey anonymity (issue 9, items 6 and 8): move what the stored days said
-- into counters before 0006 drops the days. An invite keeps only THAT it was
-- used; the per-day chart reads per-campaign-day counters; results are read
-- from a released tally, taken here for every campaign that already has the
-- 5 respondents a release needs (with all its comments released).
UPDATE `survey_invites` SET `used` = 1 WHERE `used_on` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `survey_campaign_day_counts` (`campaign_id`, `day`, `org_id`, `respondents`)
SELECT `campaign_id`, `submitted_on`, `org_id`, count(*) FROM `survey_responses` GROUP BY `campaign_id`, `submitted_on`;
--> statement-breakpoint
INSERT INTO `survey_tally_releases` (`campaign_id`, `org_id`, `respondents`, `straight_lined`, `questions`)
SELECT n.`campaign_id`, n.`org_id`, n.`respondents`, n.`straight_lined`,
  coalesce((SELECT json_group_object(t.`question_id`, json_array(t.`v1`, t.`v2`, t.`v3`, t.`v4`, t.`v5`))
            FROM `survey_tallies` t WHERE t.`campaign_id` = n.`campaign_id`), '{}')
FROM `survey_campaign_counts` n WHERE n.`respondents` >= 5;
--> statement-breakpoint
UPDATE `survey_responses` SET `released` = 1
WHERE `comment` IS NOT NULL AND `campaign_id` IN (SELECT `campaign_id` FROM `survey_tally_releases`);
