/**
 * Making the evidence for one consent action: the next record of the migrant's chain, its canonical JSON and
 * the detached signature over it. What to store per record: `canonical` and `signature` (the record is
 * `JSON.parse(canonical)`), plus the chain and a sequence number to keep them in order.
 * Plain module: no Directus import.
 */
import { canonicalJson, chainedRecord, sha256Hex, type ConsentRecord } from './record.js';
import { signDetached, type ConsentSigner } from './signature.js';

export interface ConsentEvidence {
  record: ConsentRecord;
  /** Canonical JSON of `record`: exactly the bytes signed (UTF-8) and hashed into the next record. */
  canonical: string;
  /** Detached PKCS#7 SignedData PEM over `canonical`. */
  signature: string;
  /** sha256Hex(canonical): the next record's previousHash. */
  hash: string;
}

/** Builds, canonicalises and signs the record that follows `previous` (null: the migrant's first record). */
export function createEvidence(
  previous: ConsentRecord | null,
  fields: Omit<ConsentRecord, 'version' | 'previousHash'>,
  signer: ConsentSigner,
): ConsentEvidence {
  const record = chainedRecord(previous, fields);
  const canonical = canonicalJson(record);
  return { record, canonical, signature: signDetached(canonical, signer), hash: sha256Hex(canonical) };
}
