ALTER TABLE `contracts` ADD `rubric_from_period` text;--> statement-breakpoint
CREATE UNIQUE INDEX `rubric_versions_org_type_version_unique` ON `rubric_versions` (`org_id`,`service_type`,`version`);