/**
 * Photos of an inspection's findings (issue 12): what an inspector may attach to a finding, checked on its content
 * (JPEG or PNG, never by its name), its size and how many a finding holds. Plain module: no Directus import.
 */
import { sniffDocumentType } from '../documents';

export const PHOTO_MAX_MEGABYTES = 5;
export const PHOTO_MAX_BYTES = PHOTO_MAX_MEGABYTES * 1024 * 1024;
/** Photos a finding holds at most. */
export const PHOTOS_PER_FINDING = 10;

export type PhotoContentType = 'image/jpeg' | 'image/png';

export type PhotoProblem =
  | { code: 'document_empty' }
  | { code: 'document_too_large'; maxMegabytes: number }
  | { code: 'photo_wrong_type' }
  | { code: 'photo_limit'; maxPhotos: number };

/** Whether an upload is a photo a finding takes (the first problem found): size, then content, then the count. */
export function checkPhoto(
  bytes: Uint8Array,
  photosAlready: number,
): { ok: true; contentType: PhotoContentType } | { ok: false; problem: PhotoProblem } {
  if (bytes.length === 0) return { ok: false, problem: { code: 'document_empty' } };
  if (bytes.length > PHOTO_MAX_BYTES)
    return { ok: false, problem: { code: 'document_too_large', maxMegabytes: PHOTO_MAX_MEGABYTES } };
  const type = sniffDocumentType(bytes);
  if (type !== 'image/jpeg' && type !== 'image/png') return { ok: false, problem: { code: 'photo_wrong_type' } };
  if (photosAlready >= PHOTOS_PER_FINDING)
    return { ok: false, problem: { code: 'photo_limit', maxPhotos: PHOTOS_PER_FINDING } };
  return { ok: true, contentType: type };
}
