/**
 * The migrant's consent, Directus side, gathered for the entry files: configuration (./config.ts), the tokens'
 * argon2id hashes (./token-hash.ts), reading rows, facts and texts (./rows.ts), invitations (./invitations.ts),
 * printed letters (./letters.ts) and the public page's work (./page.ts). The rules live in ../../domain/consent.
 */
export { consentConfig, type ConsentConfig } from './config';
export { hashToken } from './token-hash';
export { channelOf, publishedText, type ConsentRow } from './rows';
export {
  consentRequestFor,
  expireInvitations,
  flowEmitter,
  INVITATION_EVENT,
  inviteNewMigrant,
  issueToken,
  sendInvitation,
  withdrawInvitation,
  type ActionEmitter,
  type Channel,
  type Emit,
  type InvitationOutcome,
  type IssuedInvitation,
} from './invitations';
export { isOwnProvider, letterFor, type Letter, type LetterOutcome } from './letters';
export { act, checkBirthDate, resolveToken, sessionView, signedReceipt, type ActInput, type ActOutcome, type ResolvedToken } from './page';
