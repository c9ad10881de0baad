-- org_settings rebuild: the copy leaves quiet_from/quiet_to to their defaults (the old table has neither; drizzle-kit selects them anyway).
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`channel_id` text,
	`purpose` text NOT NULL,
	`rule` text,
	`day` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_attempt_at` text,
	`last_http_status` integer,
	`last_errcode` text,
	`last_errmsg` text,
	`sent_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`channel_id`) REFERENCES `notification_channels`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "deliveries_day" CHECK("day" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "deliveries_attempts" CHECK("attempts" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_once` ON `deliveries` (`org_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `deliveries_due_idx` ON `deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `deliveries_log_idx` ON `deliveries` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `notification_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`url_sealed` text NOT NULL,
	`url_hint` text NOT NULL,
	`secret_sealed` text,
	`rules` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`failing_since` text,
	`created_at` text NOT NULL,
	`created_by` text,
	`archived_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "notification_channels_failures" CHECK("consecutive_failures" >= 0)
);
--> statement-breakpoint
CREATE INDEX `notification_channels_org_idx` ON `notification_channels` (`org_id`,`archived_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `mobile` text;--> statement-breakpoint
ALTER TABLE `survey_campaigns` ADD `response_target_pct` integer;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_org_settings` (
	`org_id` text PRIMARY KEY NOT NULL,
	`renewal_min_quarters` integer NOT NULL,
	`renew_min_average` real NOT NULL,
	`renew_min_quarter` real NOT NULL,
	`conditional_min_average` real NOT NULL,
	`fail_streak_to_reject` integer NOT NULL,
	`tender_horizon_months` integer NOT NULL,
	`appeal_window_days` integer DEFAULT 5 NOT NULL,
	`quiet_from` text DEFAULT '21:00' NOT NULL,
	`quiet_to` text DEFAULT '08:00' NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "org_settings_quiet_hours" CHECK("quiet_from" GLOB '[0-2][0-9]:[0-5][0-9]' AND "quiet_to" GLOB '[0-2][0-9]:[0-5][0-9]'),
	CONSTRAINT "org_settings_min_quarters" CHECK("renewal_min_quarters" >= 1),
	CONSTRAINT "org_settings_fail_streak" CHECK("fail_streak_to_reject" >= 1),
	CONSTRAINT "org_settings_thresholds" CHECK("renew_min_average" BETWEEN 0 AND 100 AND "renew_min_quarter" BETWEEN 0 AND 100 AND "conditional_min_average" BETWEEN 0 AND 100),
	CONSTRAINT "org_settings_horizon" CHECK("tender_horizon_months" IN (3, 6, 12)),
	CONSTRAINT "org_settings_appeal_window" CHECK("appeal_window_days" BETWEEN 1 AND 20)
);
--> statement-breakpoint
INSERT INTO `__new_org_settings`("org_id", "renewal_min_quarters", "renew_min_average", "renew_min_quarter", "conditional_min_average", "fail_streak_to_reject", "tender_horizon_months", "appeal_window_days", "updated_at", "updated_by") SELECT "org_id", "renewal_min_quarters", "renew_min_average", "renew_min_quarter", "conditional_min_average", "fail_streak_to_reject", "tender_horizon_months", "appeal_window_days", "updated_at", "updated_by" FROM `org_settings`;--> statement-breakpoint
DROP TABLE `org_settings`;--> statement-breakpoint
ALTER TABLE `__new_org_settings` RENAME TO `org_settings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;