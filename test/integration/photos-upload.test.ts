/**
 * Uploads through parseMultipartForm and storePhotos, with real multipart
 * Requests (FormData + new Request) and images made by sharp: every bad file
 * of the issue is refused with its localised message and leaves no file in
 * the uploads folder; a good photo comes out upright, ≤1600 px, stamped,
 * without EXIF/GPS, with its sha256 and thumbnail.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import en from "~/i18n/locales/en";
import { en as featureEn, zhCN as featureZh } from "~/i18n/locales/features";
import { parseMultipartForm, suspiciousFilename } from "~/utils/multipart.server";
import { decodeMsg } from "~/utils/messages";
import { MAX_PHOTO_BYTES } from "../../server/photo-check";
import { discardPhotos, discardStaged, stampText, storePhotos } from "../../server/photos";
import { multipartRequest, noisyImage, photoParts, plainImage, tempUploads, type Part } from "../helpers/photos";
import { ORIGIN } from "../helpers/requests";

const schema = z.object({ note: z.string().min(1, "form.required"), clientKey: z.string().optional() });
const note: Part = { name: "note", value: "排水沟堵塞" };
const stamp = { orgId: "org-a", takenAt: new Date("2026-11-18T02:05:00Z"), timeZone: "Asia/Shanghai", label: "A-03" };

let uploads: Awaited<ReturnType<typeof tempUploads>>;
beforeEach(async () => {
  uploads = await tempUploads();
});
afterEach(async () => {
  await uploads.cleanup();
});

/** Parses `parts` and expects a refusal whose photo messages have `keys`; the uploads folder must be empty. */
async function expectRefused(parts: Part[], keys: string[], opts?: Parameters<typeof parseMultipartForm>[2]) {
  const result = await parseMultipartForm(multipartRequest(parts), schema, opts);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect((result.fieldErrors.photos ?? []).map((m) => decodeMsg(m).key)).toEqual(keys);
  expect(await uploads.files()).toEqual([]);
  return result;
}

