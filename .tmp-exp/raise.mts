import { createClient } from "@libsql/client";
const c = createClient({ url: "file:/tmp/exp/r.db" });
await c.executeMultiple(`DROP TABLE IF EXISTS t; DROP TABLE IF EXISTS u; CREATE TABLE t(id text primary key, used text); CREATE TABLE u(id text primary key); INSERT INTO t VALUES('a', NULL);`);
try {
  const r = await c.batch([
    { sql: "UPDATE t SET used='x' WHERE id='a' AND used IS NULL", args: [] },
    { sql: "SELECT CASE WHEN changes() = 0 THEN RAISE(ABORT, 'invite_used') END", args: [] },
    { sql: "INSERT INTO u VALUES('r1')", args: [] },
  ], "write");
  console.log("first ok", r.map((x) => x.rowsAffected));
} catch (e) { console.log("first err", (e as Error).message, (e as any).code); }
try {
  const r = await c.batch([
    { sql: "UPDATE t SET used='x' WHERE id='a' AND used IS NULL", args: [] },
    { sql: "SELECT CASE WHEN changes() = 0 THEN RAISE(ABORT, 'invite_used') END", args: [] },
    { sql: "INSERT INTO u VALUES('r2')", args: [] },
  ], "write");
  console.log("second ok", r.map((x) => x.rowsAffected));
} catch (e) { console.log("second err", (e as Error).message, (e as any).code); }
// changes() chain semantics
await c.executeMultiple(`UPDATE t SET used=NULL; DELETE FROM u;`);
for (const i of [1, 2]) {
  const r = await c.batch([
    { sql: "UPDATE t SET used='x' WHERE id='a' AND used IS NULL", args: [] },
    { sql: "INSERT INTO u SELECT ? WHERE changes() = 1", args: ["r" + i] },
    { sql: "INSERT INTO u SELECT ? || '-child' || value FROM json_each('[1,2,3]') WHERE EXISTS (SELECT 1 FROM u WHERE id = ?)", args: ["r" + i, "r" + i] },
  ], "write");
  console.log("chain", i, r.map((x) => x.rowsAffected));
}
console.log((await c.execute("SELECT * FROM u")).rows);
console.log((await c.execute("select sqlite_version()")).rows);
