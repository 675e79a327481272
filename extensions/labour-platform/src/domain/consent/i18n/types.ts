/**
 * The shape of the consent messages every language fills in: the page, the invitation e-mail, the printed letter
 * and the receipt. Each locale file (./<locale>.ts) is typed by ConsentMessages, so a missing, misspelt or extra
 * key in any language is a compile error. Placeholders are noted next to their key. Plain module.
 */
export type PluralText = { zero?: string; one: string; two?: string; few?: string; many?: string; other: string };

export interface ConsentPageMessages {
  title: string;
  skip: string;
  language: string;
  loading: string;
  greeting: string; // {name}
  intro: string; // {provider} {municipality}
  theMunicipality: string;
  yourProvider: string;
  expires: string; // {date}
  daysLeft: PluralText; // {n}
  voluntary: string;
  invalidTitle: string;
  invalidBody: string;
  dobLegend: string;
  dobHint: string;
  day: string;
  month: string;
  year: string;
  continue: string;
  dobInvalid: string;
  dobWrong: PluralText; // {n}
  lockedTitle: string;
  lockedBody: string;
  answerHeading: string;
  fullName: string;
  fullNameHint: string;
  agree: string;
  sign: string;
  refuse: string;
  refuseHint: string;
  nameMissing: string;
  agreeMissing: string;
  errorSummary: string;
  signedTitle: string;
  signedBody: string;
  receipt: string;
  revokeLinkLabel: string;
  revokeLinkKeep: string;
  revokeHeading: string;
  revokeBody: string; // {date}
  revoke: string;
  revokedTitle: string;
  revokedBody: string;
  refusedTitle: string;
  refusedBody: string;
  errorGeneric: string;
  errorRate: string;
  errorChanged: string;
  footer: string;
  /** A locked or unknown link: whom to ask. */
  helpHeading: string;
  helpContact: string; // {organisation}
  /** The link to the verifiable evidence file (the signed record, the signature and the certificate). */
  evidence: string;
}

export interface ConsentMailMessages {
  subject: string;
  greeting: string; // {name}
  body: string; // {provider}
  button: string;
  expires: string; // {date}
  ignore: string;
}

export interface ConsentLetterMessages {
  title: string;
  greeting: string; // {name}
  body: string; // {provider}
  scan: string;
  typeLink: string;
  deadline: string; // {date}
  help: string;
}

export interface ConsentReceiptMessages {
  title: string;
  signed: string;
  refused: string;
  revoked: string;
  when: string;
  version: string;
  textHeading: string;
  revokeHeading: string;
  revokeBody: string;
  evidenceHeading: string;
  evidenceBody: string;
  /** Pin the platform's published certificate: {url} {fingerprint}. */
  certificate: string;
  /** How the invitation came: by e-mail, or as a letter printed by the provider (with the date). */
  channel: { heading: string; email: string; letter: string };
  /** The readable receipt's rows: what it is about, who asked, who receives the data. */
  what: string;
  askedBy: string;
  recipient: string;
  /** After a refusal or a revocation, instead of the revocation link. */
  nothingToRevoke: string;
  help: string; // {organisation} {email}
}

export interface ConsentMessages {
  page: ConsentPageMessages;
  mail: ConsentMailMessages;
  letter: ConsentLetterMessages;
  receipt: ConsentReceiptMessages;
}
