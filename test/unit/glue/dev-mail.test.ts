/** The development mail stand-in's copies of consent invitations, erased with the person (glue/retention/dev-mail.ts). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  consentOfMailFile,
  developmentMailDirectory,
  eraseDevelopmentMail,
} from '../../../extensions/labour-platform/src/glue/retention/dev-mail';

const A = '0a1b2c3d-0000-4000-8000-00000000000a';
const B = '0a1b2c3d-0000-4000-8000-00000000000b';

describe('development mail', () => {
  it('is only where the sendmail transport writes into DEV_MAIL_DIR', () => {
    expect(developmentMailDirectory({ EMAIL_TRANSPORT: 'sendmail', DEV_MAIL_DIR: '/tmp/m' })).toBe('/tmp/m');
    expect(developmentMailDirectory({ EMAIL_TRANSPORT: 'smtp', DEV_MAIL_DIR: '/tmp/m' })).toBeNull();
    expect(developmentMailDirectory({ EMAIL_TRANSPORT: 'sendmail' })).toBeNull();
  });

  it('the stand-in files an invitation under its consent request, through quoted-printable; erasure deletes only those', () => {
    const directory = mkdtempSync(join(tmpdir(), 'dev-mail-'));
    const send = (body: string) =>
      spawnSync(process.execPath, [join(import.meta.dirname, '../../../scripts/dev-sendmail.mjs'), '-i'], {
        input: body,
        env: { ...process.env, DEV_MAIL_DIR: directory },
      });
    // the id split by a soft line break and the = escaped, as Directus's mailer writes it
    send(
      `To: a@example.org\nContent-Transfer-Encoding: quoted-printable\n\n<div lang=3D"pl" data-consent-request=3D"${A.slice(0, 20)}=\n${A.slice(20)}" style=3D"x">\n`,
    );
    send(`To: b@example.org\n\n<div data-consent-request="${B}">\n`);
    send('To: staff@example.org\n\nPassword reset\n');
    const names = readdirSync(directory).sort();
    expect(names).toHaveLength(3);
    expect(names.map(consentOfMailFile).sort()).toEqual([A, B, null].sort());
    expect(eraseDevelopmentMail(directory, [A.toUpperCase()])).toBe(1);
    expect(readdirSync(directory).map(consentOfMailFile).sort()).toEqual([B, null].sort());
    expect(eraseDevelopmentMail(null, [B])).toBe(0);
    expect(eraseDevelopmentMail(join(directory, 'missing'), [B])).toBe(0);
    writeFileSync(join(directory, 'note.txt'), B);
    expect(eraseDevelopmentMail(directory, [B])).toBe(1);
    expect(readdirSync(directory).map(consentOfMailFile)).toEqual([null, null]);
  });
});
