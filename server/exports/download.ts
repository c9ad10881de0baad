/** The headers of a file download, shared by every export. */

/**
 * `Content-Disposition: attachment` with an ASCII fallback name and the real
 * (UTF-8) one in `filename*` (RFC 6266 / 5987), so Excel and browsers on
 * Chinese systems save "满意度调查邀请码-….csv" and old clients still get a name.
 */
export function attachmentHeader(asciiName: string, utf8Name: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(utf8Name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file name part without path separators or characters Windows refuses. */
export function safeFilePart(text: string): string {
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_").trim().slice(0, 60);
}
