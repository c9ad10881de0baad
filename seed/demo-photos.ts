/**
 * The demo's photos, drawn by `sharp` at seed time (no binary is committed):
 * a small set of distinct 1024×768 JPEGs — a coloured scene with shapes and a
 * label — and their thumbnails, rendered once per seed; every evidence file of
 * the demo is a copy of one of them under the uploads folder, named by
 * `photoKeys(orgId)` like an uploaded photo (server/uploads.ts), with the
 * sha256 of its bytes.
 */
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { photoKeys, uploadPath } from "../server/uploads";
import type { ServiceType } from "../scoring/types";

export const DEMO_PHOTO_WIDTH = 1024;
export const DEMO_PHOTO_HEIGHT = 768;
const THUMB_WIDTH = 320;

export interface DemoPhoto {
  /** What it shows, e.g. "property / before 2". */
  label: string;
  jpeg: Buffer;
  thumb: Buffer;
  sha256: string;
}

/** Per service type: scenes of a problem ("before") and of the fix ("after"). */
export interface DemoPhotoSet {
  before: Record<ServiceType, DemoPhoto[]>;
  after: Record<ServiceType, DemoPhoto[]>;
}

const SCENES: Readonly<Record<ServiceType, { colour: string; accent: string; subjects: string[] }>> = {
  property: { colour: "#8da9c4", accent: "#134074", subjects: ["STAIRWELL", "CORRIDOR", "PLANT ROOM"] },
  catering: { colour: "#f4d58d", accent: "#bf0603", subjects: ["KITCHEN", "STOREROOM", "DINING HALL"] },
  greening: { colour: "#a7c957", accent: "#386641", subjects: ["LAWN", "HEDGE", "SHRUB BED"] },
  meeting: { colour: "#d6ccc2", accent: "#6f1d1b", subjects: ["MEETING ROOM", "CONTROL ROOM"] },
};

/** One scene as SVG: background, a few shapes placed by `n`, and the label in a band at the bottom. */
function sceneSvg(colour: string, accent: string, label: string, n: number, fixed: boolean): string {
  const w = DEMO_PHOTO_WIDTH;
  const h = DEMO_PHOTO_HEIGHT;
  const shapes: string[] = [];
  for (let i = 0; i < 5; i++) {
    const x = ((n * 197 + i * 263) % (w - 200)) + 40;
    const y = ((n * 131 + i * 149) % (h - 320)) + 40;
    const r = 40 + ((n * 17 + i * 29) % 80);
    shapes.push(
      i % 2 === 0
        ? `<circle cx="${x + r}" cy="${y + r}" r="${r}" fill="${accent}" fill-opacity="0.${5 + (i % 4)}"/>`
        : `<rect x="${x}" y="${y}" width="${r * 2}" height="${r * 1.4}" rx="12" fill="#ffffff" fill-opacity="0.6" stroke="${accent}" stroke-width="6"/>`,
    );
  }
  const mark = fixed
    ? `<path d="M ${w - 200} 120 l 50 50 l 100 -110" stroke="#2b9348" stroke-width="28" fill="none" stroke-linecap="round"/>`
    : `<path d="M ${w - 200} 60 l 120 120 M ${w - 80} 60 l -120 120" stroke="#d00000" stroke-width="28" stroke-linecap="round"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
  <rect width="${w}" height="${h}" fill="${colour}"/>
  <rect y="${h * 0.62}" width="${w}" height="${h * 0.38}" fill="${accent}" fill-opacity="0.25"/>
  ${shapes.join("\n  ")}
  ${mark}
  <rect y="${h - 110}" width="${w}" height="110" fill="#000000" fill-opacity="0.55"/>
  <text x="40" y="${h - 42}" font-family="DejaVu Sans, sans-serif" font-size="52" font-weight="bold" fill="#ffffff">${label}</text>
</svg>`;
}

async function render(svg: string, label: string): Promise<DemoPhoto> {
  const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 78, mozjpeg: false }).toBuffer();
  const thumb = await sharp(jpeg).resize({ width: THUMB_WIDTH }).jpeg({ quality: 70 }).toBuffer();
  return { label, jpeg, thumb, sha256: createHash("sha256").update(jpeg).digest("hex") };
}

/** Renders the demo's photos (16 distinct images). */
export async function renderDemoPhotos(): Promise<DemoPhotoSet> {
  const before = {} as Record<ServiceType, DemoPhoto[]>;
  const after = {} as Record<ServiceType, DemoPhoto[]>;
  let n = 1;
  for (const [type, scene] of Object.entries(SCENES) as [ServiceType, (typeof SCENES)[ServiceType]][]) {
    before[type] = await Promise.all(
      scene.subjects.map((subject, i) => render(sceneSvg(scene.colour, scene.accent, `${subject} - FINDING ${i + 1}`, n + i, false), `${type} / before ${i + 1}`)),
    );
    n += scene.subjects.length;
    after[type] = [await render(sceneSvg(scene.colour, scene.accent, `${scene.subjects[0]} - FIXED`, n++, true), `${type} / after`)];
  }
  return { before, after };
}

/** Metadata of one written copy, as `evidence_files` stores it. */
export interface WrittenPhoto {
  storageKey: string;
  thumbKey: string;
  mimeType: "image/jpeg";
  bytes: number;
  width: number;
  height: number;
  sha256: string;
}

/**
 * Writes copies of demo photos into an uploads folder, remembering every file
 * so a failed seed can take them away again (`discard`).
 */
export class DemoPhotoWriter {
  private readonly written: string[] = [];
  private readonly dir: string;

  constructor(
    dir: string,
    private readonly orgId: string,
  ) {
    this.dir = path.resolve(dir); // uploadPath compares against an absolute folder
  }

  /** One copy of `photo` (file and thumbnail) under fresh keys of the organisation. */
  write(photo: DemoPhoto): WrittenPhoto {
    const keys = photoKeys(this.orgId);
    const file = uploadPath(keys.storageKey, this.dir);
    const thumb = uploadPath(keys.thumbKey, this.dir);
    if (this.written.length === 0) mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, photo.jpeg, { flag: "wx" });
    this.written.push(file);
    writeFileSync(thumb, photo.thumb, { flag: "wx" });
    this.written.push(thumb);
    return {
      ...keys,
      mimeType: "image/jpeg",
      bytes: photo.jpeg.length,
      width: DEMO_PHOTO_WIDTH,
      height: DEMO_PHOTO_HEIGHT,
      sha256: photo.sha256,
    };
  }

  /** How many photos were written (each with its thumbnail). */
  get count(): number {
    return this.written.length / 2;
  }

  /** Deletes every file written so far. */
  discard(): void {
    for (const f of this.written) rmSync(f, { force: true });
    this.written.length = 0;
  }
}
