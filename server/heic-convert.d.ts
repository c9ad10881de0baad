// heic-convert ships no types: the one call server/photo-check.ts makes.
declare module "heic-convert" {
  const convert: (input: { buffer: Buffer; format: "JPEG" | "PNG"; quality?: number }) => Promise<ArrayBuffer | Uint8Array>;
  export default convert;
}
