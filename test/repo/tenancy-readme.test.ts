/**
 * Issue 16, class 2: the fields that decide tenancy are listed in the README. The README's table names every
 * entry of TENANCY_FIELDS (domain/tenancy.ts), so a field added there cannot be left out of the document.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TENANCY_FIELDS } from '../../extensions/labour-platform/src/domain/tenancy';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function tenancySection(readme: string): string {
  const start = readme.indexOf('### Fields that decide tenancy');
  expect(start, 'README has a section "Fields that decide tenancy"').toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n### ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe('README: fields that decide tenancy', () => {
  it('names every field of TENANCY_FIELDS in its table', () => {
    const section = tenancySection(readFileSync(join(root, 'README.md'), 'utf8'));
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    for (const entry of TENANCY_FIELDS) {
      const fields = entry.field.split(',').map((field) => field.trim());
      const row = rows.find((line) => line.startsWith(`| \`${entry.collection}.${fields[0]}\``));
      expect(row, `${entry.collection}.${fields[0]} in the README table`).toBeDefined();
      for (const field of fields.slice(1)) {
        const named = row!.includes(`\`.${field}\``) || row!.includes(`\`${entry.collection}.${field}\``);
        expect(named, `${entry.collection}.${field} in the README table`).toBe(true);
      }
    }
    expect(rows.length).toBe(TENANCY_FIELDS.length);
  });
});
