/**
 * A migrant's documents (issue 10, door 3): the content check by magic bytes, the upload rules (size, expiry) and
 * the completeness of each BRP step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_MAX_BYTES,
  DOCUMENT_TYPES,
  REQUIRED_DOCUMENTS,
  checkUpload,
  completeness,
  documentRefusalMessage,
  isExpired,
  safeFileName,
  sniffDocumentType,
  type DocumentType,
} from '../../extensions/labour-platform/src/domain/documents';
import { refusalText } from '../../extensions/labour-platform/src/domain/refusals';
import { TASK_TYPES } from '../../extensions/labour-platform/src/domain/vocabulary';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
/** A Windows program ("MZ" header), whatever it is called. */
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(64)]);
const TODAY = '2026-06-15';

describe('the content check (magic bytes)', () => {
  it('knows a PDF, a JPEG and a PNG by their first bytes', () => {
    expect(sniffDocumentType(PDF)).toBe('application/pdf');
    expect(sniffDocumentType(JPEG)).toBe('image/jpeg');
    expect(sniffDocumentType(PNG)).toBe('image/png');
  });

  it('refuses a program, a text, an office file, an empty or a truncated file', () => {
    expect(sniffDocumentType(EXE)).toBeNull();
    expect(sniffDocumentType(Buffer.from('hello, this is a text'))).toBeNull();
    expect(sniffDocumentType(Buffer.from('PK\x03\x04word/document.xml', 'latin1'))).toBeNull();
    expect(sniffDocumentType(Buffer.alloc(0))).toBeNull();
    expect(sniffDocumentType(PNG.subarray(0, 7))).toBeNull();
    expect(sniffDocumentType(Buffer.from(' %PDF-1.7'))).toBeNull();
  });

  it('decides on the content only: any bytes after a signature keep its type; bytes without one have none', () => {
    fc.assert(
      fc.property(fc.constantFrom(PDF, JPEG, PNG), fc.uint8Array({ maxLength: 200 }), (head, tail) => {
        const signed = Buffer.concat([head.subarray(0, 8), tail]);
        expect(sniffDocumentType(signed)).toBe(sniffDocumentType(head));
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const type = sniffDocumentType(bytes);
        if (type === 'application/pdf') expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
        else if (type === 'image/jpeg') expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
        else if (type === 'image/png') expect(bytes[1]).toBe(0x50);
        else expect(type).toBeNull();
      }),
    );
  });
});

describe('an upload', () => {
  const upload = (type: unknown, bytes: Uint8Array, expiryDate: string | null = null) =>
    checkUpload({ type, bytes, expiryDate }, TODAY);

  it('accepts a contract in any of the three formats, without an expiry date (one sent is ignored)', () => {
    for (const bytes of [PDF, JPEG, PNG]) {
      const result = upload('rental_contract', bytes, '2020-01-01');
      expect(result).toEqual({
        ok: true,
        document: { type: 'rental_contract', contentType: sniffDocumentType(bytes), expiryDate: null },
      });
    }
  });

  it('refuses an .exe renamed .pdf, an empty file, a file over the limit and an unknown kind', () => {
    expect(upload('rental_contract', EXE)).toEqual({ ok: false, problem: { code: 'document_wrong_type' } });
    expect(upload('rental_contract', Buffer.alloc(0))).toEqual({ ok: false, problem: { code: 'document_empty' } });
    const large = Buffer.concat([PDF, Buffer.alloc(DOCUMENT_MAX_BYTES)]);
    expect(upload('rental_contract', large)).toEqual({
      ok: false,
      problem: { code: 'document_too_large', maxMegabytes: 5 },
    });
    expect(upload('rental_contract', Buffer.concat([PDF, Buffer.alloc(DOCUMENT_MAX_BYTES - PDF.length)])).ok).toBe(
      true,
    );
    expect(upload('passport_photo', PDF)).toEqual({ ok: false, problem: { code: 'document_invalid_type' } });
  });

  it('an identity document needs an expiry date that has not passed (valid through the day itself)', () => {
    expect(upload('identity_document', PDF)).toEqual({ ok: false, problem: { code: 'document_expiry_required' } });
    expect(upload('identity_document', PDF, '2026-02-30')).toEqual({
      ok: false,
      problem: { code: 'document_expiry_required' },
    });
    expect(upload('identity_document', PDF, '2026-06-14')).toEqual({
      ok: false,
      problem: { code: 'document_expired' },
    });
    expect(upload('identity_document', PDF, TODAY)).toMatchObject({ ok: true, document: { expiryDate: TODAY } });
    expect(upload('identity_document', JPEG, '2031-01-31')).toMatchObject({ ok: true });
  });

  it('every refusal has a Dutch and an English sentence, through the one refusal catalogue', () => {
    const codes = [
      { code: 'document_wrong_type' },
      { code: 'document_empty' },
      { code: 'document_too_large', maxMegabytes: 5 },
      { code: 'document_expiry_required' },
      { code: 'document_expired' },
      { code: 'document_invalid_type' },
      { code: 'document_shielded', shield: 'no_consent' },
      { code: 'documents_provider_only' },
    ] as const;
    for (const refusal of codes) {
      const nl = refusalText(refusal, 'nl');
      const en = refusalText(refusal, 'en');
      expect(nl).toBe(documentRefusalMessage(refusal, 'nl'));
      expect(nl).not.toBe(en);
      expect(en.length).toBeGreaterThan(10);
    }
  });

  it('a download name: no path, no quotes or control characters, the extension of the content', () => {
    expect(safeFileName('C:\\Users\\x\\paspoort.pdf', 'application/pdf')).toBe('paspoort.pdf');
    expect(safeFileName('../../etc/passwd', 'image/png')).toBe('passwd.png');
    expect(safeFileName('a"b\r\n.jpg', 'image/jpeg')).toBe('ab.jpg');
    expect(safeFileName('', 'application/pdf')).toBe('document.pdf');
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('application/pdf', 'image/jpeg', 'image/png' as const), (name, type) => {
        const safe = safeFileName(name, type);
        expect(safe).not.toMatch(/[\\/"\u0000-\u001f\u007f]/);
        expect(safe.length).toBeGreaterThan(0);
        expect(safe.length).toBeLessThanOrEqual(125);
      }),
    );
  });
});