describe("refused uploads leave nothing behind", () => {
  it("a text file renamed .jpg is not an image", async () => {
    const result = await expectRefused([note, ...photoParts([{ bytes: Buffer.from("just some text\n".repeat(100)), filename: "photo.jpg", type: "image/jpeg" }])], [
      "photos.errors.notImage",
    ]);
    expect(decodeMsg(result!.fieldErrors.photos![0]!).params).toEqual({ n: 1 });
    // What was typed comes back for the page to show again.
    expect(result!.values).toEqual({ note: "排水沟堵塞" });
  });

  it("bytes that start like a JPEG but are not one are not an image", async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]);
    await expectRefused([note, ...photoParts([{ bytes: fake }])], ["photos.errors.notImage"]);
  });

  it("a GIF (an image, but not one of ours) and a HEIC-branded file that does not decode are refused", async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: "red" } }).gif().toBuffer();
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic"), Buffer.alloc(4000, 1)]);
    await expectRefused([note, ...photoParts([{ bytes: gif, filename: "a.jpg" }, { bytes: heic, filename: "b.heic", type: "image/heic" }])], [
      "photos.errors.notImage",
      "photos.errors.notImage",
    ]);
  });

  it("an 11 MB file is too large, and a good photo beside it is removed too", async () => {
    const good = await noisyImage(64, 48);
    const big = Buffer.concat([good, Buffer.alloc(11 * 1024 * 1024 - good.length, 1)]);
    const result = await expectRefused([note, ...photoParts([{ bytes: good }, { bytes: big }])], ["photos.errors.tooBig"]);
    expect(decodeMsg(result!.fieldErrors.photos![0]!).params).toEqual({ n: 2, max: 10 });
  });

  it("a file exactly at 10 MB is accepted", async () => {
    const good = await noisyImage(64, 48);
    const full = Buffer.concat([good, Buffer.alloc(MAX_PHOTO_BYTES - good.length, 0)]);
    const result = await parseMultipartForm(multipartRequest([note, ...photoParts([{ bytes: full }])]), schema);
    expect(result.ok).toBe(true);
    if (result.ok) await discardStaged(result.photos);
    expect(await uploads.files()).toEqual([]);
  });

  it("a name like ../../x.jpg is refused (and nothing is written outside the folder)", async () => {
    const good = await noisyImage(64, 48);
    for (const filename of ["../../x.jpg", "..\\..\\x.jpg", "dir/x.jpg", "a\tb.jpg", ".."]) {
      await expectRefused([note, ...photoParts([{ bytes: good, filename }])], ["photos.errors.badName"]);
    }
    // A NUL or escape byte breaks the part's header itself: the whole form is unreadable (400), and nothing is kept.
    const nul = await parseMultipartForm(multipartRequest([note, ...photoParts([{ bytes: good, filename: "x\u0000.jpg" }])]), schema);
    expect(nul.ok || nul.formError).toBe("form.unreadable");
    expect(await uploads.files()).toEqual([]);
    await expect(readFile(path.join(uploads.dir, "..", "..", "x.jpg"))).rejects.toThrow();
    expect(suspiciousFilename("IMG_0001.HEIC")).toBe(false);
    expect(suspiciousFilename("现场照片 1.jpg")).toBe(false);
  });

  it("21 files in one request are refused; so are 11 when the form allows 10", async () => {
    const tiny = await noisyImage(16, 16);
    await expectRefused([note, ...photoParts(Array.from({ length: 21 }, () => ({ bytes: tiny })))], ["photos.errors.tooMany"]);
    await expectRefused([note, ...photoParts(Array.from({ length: 11 }, () => ({ bytes: tiny })))], ["photos.errors.tooMany"]);
    await expectRefused([note, ...photoParts(Array.from({ length: 3 }, () => ({ bytes: tiny })))], ["photos.errors.tooMany"], { maxFiles: 2 });
  });

  it("50 files: still one message, nothing staged", async () => {
    const tiny = await noisyImage(16, 16);
    await expectRefused([note, ...photoParts(Array.from({ length: 50 }, () => ({ bytes: tiny })))], ["photos.errors.tooMany"]);
  });

  it("a PNG with a right header over broken pixel data is not an image", async () => {
    await expectRefused([note, ...photoParts([{ bytes: pngHeader(100, 100), filename: "broken.png", type: "image/png" }])], ["photos.errors.notImage"]);
  });

  it("a picture claiming more pixels than we decode is refused before decoding", async () => {
    await expectRefused([note, ...photoParts([{ bytes: pngHeader(9000, 9000), filename: "bomb.png", type: "image/png" }])], ["photos.errors.tooManyPixels"]);
  });

  it("good photos with a field the schema refuses: the field's error, and the photos are removed", async () => {
    const good = await noisyImage(64, 48);
    const result = await parseMultipartForm(multipartRequest([{ name: "note", value: "" }, ...photoParts([{ bytes: good }])]), schema);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({ note: ["form.required"] });
    expect(await uploads.files()).toEqual([]);
  });

  it("a bad photo and a bad field: both messages at once", async () => {
    const result = await parseMultipartForm(multipartRequest([{ name: "note", value: "" }, ...photoParts([{ bytes: Buffer.from("text") }])]), schema);
    expect(result.ok || result.fieldErrors).toEqual({ note: ["form.required"], photos: [expect.stringMatching(/^photos\.errors\.notImage/)] });
    expect(await uploads.files()).toEqual([]);
  });
});

