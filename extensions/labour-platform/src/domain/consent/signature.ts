/**
 * Detached CMS (PKCS#7) signatures over a consent record's canonical bytes, made and checked with node-forge.
 *
 * The signature is a SignedData (RFC 5652) without the content: SHA-256, RSA PKCS#1 v1.5, the signer's
 * certificate included, signed attributes contentType (id-data), signingTime and messageDigest. Anyone can
 * check it without this code:
 *
 *   openssl cms -verify -binary -inform PEM -in sig.pem -content record.json -CAfile cert.pem -purpose any
 *
 * Node-forge can sign PKCS#7 but not verify it, so verifyDetached walks the ASN.1 itself: it checks the
 * messageDigest attribute against SHA-256 of the content, then the RSA signature over the DER of the signed
 * attributes with the included certificate, and optionally that this certificate is the trusted one.
 * Plain module: no Directus import.
 */
import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface ConsentSigner {
  certificatePem: string;
  privateKeyPem: string;
}

export interface VerificationResult {
  ok: boolean;
  /** Why the signature was not accepted (only when ok is false). Never contains key material. */
  reason?: string;
  /** The signingTime attribute, ISO 8601 UTC (when the signature could be read). */
  signingTime?: string;
}

const { asn1, pki } = forge;
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsaEncryption: '1.2.840.113549.1.1.11',
} as const;

/** Forge works on "binary strings" (one char per byte); these convert from and to real bytes. */
function utf8Binary(text: string): string {
  return Buffer.from(text, 'utf8').toString('binary');
}

function normalisePem(pem: string): string {
  return `${pem.replace(/\r\n/g, '\n').trimEnd()}\n`;
}

/**
 * Signs the UTF-8 bytes of `canonicalBytes` (a record's canonical JSON) and returns a detached PKCS#7
 * SignedData as PEM (`-----BEGIN PKCS7-----`). The content itself is not inside: store it next to the signature.
 */
export function signDetached(canonicalBytes: string, signer: ConsentSigner): string {
  const certificate = pki.certificateFromPem(signer.certificatePem);
  const privateKey = pki.privateKeyFromPem(signer.privateKeyPem);
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(utf8Binary(canonicalBytes));
  p7.addCertificate(certificate);
  p7.addSigner({
    key: privateKey,
    certificate,
    digestAlgorithm: pki.oids['sha256']!,
    // In DER order (SET OF sorts by encoding: contentType 30 18…, signingTime 30 1c…, messageDigest 30 2f…).
    // Forge fills in messageDigest and, without a value, signingTime (now, as UTCTime).
    authenticatedAttributes: [
      { type: pki.oids['contentType']!, value: pki.oids['data']! },
      { type: pki.oids['signingTime']! },
      { type: pki.oids['messageDigest']! },
    ],
  });
  p7.sign({ detached: true });
  return normalisePem(forge.pkcs7.messageToPem(p7));
}

class Rejected extends Error {}

function reject(reason: string): never {
  throw new Rejected(reason);
}

type Node = forge.asn1.Asn1;

function children(node: Node | undefined, what: string): Node[] {
  if (!node || !Array.isArray(node.value)) reject(`${what} is missing or not constructed`);
  return node.value;
}

function bytesOf(node: Node | undefined, what: string): string {
  if (!node || typeof node.value !== 'string') reject(`${what} is missing or not primitive`);
  return node.value;
}

function isUniversal(node: Node | undefined, type: forge.asn1.Type): boolean {
  return node !== undefined && node.tagClass === asn1.Class.UNIVERSAL && node.type === type;
}

function isContext(node: Node | undefined, tag: number): boolean {
  return node !== undefined && node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === tag;
}

function oidOf(node: Node | undefined, what: string): string {
  if (!isUniversal(node, asn1.Type.OID)) reject(`${what} is not an OID`);
  return asn1.derToOid(bytesOf(node, what));
}

function derOf(node: Node): string {
  return asn1.toDer(node).getBytes();
}

function timeOf(node: Node | undefined): Date {
  if (isUniversal(node, asn1.Type.UTCTIME)) return asn1.utcTimeToDate(bytesOf(node, 'signingTime'));
  if (isUniversal(node, asn1.Type.GENERALIZEDTIME)) return asn1.generalizedTimeToDate(bytesOf(node, 'signingTime'));
  return reject('signingTime is neither UTCTime nor GeneralizedTime');
}

