/**
 * `Field` shows the server's error in the very first render — the HTML the
 * server sends, which is all a browser without JavaScript ever gets — for
 * nested names too (`steps.0.minTotal`), from react-hook-form's state alone.
 */
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { useForm } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { Field, toFormErrors, useFieldError } from "./form";
import type { FieldErrors } from "~/utils/forms";

function Page({ serverErrors, names }: { serverErrors: FieldErrors; names: string[] }): ReactNode {
  const form = useForm({ errors: toFormErrors(serverErrors) });
  const errorOf = useFieldError(form);
  return createElement(
    "form",
    null,
    ...names.map((name) =>
      createElement(Field, { key: name, form, name, label: name, children: (props: object) => createElement("input", { ...props, name }) }),
    ),
    createElement("p", { id: "group" }, errorOf("steps") ?? ""),
  );
}

describe("Field", () => {
  it("renders the server's errors on the server, flat and nested, and a group's own error", () => {
    const html = renderToString(
      createElement(Page, {
        serverErrors: { name: ["form.required"], "steps.0.minTotal": ["admin.errors.number0to100"], steps: ["admin.errors.stepsNeedZero"] },
        names: ["name", "steps.0.minTotal", "other"],
      }),
    );
    expect(html).toContain("form.required");
    expect(html).toContain("admin.errors.number0to100");
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(2);
    expect(html).toMatch(/<p id="group">admin.errors.stepsNeedZero<\/p>/);
  });
});
