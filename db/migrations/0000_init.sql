CREATE TABLE `login_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`attempted_at` text NOT NULL,
	`succeeded` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_key_at_idx` ON `login_attempts` (`key`,`attempted_at`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_org_user_unique` ON `memberships` (`org_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`time_zone` text DEFAULT 'Asia/Shanghai' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_unique` ON `organisations` (`slug`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_org_user_idx` ON `sessions` (`org_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`disabled_at` text,
	CONSTRAINT "users_email_lower" CHECK("email" = lower("email"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `contractors` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`credit_code` text NOT NULL,
	`contact_name` text,
	`contact_phone` text,
	`contact_email` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "contractors_credit_code_length" CHECK(length("credit_code") = 18)
);
--> statement-breakpoint
CREATE INDEX `contractors_org_name_idx` ON `contractors` (`org_id`,`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `contractors_org_credit_code_unique` ON `contractors` (`org_id`,`credit_code`);--> statement-breakpoint
CREATE TABLE `grid_cells` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`site_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`patrol_leader_user_id` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`patrol_leader_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `grid_cells_org_site_idx` ON `grid_cells` (`org_id`,`site_id`);--> statement-breakpoint
CREATE INDEX `grid_cells_org_leader_idx` ON `grid_cells` (`org_id`,`patrol_leader_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `grid_cells_org_code_unique` ON `grid_cells` (`org_id`,`code`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`address` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `sites_org_name_idx` ON `sites` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `rubric_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`service_type` text NOT NULL,
	`rubric_id` text NOT NULL,
	`version` text NOT NULL,
	`based_on` text,
	`rubric` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `rubric_versions_org_type_status_idx` ON `rubric_versions` (`org_id`,`service_type`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `rubric_versions_org_rubric_version_unique` ON `rubric_versions` (`org_id`,`rubric_id`,`version`);--> statement-breakpoint
CREATE TABLE `contract_quarters` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`period` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`reopen_reason` text,
	`finalised_at` text,
	`finalised_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`finalised_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "contract_quarters_period_format" CHECK("period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
	CONSTRAINT "contract_quarters_revision_non_negative" CHECK("revision" >= 0)
);
--> statement-breakpoint
CREATE INDEX `contract_quarters_org_period_status_idx` ON `contract_quarters` (`org_id`,`period`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `contract_quarters_contract_period_unique` ON `contract_quarters` (`contract_id`,`period`);--> statement-breakpoint
CREATE TABLE `contract_sites` (
	`contract_id` text NOT NULL,
	`site_id` text NOT NULL,
	`org_id` text NOT NULL,
	PRIMARY KEY(`contract_id`, `site_id`),
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `contract_sites_org_site_idx` ON `contract_sites` (`org_id`,`site_id`);--> statement-breakpoint
CREATE TABLE `contracts` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contractor_id` text NOT NULL,
	`service_type` text NOT NULL,
	`title` text NOT NULL,
	`code` text,
	`start_on` text NOT NULL,
	`end_on` text NOT NULL,
	`annual_value_fen` integer NOT NULL,
	`payment_rule` text NOT NULL,
	`rubric_version_id` text,
	`status` text DEFAULT 'active' NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contractor_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`rubric_version_id`) REFERENCES `rubric_versions`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "contracts_start_on_day" CHECK("start_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "contracts_end_on_day" CHECK("end_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "contracts_term_order" CHECK("end_on" >= "start_on"),
	CONSTRAINT "contracts_annual_value_non_negative" CHECK("annual_value_fen" >= 0)
);
--> statement-breakpoint
CREATE INDEX `contracts_org_contractor_idx` ON `contracts` (`org_id`,`contractor_id`);--> statement-breakpoint
CREATE INDEX `contracts_org_status_end_idx` ON `contracts` (`org_id`,`status`,`end_on`);--> statement-breakpoint
CREATE INDEX `contracts_org_type_idx` ON `contracts` (`org_id`,`service_type`);--> statement-breakpoint
CREATE UNIQUE INDEX `contracts_org_code_unique` ON `contracts` (`org_id`,`code`);--> statement-breakpoint
CREATE TABLE `quarter_scores` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`period` text NOT NULL,
	`revision` integer NOT NULL,
	`input` text NOT NULL,
	`output` text NOT NULL,
	`rubric_id` text NOT NULL,
	`rubric_version` text NOT NULL,
	`total` real NOT NULL,
	`grade` text NOT NULL,
	`reason` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "quarter_scores_period_format" CHECK("period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
	CONSTRAINT "quarter_scores_revision_non_negative" CHECK("revision" >= 0),
	CONSTRAINT "quarter_scores_total_range" CHECK("total" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE INDEX `quarter_scores_org_contract_period_idx` ON `quarter_scores` (`org_id`,`contract_id`,`period`);--> statement-breakpoint
CREATE INDEX `quarter_scores_org_period_idx` ON `quarter_scores` (`org_id`,`period`);--> statement-breakpoint
CREATE UNIQUE INDEX `quarter_scores_contract_period_revision_unique` ON `quarter_scores` (`contract_id`,`period`,`revision`);--> statement-breakpoint
CREATE TABLE `survey_answers` (
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
);
--> statement-breakpoint
CREATE INDEX `survey_answers_org_campaign_question_value_idx` ON `survey_answers` (`org_id`,`campaign_id`,`question_id`,`value`);--> statement-breakpoint
CREATE TABLE `survey_campaign_counts` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`respondents` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `survey_campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "survey_campaign_counts_respondents_non_negative" CHECK("respondents" >= 0)
);
--> statement-breakpoint
CREATE INDEX `survey_campaign_counts_org_idx` ON `survey_campaign_counts` (`org_id`);--> statement-breakpoint
CREATE TABLE `survey_campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`period` text NOT NULL,
	`rubric_id` text NOT NULL,
	`rubric_version` text NOT NULL,
	`questionnaire` text NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`open_token` text NOT NULL,
	`allow_open_link` integer DEFAULT false NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "survey_campaigns_period_format" CHECK("period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
	CONSTRAINT "survey_campaigns_opens_on_day" CHECK("opens_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "survey_campaigns_closes_on_day" CHECK("closes_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "survey_campaigns_window_order" CHECK("closes_on" >= "opens_on")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_campaigns_open_token_unique` ON `survey_campaigns` (`open_token`);--> statement-breakpoint
CREATE INDEX `survey_campaigns_org_contract_period_idx` ON `survey_campaigns` (`org_id`,`contract_id`,`period`);--> statement-breakpoint
CREATE INDEX `survey_campaigns_org_status_idx` ON `survey_campaigns` (`org_id`,`status`,`closes_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `survey_campaigns_contract_period_unique` ON `survey_campaigns` (`contract_id`,`period`);--> statement-breakpoint
CREATE TABLE `survey_invites` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`code` text NOT NULL,
	`used_on` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`campaign_id`) REFERENCES `survey_campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "survey_invites_used_on_day" CHECK("used_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_invites_code_unique` ON `survey_invites` (`code`);--> statement-breakpoint
CREATE INDEX `survey_invites_org_campaign_used_idx` ON `survey_invites` (`org_id`,`campaign_id`,`used_on`);--> statement-breakpoint
CREATE TABLE `survey_participations` (
	`campaign_id` text NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `user_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `survey_campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `survey_participations_org_user_idx` ON `survey_participations` (`org_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`submitted_on` text NOT NULL,
	`comment` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`campaign_id`) REFERENCES `survey_campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "survey_responses_submitted_on_day" CHECK("submitted_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `survey_responses_org_campaign_idx` ON `survey_responses` (`org_id`,`campaign_id`,`submitted_on`);--> statement-breakpoint
CREATE TABLE `survey_tallies` (
	`org_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`question_id` text NOT NULL,
	`v1` integer DEFAULT 0 NOT NULL,
	`v2` integer DEFAULT 0 NOT NULL,
	`v3` integer DEFAULT 0 NOT NULL,
	`v4` integer DEFAULT 0 NOT NULL,
	`v5` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `question_id`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`campaign_id`) REFERENCES `survey_campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "survey_tallies_non_negative" CHECK("v1" >= 0 AND "v2" >= 0 AND "v3" >= 0 AND "v4" >= 0 AND "v5" >= 0)
);
--> statement-breakpoint
CREATE INDEX `survey_tallies_org_campaign_idx` ON `survey_tallies` (`org_id`,`campaign_id`);--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`finding_id` text,
	`event_id` text,
	`storage_key` text NOT NULL,
	`mime_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`event_id`) REFERENCES `finding_events`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "evidence_files_bytes_non_negative" CHECK("bytes" >= 0),
	CONSTRAINT "evidence_files_sha256_length" CHECK(length("sha256") = 64)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_files_storage_key_unique` ON `evidence_files` (`storage_key`);--> statement-breakpoint
CREATE INDEX `evidence_files_org_finding_idx` ON `evidence_files` (`org_id`,`finding_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_org_event_idx` ON `evidence_files` (`org_id`,`event_id`);--> statement-breakpoint
CREATE TABLE `finding_events` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`finding_id` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`by_user_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `finding_events_org_finding_at_idx` ON `finding_events` (`org_id`,`finding_id`,`at`);--> statement-breakpoint
CREATE TABLE `findings` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`inspection_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`period` text NOT NULL,
	`item_id` text NOT NULL,
	`severity` text NOT NULL,
	`description` text NOT NULL,
	`found_on` text NOT NULL,
	`due_on` text NOT NULL,
	`rectified_on` text,
	`verified_on` text,
	`verified_by` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "findings_period_format" CHECK("period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
	CONSTRAINT "findings_found_on_day" CHECK("found_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "findings_due_on_day" CHECK("due_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "findings_rectified_on_day" CHECK("rectified_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "findings_verified_on_day" CHECK("verified_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "findings_due_after_found" CHECK("due_on" >= "found_on")
);
--> statement-breakpoint
CREATE INDEX `findings_org_contract_period_idx` ON `findings` (`org_id`,`contract_id`,`period`);--> statement-breakpoint
CREATE INDEX `findings_org_status_due_idx` ON `findings` (`org_id`,`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `findings_org_inspection_idx` ON `findings` (`org_id`,`inspection_id`);--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`site_id` text,
	`grid_cell_id` text,
	`inspector_user_id` text NOT NULL,
	`inspected_on` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`grid_cell_id`) REFERENCES `grid_cells`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`inspector_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "inspections_inspected_on_day" CHECK("inspected_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `inspections_org_contract_on_idx` ON `inspections` (`org_id`,`contract_id`,`inspected_on`);--> statement-breakpoint
CREATE INDEX `inspections_org_on_idx` ON `inspections` (`org_id`,`inspected_on`);--> statement-breakpoint
CREATE INDEX `inspections_org_grid_cell_idx` ON `inspections` (`org_id`,`grid_cell_id`);--> statement-breakpoint
CREATE TABLE `bonus_events` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`period` text NOT NULL,
	`item_id` text NOT NULL,
	`note` text,
	`occurred_on` text,
	`recorded_by` text NOT NULL,
	`confirmed_by` text,
	`confirmed_at` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "bonus_events_period_format" CHECK("period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
	CONSTRAINT "bonus_events_occurred_on_day" CHECK("occurred_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `bonus_events_org_contract_period_idx` ON `bonus_events` (`org_id`,`contract_id`,`period`);--> statement-breakpoint
CREATE TABLE `veto_events` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`period` text NOT NULL,
	`item_id` text NOT NULL,
	`note` text,
	`occurred_on` text NOT NULL,
	`recorded_by` text NOT NULL,
	`confirmed_by` text,
	`confirmed_at` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "veto_events_period_format" CHECK("period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
	CONSTRAINT "veto_events_occurred_on_day" CHECK("occurred_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `veto_events_org_contract_period_idx` ON `veto_events` (`org_id`,`contract_id`,`period`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text,
	`actor_user_id` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`at` text NOT NULL,
	`ip` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `audit_log_org_at_idx` ON `audit_log` (`org_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_org_entity_idx` ON `audit_log` (`org_id`,`entity`,`entity_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_org_actor_at_idx` ON `audit_log` (`org_id`,`actor_user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_org_action_at_idx` ON `audit_log` (`org_id`,`action`,`at`);