/** The one value of a signed attribute (Attribute ::= SEQUENCE { attrType OID, attrValues SET OF ANY }). */
function attributeValues(attributes: Node[]): Map<string, Node> {
  const values = new Map<string, Node>();
  for (const attribute of attributes) {
    const [type, set] = children(attribute, 'a signed attribute');
    const oid = oidOf(type, 'a signed attribute type');
    const members = children(set, `the values of signed attribute ${oid}`);
    if (values.has(oid)) reject(`signed attribute ${oid} occurs twice`);
    if (members.length !== 1) reject(`signed attribute ${oid} does not have exactly one value`);
    values.set(oid, members[0]!);
  }
  return values;
}

function pemBody(pem: string, types: string[], what: string): string {
  let blocks: ReturnType<typeof forge.pem.decode>;
  try {
    blocks = forge.pem.decode(pem);
  } catch {
    return reject(`${what} is not PEM`);
  }
  const block = blocks.find((candidate) => types.includes(candidate.type));
  if (!block || blocks.length !== 1) reject(`${what} is not a single ${types.join('/')} PEM block`);
  return block.body;
}

function parseDer(der: string, what: string): Node {
  try {
    return asn1.fromDer(forge.util.createBuffer(der), true);
  } catch {
    return reject(`${what} is not valid DER`);
  }
}

function verifyOrThrow(content: string, pkcs7Pem: string, trustedCertificatePem: string | undefined): Date {
  // ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT SignedData }
  const contentInfo = children(
    parseDer(pemBody(pkcs7Pem, ['PKCS7', 'CMS'], 'the signature'), 'the signature'),
    'ContentInfo',
  );
  if (oidOf(contentInfo[0], 'ContentInfo.contentType') !== OID.signedData) reject('the signature is not a SignedData');
  if (!isContext(contentInfo[1], 0)) reject('ContentInfo has no content');
  const [signedDataNode] = children(contentInfo[1], 'ContentInfo.content');
  // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo, [0] certificates, [1] crls, signerInfos SET }
  const signedData = children(signedDataNode, 'SignedData');
  const encapsulated = children(signedData[2], 'SignedData.encapContentInfo');
  if (oidOf(encapsulated[0], 'eContentType') !== OID.data) reject('the signed content type is not id-data');
  if (encapsulated.length > 1) reject('the signature is not detached: it carries its own content');
  const certificateNodes = signedData
    .filter((node, index) => index > 2 && isContext(node, 0))
    .flatMap((node) => children(node, 'SignedData.certificates'));
  const signerInfos = signedData[signedData.length - 1];
  if (!isUniversal(signerInfos, asn1.Type.SET)) reject('SignedData has no signerInfos');
  const signers = children(signerInfos, 'signerInfos');
  if (signers.length !== 1) reject(`the signature has ${signers.length} signers, expected exactly 1`);

  // SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature OCTET STRING, [1]? }
  const signerInfo = children(signers[0], 'SignerInfo');
  const [, sid, digestAlgorithm, signedAttributes, signatureAlgorithm, signatureValue] = signerInfo;
  if (!isUniversal(sid, asn1.Type.SEQUENCE)) reject('the signer is not identified by issuer and serial number');
  const [sidIssuer, sidSerial] = children(sid, 'SignerInfo.sid');
  if (oidOf(children(digestAlgorithm, 'SignerInfo.digestAlgorithm')[0], 'SignerInfo.digestAlgorithm') !== OID.sha256)
    reject('the digest algorithm is not SHA-256');
  if (!isContext(signedAttributes, 0)) reject('the signature has no signed attributes');
  const signatureOid = oidOf(
    children(signatureAlgorithm, 'SignerInfo.signatureAlgorithm')[0],
    'SignerInfo.signatureAlgorithm',
  );
  if (signatureOid !== OID.rsaEncryption && signatureOid !== OID.sha256WithRsaEncryption)
    reject('the signature algorithm is not RSA');
  if (!isUniversal(signatureValue, asn1.Type.OCTETSTRING)) reject('the signature value is missing');

  const attributes = attributeValues(children(signedAttributes, 'signedAttrs'));
  const contentType = attributes.get(OID.contentType);
  if (!contentType || oidOf(contentType, 'the contentType attribute') !== OID.data)
    reject('the contentType attribute is missing or not id-data');
  const messageDigest = attributes.get(OID.messageDigest);
  if (!messageDigest || !isUniversal(messageDigest, asn1.Type.OCTETSTRING))
    reject('the messageDigest attribute is missing');
  const signingTime = timeOf(attributes.get(OID.signingTime));
  if (Number.isNaN(signingTime.getTime())) reject('the signingTime attribute is not a valid time');
  const contentDigest = createHash('sha256').update(content, 'utf8').digest('binary');
  if (bytesOf(messageDigest, 'messageDigest') !== contentDigest)
    reject('the content does not match the messageDigest attribute (the record was changed)');

  // The signer's certificate: the included one whose issuer and serial number the SignerInfo names.
  const wantedIssuer = derOf(sidIssuer!);
  const wantedSerial = bytesOf(sidSerial, 'SignerInfo.sid.serialNumber');
  const certificateNode = certificateNodes.find((node) => {
    const tbs = children(children(node, 'certificate')[0], 'tbsCertificate');
    const offset = isContext(tbs[0], 0) ? 1 : 0; // [0] EXPLICIT version is optional
    const issuer = tbs[offset + 2];
    return (
      issuer !== undefined && bytesOf(tbs[offset], 'serialNumber') === wantedSerial && derOf(issuer) === wantedIssuer
    );
  });
  if (!certificateNode) reject('the signer certificate is not included');
  let certificate: forge.pki.Certificate;
  try {
    certificate = pki.certificateFromAsn1(certificateNode);
  } catch {
    return reject('the signer certificate cannot be read (only RSA certificates are supported)');
  }

  // The RSA signature covers the DER of the signed attributes as a SET OF (RFC 5652 §5.4), not as [0].
  const attributeSet = asn1.create(
    asn1.Class.UNIVERSAL,
    asn1.Type.SET,
    true,
    children(signedAttributes, 'signedAttrs'),
  );
  const attributesDigest = forge.md.sha256.create().update(derOf(attributeSet)).digest().getBytes();
  let valid = false;
  try {
    valid = (certificate.publicKey as forge.pki.rsa.PublicKey).verify(
      attributesDigest,
      bytesOf(signatureValue, 'signature'),
    );
  } catch {
    valid = false;
  }
  if (!valid) reject('the RSA signature does not match the signed attributes and the included certificate');
  if (signingTime < certificate.validity.notBefore || signingTime > certificate.validity.notAfter)
    reject('the signing time is outside the certificate validity');

  if (trustedCertificatePem !== undefined) {
    let trusted: string;
    try {
      trusted = derOf(pki.certificateToAsn1(pki.certificateFromPem(trustedCertificatePem)));
    } catch {
      return reject('the trusted certificate cannot be read');
    }
    if (derOf(certificateNode) !== trusted) reject('signed with a certificate other than the trusted one');
  }
  return signingTime;
}

