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
  {
    // The scoring module is pure: no clock, no randomness, no I/O, nothing from the app or the database.
    files: ["scoring/**/*.ts"],
    ignores: ["scoring/**/*.test.ts", "scoring/arbitraries.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["**/app/**", "**/db/**", "~/*", "node:*", "fs", "path"] },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "scoring/ has no clock" },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "scoring/ has no clock" },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "scoring/ is deterministic" },
      ],
    },
  },
  {
    // db/ never reaches into the app.
    files: ["db/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["**/app/**", "~/*"] }] },
  },
);
