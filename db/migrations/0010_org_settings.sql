CREATE TABLE `org_settings` (
	`org_id` text PRIMARY KEY NOT NULL,
	`renewal_min_quarters` integer NOT NULL,
	`renew_min_average` real NOT NULL,
	`renew_min_quarter` real NOT NULL,
	`conditional_min_average` real NOT NULL,
	`fail_streak_to_reject` integer NOT NULL,
	`tender_horizon_months` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "org_settings_min_quarters" CHECK("renewal_min_quarters" >= 1),
	CONSTRAINT "org_settings_fail_streak" CHECK("fail_streak_to_reject" >= 1),
	CONSTRAINT "org_settings_thresholds" CHECK("renew_min_average" BETWEEN 0 AND 100 AND "renew_min_quarter" BETWEEN 0 AND 100 AND "conditional_min_average" BETWEEN 0 AND 100),
	CONSTRAINT "org_settings_horizon" CHECK("tender_horizon_months" IN (3, 6, 12))
);
