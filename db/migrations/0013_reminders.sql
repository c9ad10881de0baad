CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`rule` text NOT NULL,
	`object_kind` text NOT NULL,
	`object_id` text NOT NULL,
	`day` text NOT NULL,
	`link` text NOT NULL,
	`params` text NOT NULL,
	`created_at` text NOT NULL,
	`read_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "notifications_day" CHECK("day" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "notifications_link_path" CHECK(substr("link", 1, 1) = '/' AND substr("link", 2, 1) <> '/')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_once` ON `notifications` (`org_id`,`user_id`,`rule`,`object_id`,`day`);--> statement-breakpoint
CREATE INDEX `notifications_inbox_idx` ON `notifications` (`org_id`,`user_id`,`read_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_object_idx` ON `notifications` (`org_id`,`rule`,`object_id`);--> statement-breakpoint
CREATE TABLE `org_reminder_rules` (
	`org_id` text NOT NULL,
	`rule` text NOT NULL,
	`enabled` integer NOT NULL,
	`days` integer,
	`updated_at` text NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`org_id`, `rule`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "org_reminder_rules_days" CHECK("days" IS NULL OR "days" BETWEEN 0 AND 31)
);
