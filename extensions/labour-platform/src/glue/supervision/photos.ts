/**
 * Photos of inspection findings (issue 12), behind /supervision/findings/:id/photos. Like a migrant's documents
 * (../documents/documents.ts) a photo never reaches Directus's files (whose /assets and /files would serve it under
 * Directus's rules, not the finding's): the endpoint reads the upload into memory, checks its content
 * (../../domain/supervision/photos.ts) and stores it in the platform's own collection `inspection_photos`, which no
 * role may read or write through the API. A photo of a room is no personal record, so it is not encrypted.
 *
 * Who: every route first establishes that the caller reads the finding with its own permissions (else 404, the same
 * as for a missing one): the inspectors and clerks of the location's municipality and the location's provider. Only
 * an inspector (of that municipality, as reading the finding implies) or an administrator adds a photo, to a finding
 * not yet closed.
 */
import { randomUUID } from 'node:crypto';
import { isUuid } from '../../domain/consent/invitation';
import { multipartBoundary, parseMultipart } from '../../domain/intake/multipart';
import { checkPhoto, PHOTO_MAX_BYTES, PHOTO_MAX_MEGABYTES } from '../../domain/supervision/photos';
import { sniffDocumentType } from '../../domain/documents';
import { Refused, Sent, header, type ApiRequest } from '../http/seam';
import { readBody } from '../intake/imports';
import { rowsVisibleTo, type DataAccess, type Row } from '../items';
import { ROLE_IDS } from '../roles';
import { timestamp } from '../retention/facts';

export const PHOTOS = 'inspection_photos';

export interface PhotoSummary {
  id: string;
  content_type: string;
  size_bytes: number;
  uploaded_at: string | null;
}

/** The finding, as the caller reads it; a hidden one and a missing one are the same 404. */
async function visibleFinding(access: DataAccess, request: ApiRequest, findingId: string): Promise<Row> {
  if (!isUuid(findingId)) throw new Refused({ code: 'not_found' });
  const [row] = await rowsVisibleTo(access, 'inspection_findings', request.accountability ?? null, {
    filter: { id: { _eq: findingId } },
    fields: ['id', 'closed_by'],
    limit: 1,
  });
  if (!row) throw new Refused({ code: 'not_found' });
  return row;
}

const summary = (row: Row): PhotoSummary => ({
  id: String(row['id']),
  content_type: String(row['content_type']),
  size_bytes: Number(row['size_bytes']),
  uploaded_at: timestamp(row['uploaded_at']),
});

/** POST /supervision/findings/:id/photos (multipart, field `file`): an inspector adds a photo to an open finding. */
export async function uploadPhoto(
  access: DataAccess,
  findingId: string,
  request: ApiRequest,
  now: Date = new Date(),
): Promise<PhotoSummary> {
  const finding = await visibleFinding(access, request, findingId);
  const accountability = request.accountability ?? null;
  if (!accountability?.admin && accountability?.role !== ROLE_IDS.inspector)
    throw new Refused({ code: 'photos_inspector_only' });
  if (finding['closed_by'] !== null && finding['closed_by'] !== undefined)
    throw new Refused({ code: 'finding_closed' });
  const boundary = multipartBoundary(header(request, 'content-type'));
  if (boundary === null) throw new Refused({ code: 'invalid_input', field: 'file' });
  const body = await readBody(request, PHOTO_MAX_BYTES + 64 * 1024, {
    code: 'document_too_large',
    maxMegabytes: PHOTO_MAX_MEGABYTES,
  });
  const form = parseMultipart(body, boundary);
  const file = form?.files['file'];
  if (!form || !file) throw new Refused({ code: 'invalid_input', field: 'file' });
  return access.knex.transaction(async (trx) => {
    const counted = (await trx(PHOTOS).where('finding', findingId).count({ n: '*' })) as Array<{ n: unknown }>;
    const checked = checkPhoto(file.data, Number(counted[0]?.n ?? 0));
    if (!checked.ok) throw new Refused(checked.problem);
    const row = {
      id: randomUUID(),
      finding: findingId,
      content_type: checked.contentType,
      size_bytes: file.data.length,
      content: file.data.toString('base64'),
      uploaded_by: accountability?.user ?? null,
      uploaded_at: now,
    };
    await trx(PHOTOS).insert(row);
    return summary(row);
  });
}

/** GET /supervision/findings/:id/photos: the photos' metadata, for whoever reads the finding. */
export async function listPhotos(access: DataAccess, findingId: string, request: ApiRequest): Promise<PhotoSummary[]> {
  await visibleFinding(access, request, findingId);
  const rows = (await access
    .knex(PHOTOS)
    .where('finding', findingId)
    .orderBy('uploaded_at', 'asc')
    .select('id', 'content_type', 'size_bytes', 'uploaded_at')) as Row[];
  return rows.map(summary);
}

/** GET /supervision/findings/:id/photos/:photo: the image, for whoever reads the finding. */
export async function photoOf(
  access: DataAccess,
  findingId: string,
  photoId: string,
  request: ApiRequest,
): Promise<Sent> {
  await visibleFinding(access, request, findingId);
  if (!isUuid(photoId)) throw new Refused({ code: 'not_found' });
  const row = (await access.knex(PHOTOS).where({ id: photoId, finding: findingId }).first('content')) as
    { content: string } | undefined;
  if (!row) throw new Refused({ code: 'not_found' });
  const bytes = Buffer.from(row.content, 'base64');
  // checked on the way in; checked again, so nothing else is ever served as an image
  const type = sniffDocumentType(bytes);
  if (type !== 'image/jpeg' && type !== 'image/png') throw new Refused({ code: 'not_found' });
  return new Sent(type, bytes);
}
