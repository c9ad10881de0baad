/**
 * docs/scoring.md (kept in step with shared/docs/SCORING.md) names the module's
 * public contract in one TypeScript block. Renaming or dropping any of those
 * names breaks everyone who scripts against the module, so this test reads the
 * block and checks each name against what scoring/index.ts really exports.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import * as scoring from "./index";

const docs = readFileSync(path.resolve(__dirname, "../docs/scoring.md"), "utf8");
const block = /```ts\n([\s\S]*?)```/.exec(docs)?.[1] ?? "";

function declaredNames(kind: "function" | "type"): string[] {
  const re = kind === "function" ? /^(?:function|class)\s+(\w+)/gm : /^(?:type|interface)\s+(\w+)/gm;
  return [...block.matchAll(re)].map((m) => m[1]!);
}

/** The names scoring/index.ts exports, types included, as the compiler sees them. */
function exportedNames(): Set<string> {
  const program = ts.createProgram([path.resolve(__dirname, "index.ts")], { strict: true, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(path.resolve(__dirname, "index.ts"))!;
  const symbol = checker.getSymbolAtLocation(source)!;
  return new Set(checker.getExportsOfModule(symbol).map((s) => s.getName()));
}

describe("the contract in docs/scoring.md", () => {
  test("has a code block naming functions and types", () => {
    expect(declaredNames("function").length).toBeGreaterThanOrEqual(8);
    expect(declaredNames("type").length).toBeGreaterThanOrEqual(10);
  });

  test("every function and class it names is a runtime export", () => {
    const missing = declaredNames("function").filter((name) => typeof (scoring as Record<string, unknown>)[name] !== "function");
    expect(missing).toEqual([]);
  });

  test("every type and interface it names is exported", () => {
    const exported = exportedNames();
    expect(declaredNames("type").filter((name) => !exported.has(name))).toEqual([]);
  });
});
