/**
 * The photo field as the server renders it (all a browser without JavaScript
 * gets), the network-failure rule of `photoClientAction`, and the pure helpers
 * of the photo form.
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { clientKeyField, fitWithin, randomKey } from "~/utils/photo-form";
import { isUploadFailure, PhotoField, photoClientAction } from "./photo-field";

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
    const key = html.match(/<input type="hidden" name="clientKey" value="([^"]+)"/)?.[1];
    expect(clientKeyField.safeParse(key).success).toBe(true);
    // The count is a live region, present (empty) from the start so screen readers announce changes.
    expect(html).toMatch(/class="photo-count" aria-live="polite"/);
  });

  it("leaves the clientKey out when asked (a second photo field on the same form)", () => {
    expect(renderToString(createElement(PhotoField, { clientKey: false }))).not.toContain("clientKey");
  });
});

describe("photoClientAction", () => {
  it("passes the server's answer through", async () => {
    const answer = { fieldErrors: { note: ["form.required"] } };
    expect(await photoClientAction({ serverAction: async () => answer as never })).toBe(answer);
  });

  it("turns a request that never reached the server into a 503 result the form shows (no revalidation, no error page)", async () => {
    const result = (await photoClientAction({
      serverAction: async () => {
        throw new TypeError("Failed to fetch");
      },
    })) as unknown as { type: string; data: unknown; init: { status: number } };
    expect(result.type).toBe("DataWithResponseInit");
    expect(result.init.status).toBe(503);
    expect(isUploadFailure(result.data)).toBe(true);
  });

  it("leaves the action's own errors (a thrown 404) to the error boundary", async () => {
    const notFound = new Response("Not found", { status: 404 });
    await expect(
      photoClientAction({
        serverAction: async () => {
          throw notFound;
        },
      }),
    ).rejects.toBe(notFound);
    expect(isUploadFailure({ fieldErrors: {} })).toBe(false);
    expect(isUploadFailure(null)).toBe(false);
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