/**
 * Checks a detached signature made by signDetached (or by `openssl cms -sign -binary`, SHA-256, RSA) over the
 * UTF-8 bytes of `canonicalBytes`. With `trustedCertificatePem`, the signer's certificate must be that one:
 * without it, the check only shows the content is unchanged since someone signed it.
 */
export function verifyDetached(
  canonicalBytes: string,
  pkcs7Pem: string,
  trustedCertificatePem?: string,
): VerificationResult {
  try {
    const signingTime = verifyOrThrow(canonicalBytes, pkcs7Pem, trustedCertificatePem);
    return { ok: true, signingTime: signingTime.toISOString() };
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, reason: error.message };
    return { ok: false, reason: 'the signature cannot be read' };
  }
}

/**
 * A self-signed RSA 2048 certificate and its key, for development and tests only: a production installation
 * sets CONSENT_SIGNING_CERT and CONSENT_SIGNING_KEY (see loadSigner) to a certificate its organisation issued.
 */
export function generateDevelopmentSigner(commonName = 'Labour platform consent signing (development)'): ConsentSigner {
  const keys = pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const certificate = pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = `01${randomBytes(15).toString('hex')}`; // positive, 16 bytes
  const now = Date.now();
  certificate.validity.notBefore = new Date(now - 60 * 60 * 1000);
  certificate.validity.notAfter = new Date(now + 5 * 365 * 24 * 60 * 60 * 1000);
  const name = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Development only' },
  ];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  return {
    certificatePem: normalisePem(pki.certificateToPem(certificate)),
    privateKeyPem: normalisePem(pki.privateKeyToPem(keys.privateKey)),
  };
}

