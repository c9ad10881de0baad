/**
 * The layer rules in eslint.config.js, proved to fire. Each fixture in
 * test/lint-fixtures is linted as if it lived at its `lint-as` path and must
 * raise its rule there (unless it says `expect: none`); linted at its
 * `allowed-as` path it must not, so a rule cannot pass by refusing everything.
 * Deleting or loosening a rule in eslint.config.js fails this test.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const root = path.resolve(__dirname, "../..");
const fixturesDir = path.join(root, "test/lint-fixtures");
const eslint = new ESLint({ cwd: root });

interface Fixture {
  name: string;
  code: string;
  lintAs: string;
  allowedAs?: string;
  rule: string;
  expectNone: boolean;
}

function header(code: string, key: string): string | undefined {
  return new RegExp(`^// ${key}: (.+)$`, "m").exec(code)?.[1]?.trim();
}

const fixtures: Fixture[] = readdirSync(fixturesDir)
  .filter((f) => f.endsWith(".txt"))
  .map((name) => {
    const code = readFileSync(path.join(fixturesDir, name), "utf8");
    return {
      name,
      code,
      lintAs: header(code, "lint-as") ?? "",
      allowedAs: header(code, "allowed-as"),
      rule: header(code, "rule") ?? "no-restricted-imports",
      expectNone: header(code, "expect") === "none",
    };
  });

async function rulesFired(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe("layer rules", () => {
  test("there is a fixture for every layer", () => {
    const layers = new Set(fixtures.map((f) => f.lintAs.split("/")[0]));
    expect([...layers].sort()).toEqual(["app", "db", "domain", "scoring", "seed", "server"]);
  });

  for (const fixture of fixtures) {
    test(`${fixture.name}: ${fixture.expectNone ? "passes" : `fires ${fixture.rule}`} in ${fixture.lintAs}`, async () => {
      expect(fixture.lintAs, "the fixture names where to lint it").not.toBe("");
      const fired = await rulesFired(fixture.code, fixture.lintAs);
      if (fixture.expectNone) expect(fired.filter((r) => r.startsWith("no-restricted"))).toEqual([]);
      else expect(fired).toContain(fixture.rule);
    });
    if (fixture.allowedAs) {
      test(`${fixture.name}: allowed in ${fixture.allowedAs}`, async () => {
        const fired = await rulesFired(fixture.code, fixture.allowedAs!);
        expect(fired.filter((r) => r === fixture.rule)).toEqual([]);
      });
    }
  }
});
