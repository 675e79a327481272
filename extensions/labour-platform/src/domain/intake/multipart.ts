/**
 * multipart/form-data (RFC 7578) from a body already read into memory (the intake limits its size first): the text
 * fields and the files, by name. Plain module: no Directus import.
 */

export interface MultipartFile {
  filename: string;
  contentType: string | null;
  data: Buffer;
}

export interface MultipartForm {
  fields: Record<string, string>;
  files: Record<string, MultipartFile>;
}

/** The boundary of a multipart/form-data content type, or null when it is not one. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2] ?? null;
  return boundary !== null && boundary.length <= 200 ? boundary : null;
}

function headerParameter(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\*?=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(header);
  if (!match) return null;
  const value = match[1] ?? match[2] ?? '';
  return value.replace(/\\(.)/g, '$1');
}

/** Parses the body; null when it is not well-formed multipart. The first part of each name wins. */
export function parseMultipart(body: Buffer, boundary: string): MultipartForm | null {
  const delimiter = Buffer.from(`--${boundary}`);
  const form: MultipartForm = { fields: {}, files: {} };
  let position = body.indexOf(delimiter);
  if (position === -1) return null;
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return form;
    if (body.subarray(position, position + 2).toString() === '\r\n') position += 2;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd === -1) return null;
    const headers = body.subarray(position, headerEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next === -1) return null;
    const content = body.subarray(headerEnd + 4, next);
    const disposition = headers.find((line) => /^content-disposition:/i.test(line)) ?? '';
    const type = headers.find((line) => /^content-type:/i.test(line))?.replace(/^content-type:\s*/i, '') ?? null;
    const name = headerParameter(disposition, 'name');
    const filename = headerParameter(disposition, 'filename');
    if (name !== null) {
      if (filename !== null) {
        if (!(name in form.files)) form.files[name] = { filename, contentType: type, data: Buffer.from(content) };
      } else if (!(name in form.fields)) form.fields[name] = content.toString('utf8');
    }
    position = next + 2;
  }
}