describe("bodies over the limits", () => {
  it("a chunked body past the cap is a 413 (with Connection: close), and the staged part is removed", async () => {
    const good = await noisyImage(64, 48);
    const boundary = "----kaopingtest";
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
    const cap = 10 * MAX_PHOTO_BYTES + 256 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 3);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
        controller.enqueue(good);
      },
      pull(controller) {
        // Endless, as a hostile client would send: only the reader's count stops it.
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`${ORIGIN}/upload`, {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: "half",
    } as RequestInit);
    const thrown = await parseMultipartForm(request, schema).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(413);
    expect((thrown as Response).headers.get("Connection")).toBe("close");
    expect(sent).toBeGreaterThan(cap - 2 * chunk.length);
    expect(sent).toBeLessThan(cap + 4 * chunk.length);
    expect(await uploads.files()).toEqual([]);
  });

  it("a declared Content-Length past the cap is a 413 before anything is read", async () => {
    const request = multipartRequest([note]);
    const headers = new Headers(request.headers);
    headers.set("Content-Length", String(2 ** 30));
    const thrown = await parseMultipartForm(new Request(request, { headers }), schema).catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(413);
  });

  it("text fields past 256 KB in all are a 413, as parseForm has it", async () => {
    const parts: Part[] = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, value: "x".repeat(60 * 1024) }));
    const thrown = await parseMultipartForm(multipartRequest(parts), schema).catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(413);
  });

  it("too many fields or a name too deep is a malformed form", async () => {
    const many: Part[] = Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}`, value: "1" }));
    const result = await parseMultipartForm(multipartRequest(many), schema);
    expect(result.ok || result.formError).toBe("form.malformed");
    const deep = await parseMultipartForm(multipartRequest([{ name: "a.b.c.d.e.f.g", value: "1" }]), schema);
    expect(deep.ok || deep.formError).toBe("form.malformed");
  });

  it("a body that is not a form is refused (the action answers 400); a multipart body without boundary is unreadable", async () => {
    const json = new Request(`${ORIGIN}/upload`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    const result = await parseMultipartForm(json, schema);
    expect(result.ok || result.formError).toBe("form.unsupported");
    const broken = new Request(`${ORIGIN}/upload`, { method: "POST", headers: { "Content-Type": "multipart/form-data" }, body: "--x\r\n" });
    const unreadable = await parseMultipartForm(broken, schema);
    expect(unreadable.ok || unreadable.formError).toBe("form.unreadable");
    const truncated = new Request(`${ORIGIN}/upload`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      body: '--x\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\n\r\n\xff\xd8\xff',
    });
    const cut = await parseMultipartForm(truncated, schema);
    expect(cut.ok || cut.formError).toBe("form.unreadable");
    expect(await uploads.files()).toEqual([]);
  });
});

describe("accepted forms", () => {
  it("a urlencoded form (no file input) parses with no photos", async () => {
    const request = new Request(`${ORIGIN}/upload`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "note=ok" });
    const result = await parseMultipartForm(request, schema);
    expect(result).toMatchObject({ ok: true, data: { note: "ok" }, photos: [] });
  });

  it("an untouched file input (an empty part without a name) is no photo and no problem", async () => {
    const result = await parseMultipartForm(multipartRequest([note, { name: "photos", value: { bytes: new Uint8Array(0), filename: "", type: "application/octet-stream" } }]), schema);
    expect(result).toMatchObject({ ok: true, photos: [] });
    expect(await uploads.files()).toEqual([]);
  });

  it("files of another field are skipped unread; the intent is passed on", async () => {
    const good = await noisyImage(64, 48);
    const result = await parseMultipartForm(
      multipartRequest([note, { name: "intent", value: "record" }, { name: "other", value: { bytes: Buffer.from("text"), filename: "x.txt" } }, ...photoParts([{ bytes: good }])]),
      schema,
    );
    expect(result).toMatchObject({ ok: true, intent: "record", photos: [{ width: 64, height: 48 }] });
    if (result.ok) await discardStaged(result.photos);
    expect(await uploads.files()).toEqual([]);
  });

  it("JPEG, PNG and WebP are accepted whatever their names and declared types, and all stored as JPEG", async () => {
    const files = [
      { bytes: await noisyImage(300, 200, "jpeg"), filename: "a.png", type: "image/png" },
      { bytes: await noisyImage(300, 200, "png"), filename: "b", type: "application/octet-stream" },
      { bytes: await noisyImage(300, 200, "webp"), filename: "c.txt", type: "text/plain" },
    ];
    const result = await parseMultipartForm(multipartRequest([note, ...photoParts(files)]), schema);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.photos).toHaveLength(3);
    const stored = await storePhotos(result.photos, stamp);
    for (const meta of stored) {
      expect(meta.mimeType).toBe("image/jpeg");
      expect((await sharp(path.join(uploads.dir, meta.storageKey)).metadata()).format).toBe("jpeg");
    }
    // Staged files are gone; only the stored photos and thumbnails remain, under the organisation's folder.
    expect((await uploads.files()).sort()).toEqual(stored.flatMap((m) => [m.storageKey, m.thumbKey]).sort());
    expect(stored.every((m) => /^org-a\/[0-9a-f-]{36}\.jpg$/.test(m.storageKey))).toBe(true);
  });
});

describe("storePhotos", () => {
  it("auto-rotates, shrinks to ≤1600 px, stamps the corner, drops EXIF and GPS, records the sha256 and writes a thumbnail", async () => {
    // A uniform landscape 2400×1200 picture taken "rotated" (orientation 6 = turn 90° clockwise to view), with GPS.
    const source = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: { r: 40, g: 120, b: 200 } } })
      .jpeg()
      .withExif({ IFD0: { Make: "Phone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "31/1 14/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "121/1 28/1 0/1" } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const before = await sharp(source).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.includes(Buffer.from("Phone"))).toBe(true);
    expect(before.exif?.includes(Buffer.from("N\0"))).toBe(true); // the GPS latitude reference

    const result = await parseMultipartForm(multipartRequest([note, ...photoParts([{ bytes: source }])]), schema);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [meta] = await storePhotos(result.photos, stamp);
    const file = await readFile(path.join(uploads.dir, meta!.storageKey));
    const after = await sharp(file).metadata();

    // Upright: portrait now, the long side 1600.
    expect([after.width, after.height]).toEqual([800, 1600]);
    expect([meta!.width, meta!.height]).toEqual([800, 1600]);
    expect(after.orientation).toBeUndefined();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(file.includes(Buffer.from("Phone"))).toBe(false);

    expect(meta!.bytes).toBe(file.byteLength);
    expect(meta!.sha256).toBe(createHash("sha256").update(file).digest("hex"));

    // The stamp: light text on a dark band in the bottom-left corner; the top-right corner is the source colour.
    const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    const distance = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
    const colour = [40, 120, 200];
    expect(distance(pixel(info.width - 5, 5), colour)).toBeLessThan(12);
    let changed = 0;
    let bright = 0;
    for (let y = info.height - 50; y < info.height; y++) {
      for (let x = 0; x < 300; x++) {
        const p = pixel(x, y);
        if (distance(p, colour) > 40) changed++;
        if (Math.min(...p) > 200) bright++;
      }
    }
    expect(changed).toBeGreaterThan(300 * 50 * 0.5);
    expect(bright).toBeGreaterThan(100);

    const thumb = await sharp(path.join(uploads.dir, meta!.thumbKey)).metadata();
    expect([thumb.width, thumb.height]).toEqual([160, 320]);
    expect(thumb.exif).toBeUndefined();
  });

  it("never enlarges a small photo", async () => {
    const staged = path.join(uploads.dir, "small.jpg");
    await writeFile(staged, await plainImage(640, 480));
    const [meta] = await storePhotos([{ path: staged, width: 640, height: 480 }], stamp);
    expect([meta!.width, meta!.height]).toEqual([640, 480]);
  });

  it("stamps the day and minute in the organisation's zone, and the label", () => {
    expect(stampText(stamp)).toBe("2026-11-18 10:05 A-03");
    expect(stampText({ ...stamp, takenAt: new Date("2026-11-18T16:30:00Z") })).toBe("2026-11-19 00:30 A-03");
    expect(stampText({ ...stamp, timeZone: "UTC", label: "东区 <1>" })).toBe("2026-11-18 02:05 东区 <1>");
  });

  it("a label with markup is drawn as text, not parsed as SVG", async () => {
    const staged = path.join(uploads.dir, "s.jpg");
    await writeFile(staged, await plainImage(640, 480));
    const [meta] = await storePhotos([{ path: staged, width: 640, height: 480 }], { ...stamp, label: `</text><image href="file:///etc/passwd"/>&` });
    expect(meta!.bytes).toBeGreaterThan(0);
  });

  it("all or nothing: when one photo fails, the ones written are removed and the staged files too", async () => {
    const good = path.join(uploads.dir, "good.jpg");
    const bad = path.join(uploads.dir, "bad.jpg");
    await writeFile(good, await plainImage(640, 480));
    await writeFile(bad, "not a picture");
    await expect(storePhotos([{ path: good, width: 640, height: 480 }, { path: bad, width: 1, height: 1 }], stamp)).rejects.toThrow();
    expect(await uploads.files()).toEqual([]);
  });

  it("discardPhotos removes a stored photo and its thumbnail", async () => {
    const staged = path.join(uploads.dir, "s.jpg");
    await writeFile(staged, await plainImage(640, 480));
    const stored = await storePhotos([{ path: staged, width: 640, height: 480 }], stamp);
    expect(await uploads.files()).toHaveLength(2);
    await discardPhotos(stored);
    expect(await uploads.files()).toEqual([]);
    // Twice is fine (a refusal path that discards again).
    await discardPhotos(stored);
  });
});

describe("texts", () => {
  it("every photo message exists in both languages", () => {
    const keys = ["notImage", "tooBig", "tooMany", "tooManyPixels", "badName"] as const;
    for (const key of keys) {
      expect(featureZh.photos.errors[key]).toMatch(/\S/);
      expect(featureEn.photos.errors[key]).toMatch(/\S/);
    }
    expect(en.form.unsupported).toMatch(/\S/);
  });
});

/** A tiny PNG whose IHDR claims `width`×`height` (sharp reads the size without decoding). */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length, 0);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])), 0);
    return Buffer.concat([head, Buffer.from(type), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", Buffer.from([0x78, 0x9c, 0x03, 0x00, 0, 0, 0, 1])), chunk("IEND", Buffer.alloc(0))]);
}

describe("the staging folder", () => {
  it("leftovers older than an hour are swept by the next upload; fresh ones (another request's) are kept", async () => {
    const { stagingDir } = await import("../../server/uploads");
    const { sweepStaging, STALE_STAGED_MS } = await import("../../server/photos");
    const { mkdir, utimes } = await import("node:fs/promises");
    await mkdir(stagingDir(), { recursive: true });
    const old = path.join(stagingDir(), "old");
    const fresh = path.join(stagingDir(), "fresh");
    await writeFile(old, "x");
    await writeFile(fresh, "x");
    const past = new Date(Date.now() - STALE_STAGED_MS - 60_000);
    await utimes(old, past, past);
    const result = await parseMultipartForm(multipartRequest([note]), schema);
    expect(result.ok).toBe(true);
    expect(await uploads.files()).toEqual([path.join(".staging", "fresh")]);
    expect(await sweepStaging(0, Date.now() + 1000)).toBe(1);
    expect(await uploads.files()).toEqual([]);
  });
});

describe("settings", () => {
  it("KAOPING_UPLOADS is checked at start-up: a folder path, or unset/empty for data/uploads", async () => {
    const { parseEnv } = await import("~/env.server");
    expect(() => parseEnv({ KAOPING_UPLOADS: "/srv/kaoping/uploads" })).not.toThrow();
    expect(() => parseEnv({ KAOPING_UPLOADS: "" })).not.toThrow();
    expect(() => parseEnv({ KAOPING_UPLOADS: "   " })).toThrow(/KAOPING_UPLOADS/);
    expect(() => parseEnv({ KAOPING_UPLOADS: "/srv/\0x" })).toThrow(/KAOPING_UPLOADS/);
    const { uploadsDir } = await import("../../server/uploads");
    expect(uploadsDir({}, "/app")).toBe("/app/data/uploads");
    expect(uploadsDir({ KAOPING_UPLOADS: "/mnt/shared/uploads" }, "/app")).toBe("/mnt/shared/uploads");
  });
});
