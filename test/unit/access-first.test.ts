import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import {
  accessFirst,
  accessQuestionFor,
  collectionOf,
  writeActionOf,
  type AccessQuestion,
  type FilterHandler,
} from '../../extensions/labour-platform/src/glue/access/access-first';

const user = { user: 'u1', role: 'r1', admin: false, app: true, roles: ['r1'], ip: null } as unknown as Accountability;
const context = { database: {} as Knex, schema: {} as SchemaOverview, accountability: user };

describe('accessFirst', () => {
  it('knows the write action and collection of an items event', () => {
    expect(writeActionOf('items.create')).toBe('create');
    expect(writeActionOf('consent_texts.items.update')).toBe('update');
    expect(writeActionOf('migrants.items.delete')).toBe('delete');
    expect(writeActionOf('items.read')).toBeNull();
    expect(writeActionOf('users.create')).toBeNull();
    expect(collectionOf('consent_texts.items.update', {})).toBe('consent_texts');
    expect(collectionOf('items.update', { collection: 'migrants' })).toBe('migrants');
  });

  it('asks what Directus asks right after the filter', () => {
    expect(
      accessQuestionFor(
        'items.update',
        { arrival_date: '2020-01-01' },
        { collection: 'migrants', keys: ['a', 'b'] },
        user,
      ),
    ).toEqual({
      accountability: user,
      action: 'update',
      collection: 'migrants',
      primaryKeys: ['a', 'b'],
      fields: ['arrival_date'],
    });
    expect(accessQuestionFor('items.delete', ['a'], { collection: 'stays' }, user)).toEqual({
      accountability: user,
      action: 'delete',
      collection: 'stays',
      primaryKeys: ['a'],
    });
    expect(accessQuestionFor('items.create', { name: 'x' }, { collection: 'locations' }, user)).toEqual({
      accountability: user,
      action: 'create',
      collection: 'locations',
    });
    expect(accessQuestionFor('items.update', {}, { collection: 'migrants', keys: ['a'] }, null)).toBeNull();
  });

  it('runs the handler only after the access check passed, and never when it fails', async () => {
    const registered = new Map<string, FilterHandler>();
    const calls: string[] = [];
    let allow = false;
    const guarded = accessFirst((event, handler) => registered.set(event, handler), {
      validateAccess: async () => async (question: AccessQuestion) => {
        calls.push(`check ${question.action} ${question.collection} ${JSON.stringify(question.primaryKeys)}`);
        if (!allow) throw new Error('FORBIDDEN');
      },
      getSchema: async () => ({}) as SchemaOverview,
    });
    guarded(
      'items.update',
      (payload) => {
        calls.push('handler');
        return payload;
      },
      [() => void calls.push('request check')],
    );
    guarded('items.read', (payload) => payload);
    const handler = registered.get('items.update')!;
    await expect(handler({ x: 1 }, { collection: 'migrants', keys: ['k'] }, context)).rejects.toThrow('FORBIDDEN');
    expect(calls).toEqual(['request check', 'check update migrants ["k"]']);
    allow = true;
    calls.length = 0;
    await expect(handler({ x: 1 }, { collection: 'migrants', keys: ['k'] }, context)).resolves.toEqual({ x: 1 });
    expect(calls).toEqual(['request check', 'check update migrants ["k"]', 'handler']);
    // the system (no accountability) is not asked
    calls.length = 0;
    allow = false;
    await handler({ x: 1 }, { collection: 'migrants', keys: ['k'] }, { ...context, accountability: null });
    expect(calls).toEqual(['request check', 'handler']);
  });

  it('is the only way the extension registers an items write filter', () => {
    const root = join(__dirname, '../../extensions/labour-platform/src');
    const files: string[] = [];
    const walk = (dir: string) =>
      readdirSync(dir).forEach((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      });
    walk(root);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (!/defineHook\(/.test(text)) continue;
      // the hook's own `filter` must be the accessFirst wrapper: Directus's register function is renamed away
      expect(text, file).toMatch(/defineHook\(\s*\(\{\s*filter: register/);
      expect(text, file).toMatch(/const filter = accessFirst\(register/);
      expect(text.match(/register\(/g)?.length ?? 0, file).toBe(0);
    }
  });
});
