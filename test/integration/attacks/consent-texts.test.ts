/**
 * The consent texts' "new version" (POST /consent-texts/new-version) and the published text it protects: only an
 * administrator starts a new version (every other role and anonymous get the same 403 and nothing is written);
 * a published text does not change for anyone, over REST or GraphQL, administrators included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTORS, gql, http, printAttackTable, tried, unlessShed, type HttpAnswer } from './support.js';

/** As `http`, sent again when Directus sheds load (503) on a busy machine. */
const send = (...args: Parameters<typeof http>): Promise<HttpAnswer> => unlessShed(() => http(...args));

printAttackTable('consent texts: new version, published text read-only');

interface TextRow {
  id: string;
  version: string;
  language: string;
  title: string;
  body: string;
  status: string;
}

async function texts(): Promise<TextRow[]> {
  const answer = await send(
    'admin',
    'GET',
    '/items/consent_texts?fields=id,version,language,title,body,status&limit=-1',
  );
  return (answer.body as { data: TextRow[] }).data;
}

async function removeDrafts(): Promise<void> {
  const drafts = (await texts()).filter((text) => text.status === 'draft').map((text) => text.id);
  if (drafts.length > 0) expect((await send('admin', 'DELETE', '/items/consent_texts', drafts)).status).toBe(204);
}

describe('new version of the consent texts', () => {
  beforeAll(removeDrafts);
  afterAll(removeDrafts);

  it('is refused to every role but the administrator, and to anonymous, with nothing written', async () => {
    const before = (await texts()).length;
    for (const actor of ACTORS.filter((candidate) => candidate !== 'admin')) {
      const answer = await send(actor, 'POST', '/consent-texts/new-version', {});
      tried({
        attack: 'consent',
        actor,
        channel: 'REST',
        what: 'POST /consent-texts/new-version',
        outcome: `${answer.status} ${answer.code ?? ''}`,
      });
      expect(answer.status, actor).toBe(403);
      expect(answer.code, actor).toBe('FORBIDDEN');
    }
    expect((await texts()).length).toBe(before);
  });

  it('copies every language of the published version into drafts for the administrator, once', async () => {
    const published = (await texts()).filter((text) => text.status === 'published');
    const answer = await send('admin', 'POST', '/consent-texts/new-version', {});
    tried({
      attack: 'consent',
      actor: 'admin',
      channel: 'REST',
      what: 'POST /consent-texts/new-version',
      outcome: String(answer.status),
    });
    expect(answer.status).toBe(200);
    const version = (answer.body as { data: { version: string } }).data.version;
    const drafts = (await texts()).filter((text) => text.version === version);
    expect(
      drafts
        .map((d) => ({ language: d.language, title: d.title, body: d.body, status: d.status }))
        .sort((a, b) => a.language.localeCompare(b.language)),
    ).toEqual(
      published
        .map((p) => ({ language: p.language, title: p.title, body: p.body, status: 'draft' }))
        .sort((a, b) => a.language.localeCompare(b.language)),
    );
    expect(drafts).toHaveLength(14);
    // while it is being drafted, a second one is refused (edit that one)
    const again = await send('admin', 'POST', '/consent-texts/new-version', {});
    tried({
      attack: 'consent',
      actor: 'admin',
      channel: 'REST',
      what: 'POST /consent-texts/new-version while a version is drafted',
      outcome: String(again.status),
    });
    expect(again.status).toBe(409);
    // and the published version is still the published one
    expect(
      (await texts())
        .filter((text) => text.status === 'published')
        .map((t) => t.id)
        .sort(),
    ).toEqual(published.map((t) => t.id).sort());
  });

  it('leaves a published text unchanged for everyone, over REST and GraphQL', async () => {
    const published = (await texts()).find((text) => text.status === 'published')!;
    for (const actor of ACTORS) {
      const rest = await send(actor, 'PATCH', `/items/consent_texts/${published.id}`, { body: 'Changed by an attack' });
      tried({
        attack: 'consent',
        actor,
        channel: 'REST',
        what: 'PATCH the body of a published consent text',
        outcome: String(rest.status),
      });
      expect(rest.status, actor).toBeGreaterThanOrEqual(400);
      expect(rest.status, actor).toBeLessThan(500);
      const graphql = await unlessShed(() =>
        gql(
          actor,
          'mutation ($id: ID!) { update_consent_texts_item(id: $id, data: { body: "Changed by an attack" }) { id } }',
          { id: published.id },
        ),
      );
      const errors = (graphql.body as { errors?: unknown[] } | null)?.errors ?? [];
      tried({
        attack: 'consent',
        actor,
        channel: 'GraphQL',
        what: 'update_consent_texts_item on a published text',
        outcome: errors.length > 0 ? 'refused' : 'accepted',
      });
      expect(errors.length, actor).toBeGreaterThan(0);
    }
    expect((await texts()).find((text) => text.id === published.id)!.body).toBe(published.body);
  });
});