describe('completeness per BRP step', () => {
  const doc = (type: DocumentType, expiryDate: string | null = null) => ({ type, expiryDate });

  it('the desk appointment needs an identity document and a rental contract or host statement', () => {
    expect(completeness('register', [], TODAY)).toMatchObject({
      complete: false,
      requirements: [
        { id: 'identity', met: false, expired: false },
        { id: 'address', met: false, expired: false },
      ],
    });
    expect(
      completeness('register', [doc('identity_document', '2030-01-01'), doc('rental_contract')], TODAY).complete,
    ).toBe(true);
    expect(
      completeness('schedule', [doc('identity_document', '2030-01-01'), doc('host_statement')], TODAY).complete,
    ).toBe(true);
    expect(
      completeness('register', [doc('identity_document', '2030-01-01'), doc('employment_contract')], TODAY),
    ).toMatchObject({ complete: false, requirements: [{ met: true }, { met: false }] });
  });

  it('an identity document that has expired since its upload meets nothing, and says so', () => {
    expect(
      completeness('assess_status', [doc('identity_document', '2026-06-14'), doc('rental_contract')], TODAY),
    ).toMatchObject({ complete: false, requirements: [{ id: 'identity', met: false, expired: true }] });
  });

  it('a departure needs no document', () => {
    expect(completeness('report_departure', [], TODAY)).toEqual({ complete: true, requirements: [] });
    expect(completeness('deregister', [], TODAY)).toEqual({ complete: true, requirements: [] });
  });

  it('property: complete exactly when each requirement has an unexpired document of one of its kinds; more documents never make a step less complete', () => {
    const date = fc
      .integer({ min: 0, max: 3000 })
      .map((days) => new Date(Date.UTC(2024, 0, 1) + days * 86_400_000).toISOString().slice(0, 10));
    const documents = fc.array(
      fc.record({ type: fc.constantFrom(...DOCUMENT_TYPES), expiryDate: fc.option(date, { nil: null }) }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...TASK_TYPES), documents, documents, date, (task, some, more, today) => {
        const result = completeness(task, some, today);
        const expected = REQUIRED_DOCUMENTS[task].every((requirement) =>
          some.some((document) => requirement.anyOf.includes(document.type) && !isExpired(document.expiryDate, today)),
        );
        expect(result.complete).toBe(expected);
        if (result.complete) expect(completeness(task, [...some, ...more], today).complete).toBe(true);
      }),
    );
  });
});
