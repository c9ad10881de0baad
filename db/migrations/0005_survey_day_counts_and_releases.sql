CREATE TABLE `survey_campaign_day_counts` (
	`campaign_id` text NOT NULL,
	`day` text NOT NULL,
	`org_id` text NOT NULL,
	`respondents` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `day`),
	FOREIGN KEY (`campaign_id`) REFERENCES `survey_campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "survey_campaign_day_counts_day" CHECK("day" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "survey_campaign_day_counts_non_negative" CHECK("respondents" >= 0)
);
--> statement-breakpoint
CREATE INDEX `survey_campaign_day_counts_org_campaign_idx` ON `survey_campaign_day_counts` (`org_id`,`campaign_id`);--> statement-breakpoint
CREATE TABLE `survey_tally_releases` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`respondents` integer NOT NULL,
	`straight_lined` integer NOT NULL,
	`questions` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `survey_campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "survey_tally_releases_respondents_non_negative" CHECK("respondents" >= 0)
);
--> statement-breakpoint
CREATE INDEX `survey_tally_releases_org_idx` ON `survey_tally_releases` (`org_id`);--> statement-breakpoint
ALTER TABLE `survey_invites` ADD `used` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `survey_responses` ADD `released` integer DEFAULT false NOT NULL;