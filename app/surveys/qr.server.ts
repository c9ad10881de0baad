/**
 * QR codes of survey links (the `qrcode` package) and the absolute links they
 * carry. Three renderings of the same symbol: a PNG and an SVG file to
 * download, and a path for the React `<QrCode>` component, so printed pages
 * draw the code inline without any HTML string.
 */
import QRCode from "qrcode";

/** Medium error correction survives a folded or slightly dirty poster and keeps the symbol small. */
const OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

/** A PNG of `text`, `width` pixels wide (default big enough for an A4 poster). */
export function qrPng(text: string, width = 1024): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: "png", width });
}

/** A standalone SVG document of `text`. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: "svg" });
}

/** The symbol as one SVG path of unit squares, in a `size` × `size` box that includes the quiet zone. */
export interface QrPath {
  size: number;
  d: string;
}

export function qrPath(text: string): QrPath {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: OPTIONS.errorCorrectionLevel });
  const margin = OPTIONS.margin;
  const n = modules.size;
  let d = "";
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.data[row * n + col]) col++;
      // One horizontal run of dark modules: a rectangle one module high.
      d += `M${start + margin} ${row + margin}h${col - start}v1h${start - col}z`;
    }
  }
  return { size: n + margin * 2, d };
}

/** The origin of printed links: PUBLIC_URL when set, else the request's (see origin.server.ts). */
export { publicOrigin } from "~/utils/origin.server";

/** The open link of a campaign: `/s/<token>` (kept out of request logs). */
export function openLinkUrl(origin: string, token: string): string {
  return `${origin}/s/${encodeURIComponent(token)}`;
}

/** The link printed on an invite slip: `/i/<code>`. */
export function inviteUrl(origin: string, code: string): string {
  return `${origin}/i/${encodeURIComponent(code)}`;
}

/** Where a person types a code by hand. */
export function inviteEntryUrl(origin: string): string {
  return `${origin}/invite`;
}
