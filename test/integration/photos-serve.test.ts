/**
 * /files/:id and /files/:id/thumb: the stored JPEG to signed-in members of
 * its organisation, with nosniff, inline disposition and a private cache;
 * another organisation's id and an unknown id are 404, a signed-out visitor
 * is sent to sign in.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as photoLoader } from "~/routes/files.$id";
import { loader as thumbLoader } from "~/routes/files.$id.thumb";
import { storePhotos } from "../../server/photos";
import { member, type SignedIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeEvidenceFile, makeFinding, makeOrg } from "../helpers/factories";
import { plainImage, tempUploads } from "../helpers/photos";
import { get, settle } from "../helpers/requests";

let t: TestDb;
let uploads: Awaited<ReturnType<typeof tempUploads>>;
let staff: SignedIn;
let outsider: SignedIn;
let evidenceId: string;
let missingFileId: string;
let photoBytes: Buffer;
let thumbBytes: Buffer;

beforeAll(async () => {
  t = await installAppDb();
  uploads = await tempUploads();
  const orgA = await makeOrg(t.db, { name: "甲中心" });
  const orgB = await makeOrg(t.db, { name: "乙中心" });
  // Any member may see the organisation's photos: staff is the least of the roles.
  staff = await member(t.db, orgA.id, "staff");
  outsider = await member(t.db, orgB.id, "admin");
  const staged = path.join(uploads.dir, "staged.jpg");
  await writeFile(staged, await plainImage(800, 600));
  const [meta] = await storePhotos([{ path: staged, width: 800, height: 600 }], { orgId: orgA.id, takenAt: new Date(), timeZone: "Asia/Shanghai", label: "A-01" });
  const finding = await makeFinding(t.db, { orgId: orgA.id });
  evidenceId = (await makeEvidenceFile(t.db, { orgId: orgA.id, findingId: finding.id, ...meta! })).id;
  photoBytes = await readFile(path.join(uploads.dir, meta!.storageKey));
  thumbBytes = await readFile(path.join(uploads.dir, meta!.thumbKey));
  // A row whose file is gone (a restore without the uploads folder): 404, not 500.
  missingFileId = (await makeEvidenceFile(t.db, { orgId: orgA.id, findingId: finding.id })).id;
});
afterAll(async () => {
  await uploads.cleanup();
  await t.cleanup();
});

const call = (loader: typeof photoLoader, id: string, cookie?: string, suffix = "") =>
  settle(() => loader({ request: get(`/files/${id}${suffix}`, cookie), params: { id }, context: {} }));

describe("serving evidence photos", () => {
  it("a member of the organisation gets the photo and its thumbnail, with safe headers", async () => {
    for (const [loader, bytes, suffix, name] of [
      [photoLoader, photoBytes, "", `${evidenceId}.jpg`],
      [thumbLoader, thumbBytes, "/thumb", `${evidenceId}.thumb.jpg`],
    ] as const) {
      const response = await call(loader, evidenceId, staff.cookie, suffix);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("image/jpeg");
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Content-Disposition")).toBe(`inline; filename="${name}"`);
      expect(response.headers.get("Cache-Control")).toMatch(/^private\b/);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it("another organisation's member gets 404 for both, as for an unknown id", async () => {
    for (const loader of [photoLoader, thumbLoader]) {
      expect((await call(loader, evidenceId, outsider.cookie)).status).toBe(404);
      expect((await call(loader, "no-such-id", staff.cookie)).status).toBe(404);
    }
  });

  it("a row whose file is missing is 404", async () => {
    expect((await call(photoLoader, missingFileId, staff.cookie)).status).toBe(404);
  });

  it("a signed-out visitor is sent to sign in, and back to the photo afterwards", async () => {
    const response = await call(photoLoader, evidenceId);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/files/${evidenceId}`)}`);
  });
});
