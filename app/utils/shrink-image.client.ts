/**
 * Shrinking a photo in the phone before upload: a 12 MP camera JPEG (3–6 MB)
 * becomes a ~1600 px JPEG of a few hundred KB, which matters on a weak
 * signal. The server resizes to the same size anyway, so nothing is lost.
 * Whatever the browser cannot decode (HEIC outside Safari) or draw is sent
 * as it is: the server converts it.
 */
import { PHOTO_MAX_SIDE, fitWithin } from "./photo-form";

/** The photo as a JPEG of at most `maxSide` px on its long side, upright; the original when shrinking fails or gains nothing. */
export async function shrinkImage(file: File, maxSide = PHOTO_MAX_SIDE, quality = 0.85): Promise<File> {
  if (typeof createImageBitmap !== "function" || !file.type.startsWith("image/")) return file;
  let bitmap: ImageBitmap | undefined;
  try {
    // "from-image" applies the EXIF orientation, so the drawn pixels are upright (the EXIF is dropped with them).
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    const { width, height } = fitWithin(bitmap.width, bitmap.height, maxSide);
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    if (!context) return file;
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], `${file.name.replace(/\.[^.]*$/, "") || "photo"}.jpg`, { type: "image/jpeg", lastModified: file.lastModified });
  } catch {
    return file;
  } finally {
    bitmap?.close();
  }
}
