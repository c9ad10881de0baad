import type { QrPath } from "../qr.server";

/**
 * A QR code drawn from the path made by `qrPath()` on the server: one SVG
 * path, crisp at any print size, no HTML string involved.
 */
export function QrCode({ qr, label, className }: { qr: QrPath; label: string; className?: string }) {
  return (
    <svg
      className={className ? `qr-code ${className}` : "qr-code"}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
