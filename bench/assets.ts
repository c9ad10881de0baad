/**
 * What a built page loads: the assets its HTML references and the modules they
 * import statically, read from build/client. Used by bench/weight.ts (sizes) and
 * test/e2e/bundle.e2e.ts (what the survey page must not contain).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { root } from "./server";

export interface Asset {
  path: string;
  bytes: number;
  gzip: number;
}

const gzip6 = (data: Buffer | string) => gzipSync(data, { level: 6 }).length;

const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag)?.[1];

/** The same-origin asset paths the HTML names, in the order it names them. */
export function referencedAssets(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(tag, "rel")?.toLowerCase();
    const href = attr(tag, "href");
    if (href && (rel === "modulepreload" || rel === "stylesheet" || rel === "preload")) found.push(href);
  }
  for (const [, attrs = "", body = ""] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = attr(attrs, "src");
    if (src) found.push(src);
    // Inline module scripts: `import "…"` / `import * as route0 from "…"`.
    for (const m of body.matchAll(/\bimport\s*(?:[^"'()]*?\bfrom\s*)?["']([^"']+)["']/g)) found.push(m[1]!);
    // The inline Remix manifest: the entry and the routes this script imports (the matched ones).
    // Lazy route discovery also lists routes the page may navigate to (e.g. the index
    // route) and the full manifest's url; the browser loads those only when needed.
    const manifest = /window\.__remixManifest\s*=\s*(\{[\s\S]*?\});/.exec(body)?.[1];
    if (manifest) found.push(...manifestAssets(JSON.parse(manifest) as RemixManifest, new Set(found)));
  }
  return [...new Set(found.map((p) => p.replace(/&amp;/g, "&")))].filter((p) => p.startsWith("/") && !p.startsWith("//"));
}

export interface ManifestEntry {
  module: string;
  imports?: string[];
  css?: string[];
}
export interface RemixManifest {
  entry: ManifestEntry;
  routes: Record<string, ManifestEntry>;
}

function manifestAssets(manifest: RemixManifest, imported: Set<string>): string[] {
  const entries = [manifest.entry, ...Object.values(manifest.routes).filter((r) => imported.has(r.module))];
  return entries.flatMap((e) => [e.module, ...(e.imports ?? []), ...(e.css ?? [])]);
}

/** Static imports of a built module (`import{a}from"./x.js"`, `import"./y.js"`, `export*from"./z.js"`), as absolute paths. */
export function staticImports(code: string, from: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{][^"'()]*?\bfrom\s*)?["']([^"']+\.js)["']/g)) {
    out.push(path.posix.resolve(path.posix.dirname(from), m[1]!));
  }
  return out;
}

/** Reads an asset from build/client (what the server sends for /assets/…). */
export function readAsset(assetPath: string): Buffer {
  return readFileSync(path.join(root, "build/client", assetPath.split("?")[0]!));
}

/** Every asset the HTML references, plus the modules they import statically. */
export function pageAssets(html: string, read: (p: string) => Buffer = readAsset): Asset[] {
  const queue = referencedAssets(html);
  const seen = new Set<string>();
  const assets: Asset[] = [];
  while (queue.length > 0) {
    const p = queue.shift()!;
    if (seen.has(p)) continue;
    seen.add(p);
    const data = read(p);
    assets.push({ path: p, bytes: data.length, gzip: gzip6(data) });
    if (p.endsWith(".js")) queue.push(...staticImports(data.toString("utf8"), p));
  }
  return assets;
}

/** The full Remix manifest of the build (build/client/assets/manifest-*.js). */
export function buildManifest(): RemixManifest {
  const dir = path.join(root, "build/client/assets");
  const file = readdirSync(dir).find((f) => /^manifest-[\w-]+\.js$/.test(f));
  if (!file) throw new Error("no build/client/assets/manifest-*.js: run `npm run build` first");
  const text = readFileSync(path.join(dir, file), "utf8");
  return JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as RemixManifest;
}

/** Every file the browser loads for these routes (entry, the routes' modules, imports and css, and what those import statically). */
export function routeAssets(manifest: RemixManifest, routeIds: readonly string[]): string[] {
  const queue = [manifest.entry, ...routeIds.map((id) => {
    const route = manifest.routes[id];
    if (!route) throw new Error(`no route ${id} in the build's manifest`);
    return route;
  })].flatMap((e) => [e.module, ...(e.imports ?? []), ...(e.css ?? [])]);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const p = queue.shift()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (p.endsWith(".js")) queue.push(...staticImports(readAsset(p).toString("utf8"), p));
  }
  return [...seen];
}
