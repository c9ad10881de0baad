-- Hand-corrected: drizzle-kit selected the new columns from the old tables in the rebuilds
-- (appeal_id, contractor_id, appeal_window_days); they start as NULL / the default 5.
CREATE TABLE `appeals` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`contractor_id` text NOT NULL,
	`period` text NOT NULL,
	`target` text NOT NULL,
	`finding_id` text,
	`veto_event_id` text,
	`reason` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`outcome` text,
	`severity_from` text,
	`severity_to` text,
	`decision_reason` text,
	`decided_by` text,
	`decided_on` text,
	`decided_at` text,
	`filed_by` text NOT NULL,
	`filed_on` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contractor_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`veto_event_id`) REFERENCES `veto_events`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "appeals_period_format" CHECK("period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
	CONSTRAINT "appeals_filed_on_day" CHECK("filed_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "appeals_decided_on_day" CHECK("decided_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "appeals_one_target" CHECK(("target" = 'veto') = ("veto_event_id" IS NOT NULL) AND ("target" = 'veto') = ("finding_id" IS NULL)),
	CONSTRAINT "appeals_decided_iff_not_pending" CHECK(("status" = 'pending') = ("decided_at" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `appeals_org_status_filed_idx` ON `appeals` (`org_id`,`status`,`filed_on`);--> statement-breakpoint
CREATE INDEX `appeals_org_contract_period_idx` ON `appeals` (`org_id`,`contract_id`,`period`,`status`);--> statement-breakpoint
CREATE INDEX `appeals_org_contractor_filed_idx` ON `appeals` (`org_id`,`contractor_id`,`filed_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `appeals_org_finding_target_unique` ON `appeals` (`org_id`,`finding_id`,`target`);--> statement-breakpoint
CREATE UNIQUE INDEX `appeals_org_veto_unique` ON `appeals` (`org_id`,`veto_event_id`);--> statement-breakpoint
CREATE TABLE `org_calendar_days` (
	`org_id` text NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`org_id`, `day`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "org_calendar_days_day" CHECK("day" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_evidence_files` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`finding_id` text,
	`finding_event_id` text,
	`bonus_event_id` text,
	`veto_event_id` text,
	`appeal_id` text,
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
	FOREIGN KEY (`appeal_id`) REFERENCES `appeals`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "evidence_files_bytes_non_negative" CHECK("bytes" >= 0),
	CONSTRAINT "evidence_files_sha256_length" CHECK(length("sha256") = 64),
	CONSTRAINT "evidence_files_one_owner" CHECK(("finding_id" IS NOT NULL) + ("finding_event_id" IS NOT NULL) + ("bonus_event_id" IS NOT NULL) + ("veto_event_id" IS NOT NULL) + ("appeal_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
INSERT INTO `__new_evidence_files`("id", "org_id", "finding_id", "finding_event_id", "bonus_event_id", "veto_event_id", "appeal_id", "storage_key", "thumb_key", "mime_type", "bytes", "width", "height", "sha256", "uploaded_by", "uploaded_at") SELECT "id", "org_id", "finding_id", "finding_event_id", "bonus_event_id", "veto_event_id", NULL, "storage_key", "thumb_key", "mime_type", "bytes", "width", "height", "sha256", "uploaded_by", "uploaded_at" FROM `evidence_files`;--> statement-breakpoint
DROP TABLE `evidence_files`;--> statement-breakpoint
ALTER TABLE `__new_evidence_files` RENAME TO `evidence_files`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_files_storage_key_unique` ON `evidence_files` (`storage_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_files_thumb_key_unique` ON `evidence_files` (`thumb_key`);--> statement-breakpoint
CREATE INDEX `evidence_files_org_finding_idx` ON `evidence_files` (`org_id`,`finding_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_org_finding_event_idx` ON `evidence_files` (`org_id`,`finding_event_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_org_bonus_idx` ON `evidence_files` (`org_id`,`bonus_event_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_org_veto_idx` ON `evidence_files` (`org_id`,`veto_event_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_org_appeal_idx` ON `evidence_files` (`org_id`,`appeal_id`);--> statement-breakpoint
CREATE TABLE `__new_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`contractor_id` text,
	`token_hash` text NOT NULL,
	`invited_by_user_id` text,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`accepted_at` text,
	`accepted_by_user_id` text,
	`revoked_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contractor_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`invited_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`accepted_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "invitations_contractor_iff_role" CHECK(("role" = 'contractor') = ("contractor_id" IS NOT NULL))
);
--> statement-breakpoint
INSERT INTO `__new_invitations`("id", "org_id", "email", "role", "contractor_id", "token_hash", "invited_by_user_id", "created_at", "expires_at", "accepted_at", "accepted_by_user_id", "revoked_at") SELECT "id", "org_id", "email", "role", NULL, "token_hash", "invited_by_user_id", "created_at", "expires_at", "accepted_at", "accepted_by_user_id", "revoked_at" FROM `invitations`;--> statement-breakpoint
DROP TABLE `invitations`;--> statement-breakpoint
ALTER TABLE `__new_invitations` RENAME TO `invitations`;--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_email_idx` ON `invitations` (`email`);--> statement-breakpoint
CREATE INDEX `invitations_org_created_idx` ON `invitations` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `__new_memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`contractor_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contractor_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "memberships_contractor_iff_role" CHECK(("role" = 'contractor') = ("contractor_id" IS NOT NULL))
);
--> statement-breakpoint
INSERT INTO `__new_memberships`("id", "org_id", "user_id", "role", "contractor_id", "created_at") SELECT "id", "org_id", "user_id", "role", NULL, "created_at" FROM `memberships`;--> statement-breakpoint
DROP TABLE `memberships`;--> statement-breakpoint
ALTER TABLE `__new_memberships` RENAME TO `memberships`;--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_org_user_unique` ON `memberships` (`org_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `__new_org_settings` (
	`org_id` text PRIMARY KEY NOT NULL,
	`renewal_min_quarters` integer NOT NULL,
	`renew_min_average` real NOT NULL,
	`renew_min_quarter` real NOT NULL,
	`conditional_min_average` real NOT NULL,
	`fail_streak_to_reject` integer NOT NULL,
	`tender_horizon_months` integer NOT NULL,
	`appeal_window_days` integer DEFAULT 5 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "org_settings_min_quarters" CHECK("renewal_min_quarters" >= 1),
	CONSTRAINT "org_settings_fail_streak" CHECK("fail_streak_to_reject" >= 1),
	CONSTRAINT "org_settings_thresholds" CHECK("renew_min_average" BETWEEN 0 AND 100 AND "renew_min_quarter" BETWEEN 0 AND 100 AND "conditional_min_average" BETWEEN 0 AND 100),
	CONSTRAINT "org_settings_horizon" CHECK("tender_horizon_months" IN (3, 6, 12)),
	CONSTRAINT "org_settings_appeal_window" CHECK("appeal_window_days" BETWEEN 1 AND 20)
);
--> statement-breakpoint
INSERT INTO `__new_org_settings`("org_id", "renewal_min_quarters", "renew_min_average", "renew_min_quarter", "conditional_min_average", "fail_streak_to_reject", "tender_horizon_months", "appeal_window_days", "updated_at", "updated_by") SELECT "org_id", "renewal_min_quarters", "renew_min_average", "renew_min_quarter", "conditional_min_average", "fail_streak_to_reject", "tender_horizon_months", 5, "updated_at", "updated_by" FROM `org_settings`;--> statement-breakpoint
DROP TABLE `org_settings`;--> statement-breakpoint
ALTER TABLE `__new_org_settings` RENAME TO `org_settings`;