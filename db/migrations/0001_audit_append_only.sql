-- audit_log is append-only: refuse UPDATE and DELETE in the database itself,
-- so neither a bug nor a hand-typed statement can rewrite history.
-- A future rebuild of audit_log (DROP + RENAME) drops these triggers with the
-- table: recreate them in the same migration (test/integration/db-migrations.test.ts checks).
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
