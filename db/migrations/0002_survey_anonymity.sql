-- Survey anonymity: rebuild the three tables that record taking part and
-- answering as WITHOUT ROWID. An ordinary SQLite table keeps a hidden rowid in
-- insertion order, so the n-th participation and the n-th response could be
-- matched up by anyone with SQL access. WITHOUT ROWID stores rows in primary
-- key order only: a random response id, (campaign, user) for participations.
-- drizzle-kit cannot express WITHOUT ROWID: a future generated rebuild of these
-- tables must add it back by hand (test/integration/db-migrations.test.ts checks).
-- The migrator runs this with foreign keys off, as drizzle-kit's own rebuilds expect.
CREATE TABLE `__new_survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`submitted_on` text NOT NULL,
	`comment` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`campaign_id`) REFERENCES `survey_campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "survey_responses_submitted_on_day" CHECK("submitted_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_survey_responses`(`id`, `org_id`, `campaign_id`, `submitted_on`, `comment`) SELECT `id`, `org_id`, `campaign_id`, `submitted_on`, `comment` FROM `survey_responses`;--> statement-breakpoint
DROP TABLE `survey_responses`;--> statement-breakpoint
ALTER TABLE `__new_survey_responses` RENAME TO `survey_responses`;--> statement-breakpoint
CREATE INDEX `survey_responses_org_campaign_idx` ON `survey_responses` (`org_id`,`campaign_id`,`submitted_on`);--> statement-breakpoint
CREATE TABLE `__new_survey_answers` (
	`response_id` text NOT NULL,
	`org_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`question_id` text NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`response_id`, `question_id`),
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`campaign_id`) REFERENCES `survey_campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "survey_answers_value_range" CHECK("value" BETWEEN 1 AND 5)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_survey_answers`(`response_id`, `org_id`, `campaign_id`, `question_id`, `value`) SELECT `response_id`, `org_id`, `campaign_id`, `question_id`, `value` FROM `survey_answers`;--> statement-breakpoint
DROP TABLE `survey_answers`;--> statement-breakpoint
ALTER TABLE `__new_survey_answers` RENAME TO `survey_answers`;--> statement-breakpoint
CREATE INDEX `survey_answers_org_campaign_question_value_idx` ON `survey_answers` (`org_id`,`campaign_id`,`question_id`,`value`);--> statement-breakpoint
CREATE TABLE `__new_survey_participations` (
	`campaign_id` text NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `user_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `survey_campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_survey_participations`(`campaign_id`, `user_id`, `org_id`) SELECT `campaign_id`, `user_id`, `org_id` FROM `survey_participations`;--> statement-breakpoint
DROP TABLE `survey_participations`;--> statement-breakpoint
ALTER TABLE `__new_survey_participations` RENAME TO `survey_participations`;--> statement-breakpoint
CREATE INDEX `survey_participations_org_user_idx` ON `survey_participations` (`org_id`,`user_id`);
