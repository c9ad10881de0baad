DROP INDEX `findings_org_contract_period_idx`;--> statement-breakpoint
CREATE INDEX `findings_org_contract_period_status_due_idx` ON `findings` (`org_id`,`contract_id`,`period`,`status`,`due_on`);--> statement-breakpoint
ALTER TABLE `contract_quarters` ADD `rubric_version_id` text REFERENCES rubric_versions(id);--> statement-breakpoint
ALTER TABLE `contract_quarters` ADD `rubric_id` text;--> statement-breakpoint
ALTER TABLE `contract_quarters` ADD `rubric_version` text;--> statement-breakpoint
ALTER TABLE `contract_quarters` ADD `reopened_at` text;--> statement-breakpoint
ALTER TABLE `contract_quarters` ADD `reopened_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `contracts` ADD `quarterly_fee_fen` integer;--> statement-breakpoint
-- quarter_scores has never been written (nothing finalised before this migration), so it is
-- recreated rather than copied: the new NOT NULL columns have nothing to be copied from.
DROP TABLE `quarter_scores`;--> statement-breakpoint
CREATE TABLE `quarter_scores` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`period` text NOT NULL,
	`revision` integer NOT NULL,
	`override_reason` text,
	`provisional_justification` text,
	`total` real NOT NULL,
	`grade` text NOT NULL,
	`satisfaction_rate` real,
	`respondents` integer NOT NULL,
	`target_rate` real NOT NULL,
	`provisional` integer NOT NULL,
	`vetoed` integer NOT NULL,
	`deducted_fen` integer NOT NULL,
	`rubric_id` text NOT NULL,
	`rubric_version` text NOT NULL,
	`reason` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`as_of` text NOT NULL,
	`input` text NOT NULL,
	`output` text NOT NULL,
	`rubric` text NOT NULL,
	`fee` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "quarter_scores_period_format" CHECK("period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
	CONSTRAINT "quarter_scores_revision_non_negative" CHECK("revision" >= 0),
	CONSTRAINT "quarter_scores_total_range" CHECK("total" BETWEEN 0 AND 100),
	CONSTRAINT "quarter_scores_as_of_day" CHECK("as_of" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `quarter_scores_org_contract_period_idx` ON `quarter_scores` (`org_id`,`contract_id`,`period`);--> statement-breakpoint
CREATE INDEX `quarter_scores_org_period_idx` ON `quarter_scores` (`org_id`,`period`);--> statement-breakpoint
CREATE UNIQUE INDEX `quarter_scores_contract_period_revision_unique` ON `quarter_scores` (`contract_id`,`period`,`revision`);