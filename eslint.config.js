import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "db/migrations/", "data/", "coverage/", ".cache/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-control-regex": "off",
    },
  },
  ...layerRules(),
);

/**
 * The layers (docs/CONVENTIONS.md, "Layers"): imports run one way. Each block
 * names a folder and what it may not import; test/integration/lint-layers.test.ts
 * lints a fixture per rule to prove each still fires.
 */
function layerRules() {
  const folder = (name) => [`**/${name}/**`, `**/${name}`];
  const banned = (names, message, extra = []) => ({
    group: [...names.flatMap(folder), ...extra],
    message,
  });
  const restrict = (files, patterns, more = {}) => ({
    files,
    ...more,
    rules: { ...more.rules, "no-restricted-imports": ["error", { patterns }] },
  });
  const nodeBuiltins = ["node:*", "fs", "path", "crypto", "os", "child_process"];
  return [
    // The scoring module is pure: no clock, no randomness, no I/O, nothing of the rest of the project.
    restrict(
      ["scoring/**/*.ts"],
      [banned(["app", "db", "domain", "server", "seed", "scripts"], "scoring/ is pure: it imports nothing of the project", ["~/*", ...nodeBuiltins])],
      {
        ignores: ["scoring/**/*.test.ts", "scoring/arbitraries.ts"],
        rules: {
          "no-restricted-syntax": [
            "error",
            { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "scoring/ has no clock" },
            { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "scoring/ has no clock" },
            { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "scoring/ is deterministic" },
          ],
        },
      },
    ),
    // domain/ holds pure, browser-safe rules that are not scores.
    restrict(
      ["domain/**/*.ts"],
      [banned(["app", "db", "scoring", "server", "seed", "scripts"], "domain/ is pure and browser-safe: it imports nothing of the project", ["~/*", ...nodeBuiltins])],
      { ignores: ["domain/**/*.test.ts"] },
    ),
    // db/ never reaches into the app, the HTTP server, the demo or the commands.
    restrict(["db/**/*.ts"], [banned(["app", "server", "seed", "scripts"], "db/ imports nothing of app/, server/, seed/ or scripts/", ["~/*"])]),
    // The demo seed and the HTTP server's helpers are below the app and the commands.
    restrict(["seed/**/*.ts", "server/**/*.ts"], [banned(["app", "scripts"], "seed/ and server/ import nothing of app/ or scripts/", ["~/*"])]),
    // app/ reads its settings only through the one checked schema of app/env.server.ts.
    {
      files: ["app/**/*.{ts,tsx}"],
      ignores: ["app/env.server.ts", "app/**/*.test.ts"],
      rules: {
        "no-restricted-syntax": [
          "error",
          { selector: "MemberExpression[object.name='process'][property.name='env']", message: "app/ reads settings through env() of app/env.server.ts" },
        ],
      },
    },
    // The browser bundle: app modules that are not *.server.ts reach the database only through *.server.ts modules.
    restrict(
      ["app/**/*.{ts,tsx}"],
      [{ ...banned(["db"], "app/ reaches db/ only through *.server.ts modules (the browser bundle must not import db/)"), allowTypeImports: true }],
      { ignores: ["app/**/*.server.ts", "app/**/*.server.tsx", "app/**/*.test.ts"] },
    ),
  ];
}
