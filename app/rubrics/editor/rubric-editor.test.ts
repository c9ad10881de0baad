/**
 * The editor's first render (what the server sends, all a browser without
 * JavaScript gets): every field with its value and label, the server's errors
 * at their fields, linked with aria-describedby, the running total.
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRICS_BY_VERSION } from "../../../scoring/rubrics/index";
import { rubricToForm } from "./form-model";
import { RubricEditor, type RubricEditorProps } from "./rubric-editor";
import { createI18n } from "~/i18n/instance";

function render(props: Partial<RubricEditorProps>, locale: "zh-CN" | "en" = "zh-CN"): string {
  const rubric = DEFAULT_RUBRICS_BY_VERSION["2026.2"].catering;
  const element = createElement(RubricEditor, { defaultValues: rubricToForm(rubric), serviceType: "catering", takenIds: [], ...props });
  const router = createMemoryRouter([{ path: "/", element }], { initialEntries: ["/"] });
  return renderToString(createElement(I18nextProvider, { i18n: createI18n(locale) }, createElement(RouterProvider, { router })));
}

const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&#x27;/g, "'");

describe("RubricEditor", () => {
  it("renders every field with its posted name and value, and the total", () => {
    const html = decode(render({}));
    expect(html).toContain('name="intent" value="save"');
    expect(html).toMatch(/name="dimensions\.0\.max"[^>]*value="45"|value="45"[^>]*name="dimensions\.0\.max"/);
    expect(html).toContain('name="dimensions.0.items.0.deduction.major"');
    expect(html).toContain('name="dimensions.0.items.0.label.zh-CN"');
    expect(html).toContain('name="gradeBands.0.min"');
    expect(html).toContain('name="satisfaction.targetRate"');
    expect(html).toContain('name="questionnaire.0.label.en"');
    expect(html).toContain('name="bonusCap"');
    // The survey dimension has no item fields.
    expect(html).not.toContain('name="dimensions.1.items.0.id"');
    expect(html).toContain("合计 100 分");
    expect(html).toContain("<legend>");
  });

  it("shows the server's errors at their fields, linked by aria-describedby, in both languages", () => {
    const serverErrors = {
      "dimensions.0.items.3.deduction.major": ['rubriceditor.errors.belowLesser|{"lesser":"4"}'],
      dimensions: ['rubriceditor.errors.total|{"total":"99"}'],
    };
    for (const [locale, text, total] of [
      ["zh-CN", "不能低于较轻程度的扣分 4 分。", "必须等于 100 分"],
      ["en", "Must not be below the lesser severity's 4 points.", "must add up to 100"],
    ] as const) {
      const html = decode(render({ serverErrors }, locale));
      const error = new RegExp(`<p class="field-error" id="([^"]+)" role="alert">${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</p>`).exec(html);
      expect(error, html.slice(0, 200)).not.toBeNull();
      const input = new RegExp(`<input[^>]*aria-describedby="[^"]*${error![1]}[^"]*"[^>]*>`).exec(html)![0];
      expect(input).toContain('name="dimensions.0.items.3.deduction.major"');
      expect(input).toContain('aria-invalid="true"');
      expect(html).toContain(total);
    }
  });

  it("disables every field of a published version and offers no save", () => {
    const html = decode(render({ readOnly: true }));
    expect(html).toMatch(/<fieldset[^>]*disabled/);
    expect(html).not.toContain("保存草稿");
  });
});
