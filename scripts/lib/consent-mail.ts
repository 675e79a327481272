/**
 * Reading the platform's consent invitation mails (written as .eml files by scripts/dev-sendmail.mjs): the
 * recipient, subject, HTML and the link with its token. Used by the tests and the benchmark.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Mail {
  file: string;
  to: string;
  subject: string;
  html: string;
  link: string;
  token: string;
}

/** Quoted-printable and encoded-word (RFC 2047) decoding, enough for the platform's own mails. */
function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let index = 0; index < soft.length; index++) {
    const char = soft[index]!;
    if (char === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(index + 1, index + 3))) {
      bytes.push(parseInt(soft.slice(index + 1, index + 3), 16));
      index += 2;
    } else bytes.push(...Buffer.from(char, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeHeader(value: string): string {
  return value
    .replace(/\r?\n\s+/g, ' ')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    )
    .trim();
}

export function parseMail(file: string, raw: string): Mail | null {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, split);
  const body = raw.slice(split).trim();
  const header = (name: string) => {
    const match = new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'mi').exec(headers);
    return match ? decodeHeader(match[1]!) : '';
  };
  const html = /quoted-printable/i.test(headers)
    ? decodeQuotedPrintable(body)
    : /base64/i.test(header('Content-Transfer-Encoding'))
      ? Buffer.from(body, 'base64').toString('utf8')
      : body;
  const link = /https?:\/\/[^\s"<]+\/consent\/#t=([A-Za-z0-9_-]{64})/.exec(html);
  if (!link) return null;
  return { file, to: header('To'), subject: header('Subject'), html, link: link[0], token: link[1]! };
}

/** Every consent mail in a directory, oldest first. */
export function consentMailsIn(directory: string): Mail[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => parseMail(name, readFileSync(join(directory, name), 'utf8')))
    .filter((mail): mail is Mail => mail !== null);
}
