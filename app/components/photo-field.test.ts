/**
 * The photo field as the server renders it (all a browser without JavaScript
 * gets), what follows an upload's answer, and the pure helpers
 * of the photo form.
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { clientKeyField, fitWithin, randomKey } from "~/utils/photo-form";
import { nextStep, PhotoField } from "./photo-field";

describe("PhotoField", () => {
  it("renders a labelled camera input for several images, its hint, the server's error and a clientKey", () => {
    const html = renderToString(createElement(PhotoField, { name: "photos", max: 10, error: "photos.errors.tooMany|{\"max\":10}" }));
    const input = html.match(/<input[^>]*type="file"[^>]*>/)?.[0] ?? "";
    expect(input).toContain('name="photos"');
    expect(input).toContain('accept="image/*"');
    expect(input).toContain('capture="environment"');
    expect(input).toContain("multiple");
    const id = input.match(/id="([^"]+)"/)?.[1];
    expect(html).toContain(`<label for="${id}">`);
    expect(input).toContain('aria-invalid="true"');
    expect(html).toMatch(/role="alert"[^>]*>photos\.errors\.tooMany/);
    const hidden = html.match(/<input[^>]*type="hidden"[^>]*>/)?.[0] ?? "";
    expect(hidden).toContain('name="clientKey"');
    const key = hidden.match(/value="([^"]+)"/)?.[1];
    expect(clientKeyField.safeParse(key).success).toBe(true);
    // The count is a live region, present (empty) from the start so screen readers announce changes.
    expect(html).toMatch(/class="photo-count" aria-live="polite"/);
  });

  it("leaves the clientKey out when asked (a second photo field on the same form)", () => {
    expect(renderToString(createElement(PhotoField, { clientKey: false }))).not.toContain("clientKey");
  });
});

describe("nextStep after an upload", () => {
  it("follows a redirect (the action's success, or the sign-in page) through Remix", () => {
    expect(nextStep({ redirected: true, ok: true, url: "http://kaoping.test/supervisor/findings/F1?saved=1#top" })).toEqual({
      kind: "navigate",
      to: "/supervisor/findings/F1?saved=1#top",
    });
  });

  it("posts a refusal again through Remix (so the page shows its messages), and revalidates after a 2xx page", () => {
    expect(nextStep({ redirected: false, ok: false, url: "http://kaoping.test/x" })).toEqual({ kind: "resubmit" });
    expect(nextStep({ redirected: false, ok: true, url: "http://kaoping.test/x" })).toEqual({ kind: "revalidate" });
  });
});

describe("photo form helpers", () => {
  it("fitWithin shrinks the long side to the limit and never enlarges", () => {
    expect(fitWithin(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(10000, 10, 1600)).toEqual({ width: 1600, height: 2 });
  });

  it("randomKey makes distinct v4 UUIDs that clientKeyField accepts; other text is refused", () => {
    const keys = new Set(Array.from({ length: 100 }, randomKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(clientKeyField.safeParse(key).success).toBe(true);
    expect(clientKeyField.safeParse("../etc").success).toBe(false);
    expect(clientKeyField.safeParse(undefined).success).toBe(true);
  });
});