export const CONSENT_SIGNING_CERT = 'CONSENT_SIGNING_CERT';
export const CONSENT_SIGNING_KEY = 'CONSENT_SIGNING_KEY';

/** PEM as is, with `\n` escapes (one-line .env values), or base64 of PEM. Never echoes the value in errors. */
export function pemFromVariable(name: string, value: string | undefined, label: string): string {
  if (value === undefined || value.trim() === '')
    throw new Error(`${name} is not set: it must hold the ${label} as PEM or as base64 of PEM.`);
  const text = value.trim().replace(/\\n/g, '\n');
  if (text.includes('-----BEGIN ')) return normalisePem(text);
  if (/^[A-Za-z0-9+/=_\s-]+$/.test(text)) {
    const decoded = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (decoded.includes('-----BEGIN ')) return normalisePem(decoded);
  }
  throw new Error(`${name} is neither PEM nor base64 of PEM: it must hold the ${label}.`);
}

/**
 * The production signer from the environment: CONSENT_SIGNING_CERT (the X.509 certificate) and
 * CONSENT_SIGNING_KEY (its unencrypted RSA private key, PKCS#1 or PKCS#8), each PEM or base64 of PEM.
 * Errors name the variable and never repeat its value.
 */
export function loadSigner(env: Readonly<Record<string, string | undefined>>): ConsentSigner {
  const certificatePem = pemFromVariable(
    CONSENT_SIGNING_CERT,
    env[CONSENT_SIGNING_CERT],
    'X.509 certificate that signs consent records',
  );
  const privateKeyPem = pemFromVariable(
    CONSENT_SIGNING_KEY,
    env[CONSENT_SIGNING_KEY],
    'RSA private key of that certificate',
  );
  let certificate: forge.pki.Certificate;
  try {
    certificate = pki.certificateFromPem(certificatePem);
  } catch {
    throw new Error(`${CONSENT_SIGNING_CERT} does not hold a readable X.509 certificate with an RSA key.`);
  }
  if (privateKeyPem.includes('ENCRYPTED'))
    throw new Error(
      `${CONSENT_SIGNING_KEY} holds an encrypted private key: provide it unencrypted (keep it in a secret store instead).`,
    );
  let privateKey: forge.pki.rsa.PrivateKey;
  try {
    privateKey = pki.privateKeyFromPem(privateKeyPem);
  } catch {
    throw new Error(
      `${CONSENT_SIGNING_KEY} does not hold a readable RSA private key (PEM "PRIVATE KEY" or "RSA PRIVATE KEY").`,
    );
  }
  const publicKey = certificate.publicKey as forge.pki.rsa.PublicKey;
  if (publicKey.n.compareTo(privateKey.n) !== 0 || publicKey.e.compareTo(privateKey.e) !== 0) {
    throw new Error(`${CONSENT_SIGNING_KEY} does not belong to the certificate in ${CONSENT_SIGNING_CERT}.`);
  }
  // Same modulus is not enough: a damaged private exponent or CRT parameter still parses. Sign and verify once.
  try {
    const digest = forge.md.sha256.create();
    digest.update('labour-platform consent signer self-test', 'utf8');
    if (!publicKey.verify(digest.digest().bytes(), privateKey.sign(digest))) throw new Error('mismatch');
  } catch {
    throw new Error(
      `${CONSENT_SIGNING_KEY} does not produce signatures the certificate in ${CONSENT_SIGNING_CERT} verifies (a damaged key?).`,
    );
  }
  const now = new Date();
  if (now < certificate.validity.notBefore || now > certificate.validity.notAfter) {
    throw new Error(
      `${CONSENT_SIGNING_CERT} is not valid now (valid ${certificate.validity.notBefore.toISOString()} to ${certificate.validity.notAfter.toISOString()}).`,
    );
  }
  return { certificatePem, privateKeyPem };
}

/**
 * The SHA-256 fingerprint of a certificate, as `openssl x509 -noout -fingerprint -sha256` prints it (AB:CD:…): the
 * platform publishes it beside its certificate (GET /consent/certificate.pem), and receipts name it, so a verifier
 * pins the platform's certificate instead of trusting the one a receipt carries.
 */
export function certificateFingerprint(certificatePem: string): string {
  const der = forge.asn1.toDer(pki.certificateToAsn1(pki.certificateFromPem(certificatePem))).getBytes();
  return (createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex').toUpperCase().match(/../g) ?? []).join(
    ':',
  );
}
