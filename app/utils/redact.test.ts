import { expect, it } from "vitest";
import { redactPath } from "./redact";

it.each([
  ["/s/Uakgb_J5m9g-0JDMbcJqLJ8nsNRoCr7d", "/s/[token]"],
  ["/s/Uakgb_J5m9g/thanks?x=1", "/s/[token]/thanks"],
  ["/i/K7QW3MZD", "/i/[code]"],
  ["/invite/K7QW3MZD?lng=en", "/invite/[code]"],
  ["/admin/contracts?q=物业", "/admin/contracts"],
])("keeps survey tokens and query strings out of the log: %s", (path, expected) => {
  expect(redactPath(path)).toBe(expected);
});
