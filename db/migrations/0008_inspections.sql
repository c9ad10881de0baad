-- The inspection tables were an unused sketch (nothing wrote them): rebuilt from scratch
-- rather than altered column by column. Children first when dropping, parents first when creating.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
DROP TABLE IF EXISTS `evidence_files`;--> statement-breakpoint
DROP TABLE IF EXISTS `finding_events`;--> statement-breakpoint
DROP TABLE IF EXISTS `findings`;--> statement-breakpoint
DROP TABLE IF EXISTS `inspections`;--> statement-breakpoint
DROP TABLE IF EXISTS `veto_events`;--> statement-breakpoint
DROP TABLE IF EXISTS `bonus_events`;--> statement-breakpoint
CREATE TABLE `bonus_events` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`site_id` text,
	`period` text NOT NULL,
	`item_id` text NOT NULL,
	`note` text NOT NULL,
	`occurred_on` text NOT NULL,
	`status` text DEFAULT 'counted' NOT NULL,
	`recorded_by` text NOT NULL,
	`withdrawn_reason` text,
	`withdrawn_by` text,
	`withdrawn_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "bonus_events_period_format" CHECK("period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
	CONSTRAINT "bonus_events_occurred_on_day" CHECK("occurred_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);--> statement-breakpoint
CREATE INDEX `bonus_events_org_contract_period_idx` ON `bonus_events` (`org_id`,`contract_id`,`period`);--> statement-breakpoint
CREATE INDEX `bonus_events_org_occurred_idx` ON `bonus_events` (`org_id`,`occurred_on`);--> statement-breakpoint
CREATE TABLE `veto_events` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`site_id` text,
	`period` text NOT NULL,
	`item_id` text NOT NULL,
	`note` text NOT NULL,
	`occurred_on` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`recorded_by` text NOT NULL,
	`confirmed_by` text,
	`confirmed_at` text,
	`withdrawn_reason` text,
	`withdrawn_by` text,
	`withdrawn_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "veto_events_period_format" CHECK("period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
	CONSTRAINT "veto_events_occurred_on_day" CHECK("occurred_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "veto_events_confirmed_by_other" CHECK("confirmed_by" IS NULL OR "confirmed_by" <> "recorded_by")
);--> statement-breakpoint
CREATE INDEX `veto_events_org_contract_period_idx` ON `veto_events` (`org_id`,`contract_id`,`period`);--> statement-breakpoint
CREATE INDEX `veto_events_org_status_idx` ON `veto_events` (`org_id`,`status`);--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`contract_id` text,
	`site_id` text NOT NULL,
	`grid_cell_id` text,
	`inspector_user_id` text NOT NULL,
	`inspected_on` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`grid_cell_id`) REFERENCES `grid_cells`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`inspector_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "inspections_inspected_on_day" CHECK("inspected_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "inspections_patrol_has_cell" CHECK("kind" <> 'patrol' OR "grid_cell_id" IS NOT NULL),
	CONSTRAINT "inspections_check_has_contract" CHECK("kind" = 'patrol' OR "contract_id" IS NOT NULL)
);--> statement-breakpoint
CREATE INDEX `inspections_org_on_idx` ON `inspections` (`org_id`,`inspected_on`);--> statement-breakpoint
CREATE INDEX `inspections_org_contract_on_idx` ON `inspections` (`org_id`,`contract_id`,`inspected_on`);--> statement-breakpoint
CREATE INDEX `inspections_org_cell_on_idx` ON `inspections` (`org_id`,`grid_cell_id`,`inspected_on`);--> statement-breakpoint
CREATE INDEX `inspections_org_inspector_on_idx` ON `inspections` (`org_id`,`inspector_user_id`,`inspected_on`);--> statement-breakpoint
CREATE TABLE `findings` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`inspection_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`site_id` text NOT NULL,
	`grid_cell_id` text,
	`period` text NOT NULL,
	`item_id` text NOT NULL,
	`severity` text NOT NULL,
	`note` text NOT NULL,
	`found_on` text NOT NULL,
	`due_on` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`rectified_on` text,
	`verified_on` text,
	`verified_by` text,
	`repeat_of_id` text,
	`repeat_cleared_reason` text,
	`withdrawn_reason` text,
	`client_key` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`grid_cell_id`) REFERENCES `grid_cells`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`repeat_of_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "findings_period_format" CHECK("period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
	CONSTRAINT "findings_found_on_day" CHECK("found_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "findings_due_on_day" CHECK("due_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "findings_rectified_on_day" CHECK("rectified_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "findings_verified_on_day" CHECK("verified_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "findings_due_after_found" CHECK("due_on" >= "found_on"),
	CONSTRAINT "findings_rectified_after_found" CHECK("rectified_on" IS NULL OR "rectified_on" >= "found_on")
);--> statement-breakpoint
CREATE INDEX `findings_org_contract_period_idx` ON `findings` (`org_id`,`contract_id`,`period`);--> statement-breakpoint
CREATE INDEX `findings_org_status_due_idx` ON `findings` (`org_id`,`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `findings_org_inspection_idx` ON `findings` (`org_id`,`inspection_id`);--> statement-breakpoint
CREATE INDEX `findings_org_found_idx` ON `findings` (`org_id`,`found_on`);--> statement-breakpoint
CREATE INDEX `findings_org_cell_item_found_idx` ON `findings` (`org_id`,`grid_cell_id`,`item_id`,`found_on`);--> statement-breakpoint
CREATE INDEX `findings_org_site_item_found_idx` ON `findings` (`org_id`,`site_id`,`item_id`,`found_on`);--> statement-breakpoint
CREATE INDEX `findings_org_repeat_of_idx` ON `findings` (`org_id`,`repeat_of_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `findings_org_client_key_unique` ON `findings` (`org_id`,`client_key`);--> statement-breakpoint
CREATE TABLE `finding_events` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`finding_id` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`on_day` text NOT NULL,
	`by_user_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "finding_events_on_day_day" CHECK("on_day" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);--> statement-breakpoint
CREATE INDEX `finding_events_org_finding_at_idx` ON `finding_events` (`org_id`,`finding_id`,`at`);--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`finding_id` text,
	`finding_event_id` text,
	`bonus_event_id` text,
	`veto_event_id` text,
	`storage_key` text NOT NULL,
	`thumb_key` text NOT NULL,
	`mime_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`finding_event_id`) REFERENCES `finding_events`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`bonus_event_id`) REFERENCES `bonus_events`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`veto_event_id`) REFERENCES `veto_events`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "evidence_files_bytes_non_negative" CHECK("bytes" >= 0),
	CONSTRAINT "evidence_files_sha256_length" CHECK(length("sha256") = 64),
	CONSTRAINT "evidence_files_one_owner" CHECK(("finding_id" IS NOT NULL) + ("finding_event_id" IS NOT NULL) + ("bonus_event_id" IS NOT NULL) + ("veto_event_id" IS NOT NULL) = 1)
);--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_files_storage_key_unique` ON `evidence_files` (`storage_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_files_thumb_key_unique` ON `evidence_files` (`thumb_key`);--> statement-breakpoint
CREATE INDEX `evidence_files_org_finding_idx` ON `evidence_files` (`org_id`,`finding_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_org_finding_event_idx` ON `evidence_files` (`org_id`,`finding_event_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_org_bonus_idx` ON `evidence_files` (`org_id`,`bonus_event_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_org_veto_idx` ON `evidence_files` (`org_id`,`veto_event_id`);--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `organisations` ADD `patrol_target` text DEFAULT 'weekly' NOT NULL;