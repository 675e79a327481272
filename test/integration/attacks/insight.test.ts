/**
 * Attack class: insight. The figures endpoint is the only way a policy officer reaches numbers derived from persons:
 *   - for every other caller (administrator, every role, anonymous) the routes do not exist: the same answer, byte for
 *     byte, as a route that never existed;
 *   - the policy officer gets only its own municipality (another one, or one that does not exist: the same 404), only
 *     fixed dimensions and periods (any other parameter, a filter or a grouping, is a 400; a date outside the last 24
 *     months is a 400), and no row-level record: every value is a hidden cell or a multiple of 5;
 *   - the items API stays closed to it: no persons, no anonymous rows, no exact occupancy (REST and GraphQL);
 *   - the housing map (/insights/map) gives it coordinates, capacity and the occupancy as the occupancy figure
 *     publishes it, nothing else and no parameter; the tiles route (/insights/tiles) fetches only tiles of the map's
 *     grid from the configured tile service, never an address of the caller's choosing.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import {
  ACTORS,
  gql as rawGql,
  http as rawHttp,
  printAttackTable,
  tried,
  unlessShed,
  type HttpAnswer,
} from './support.js';

const http = (...args: Parameters<typeof rawHttp>) => unlessShed(() => rawHttp(...args));
const gql = (...args: Parameters<typeof rawGql>) => unlessShed(() => rawGql(...args));
const outcome = (answer: HttpAnswer) => `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;

type Row = Record<string, unknown>;

printAttackTable('insight: the figures endpoint and what a policy officer reads');

/** A missing route's answer, with the path replaced so answers for different paths compare. */
function missingRouteShape(answer: HttpAnswer, path: string): string {
  return `${answer.status} ${answer.text.split(path.split('?')[0]!).join('<path>')}`;
}

describe('the routes exist only for a policy officer', () => {
  const paths = [
    '/insights/figures',
    '/insights/figures/present-by-location',
    `/insights/figures/brp-status-by-location?municipality=${ORG.gemeenteA}`,
    '/insights/figures/no-such-figure',
    '/insights/map',
    '/insights/tiles/7/65/42.png',
    '/insights/tiles/99/0/0.png',
    '/insights/export/present-by-location.csv',
    '/insights/export/occupancy.xlsx',
    '/insights/report',
    '/insights/report?month=2026-01',
  ];

  it('everyone else gets what a route that never existed gets', async () => {
    for (const actor of ACTORS) {
      if (actor === 'policyA') continue;
      const never = await http(actor, 'GET', '/insights-never-existed/figures');
      const expected = missingRouteShape(never, '/insights-never-existed/figures');
      expect(never.status).toBe(404);
      for (const path of paths) {
        for (const method of ['GET', 'POST'] as const) {
          const answer = await http(actor, method, path, method === 'POST' ? {} : undefined);
          tried({ attack: 'insight', actor, channel: 'REST', what: `${method} ${path}`, outcome: outcome(answer) });
          expect(answer.status, `${actor} ${method} ${path}`).toBe(404);
          expect(answer.code, `${actor} ${method} ${path}`).toBe('ROUTE_NOT_FOUND');
          if (method === 'GET') expect(missingRouteShape(answer, path), `${actor} ${path}`).toBe(expected);
        }
      }
    }
  });

  it('GraphQL has no figures and no anonymous rows for anyone but the administrator', async () => {
    for (const actor of ACTORS) {
      const query = await gql(actor, '{ anonymous_people(limit: -1) { id nationality } }');
      tried({
        attack: 'insight',
        actor,
        channel: 'GraphQL',
        what: 'anonymous_people',
        outcome: query.data?.['anonymous_people'] ? 'rows' : outcome(query),
      });
      if (actor !== 'admin') expect(query.data?.['anonymous_people'] ?? null).toBeNull();
      const figures = await gql(actor, '{ insights { figures } }');
      expect(JSON.stringify(figures.body)).toMatch(/errors/);
    }
  });
});

describe('the policy officer', () => {
  it('reads only its own municipality: another one or none at all is the same 404', async () => {
    const own = await http('policyA', 'GET', `/insights/figures/present-by-location?municipality=${ORG.gemeenteA}`);
    expect(own.status, own.text).toBe(200);
    const answers: string[] = [];
    for (const municipality of [ORG.gemeenteB, ORG.providerA, '00000000-0000-4000-8000-000000000000', 'x']) {
      const answer = await http('policyA', 'GET', `/insights/figures/present-by-location?municipality=${municipality}`);
      tried({
        attack: 'insight',
        actor: 'policyA',
        channel: 'REST',
        what: `municipality ${municipality}`,
        outcome: outcome(answer),
      });
      expect([answer.status, answer.code]).toEqual([404, 'NOT_FOUND']);
      answers.push(answer.text);
    }
    expect(new Set(answers).size).toBe(1);
    const unknown = await http('policyA', 'GET', '/insights/figures/no-such-figure');
    expect(unknown.text).toBe(answers[0]);
  });

  it('chooses nothing but the date: filters, groupings, other periods are refused', async () => {
    const tries = [
      'filter[location][_eq]=x',
      'groupBy=nationality',
      'location=x',
      'municipality[]=x',
      'date=2000-01-01',
      'date=2999-01-01',
      'date=yesterday',
      'date=2026-02-30',
    ];
    for (const query of tries) {
      const answer = await http('policyA', 'GET', `/insights/figures/present-by-nationality?${query}`);
      tried({ attack: 'insight', actor: 'policyA', channel: 'REST', what: `?${query}`, outcome: outcome(answer) });
      expect([answer.status, answer.code], query).toEqual([400, 'INVALID_INPUT']);
    }
  });

  it('gets no row-level record: every value is hidden or a multiple of 5, with fixed dimensions only', async () => {
    const list = await http('policyA', 'GET', '/insights/figures');
    const names = ((list.body as { data: Array<{ name: string; dimensions: string[] }> }).data ?? []).map((f) => f);
    expect(names.length).toBeGreaterThanOrEqual(12);
    const allowed = new Set([
      'value',
      'suppressed',
      'location',
      'location_name',
      'capacity',
      'state',
      'share_percent',
      ...names.flatMap((figure) => figure.dimensions),
    ]);
    for (const { name } of names) {
      const answer = await http('policyA', 'GET', `/insights/figures/${name}`);
      expect(answer.status, `${name}: ${answer.text}`).toBe(200);
      const rows = (answer.body as { data: { rows: Row[] } }).data.rows;
      for (const row of rows) {
        for (const key of Object.keys(row)) expect(allowed.has(key), `${name}: ${key}`).toBe(true);
        if (row['suppressed']) expect(row['value']).toBeNull();
        else expect(Number(row['value']) % 5, `${name} ${JSON.stringify(row)}`).toBe(0);
      }
      tried({
        attack: 'insight',
        actor: 'policyA',
        channel: 'REST',
        what: `figure ${name}`,
        outcome: `${rows.length} rows`,
      });
      // no BSN, no case number, no e-mail anywhere in the answer
      expect(answer.text).not.toMatch(/\b9999\d{5}\b|AM-\d{4}-\d{6}|@example/);
    }
  });

  it('reads no persons, no anonymous rows and no exact occupancy through the items API (REST and GraphQL)', async () => {
    for (const collection of ['migrants', 'stays', 'anonymous_people', 'status_history', 'appointments']) {
      const read = await http('policyA', 'GET', `/items/${collection}?limit=1`);
      tried({
        attack: 'insight',
        actor: 'policyA',
        channel: 'REST',
        what: `read ${collection}`,
        outcome: outcome(read),
      });
      expect(read.status, collection).toBe(403);
      const aggregate = await http('policyA', 'GET', `/items/${collection}?aggregate[count]=*`);
      expect(aggregate.status, `${collection} count`).toBe(403);
    }
    const locations = await http('policyA', 'GET', '/items/locations?fields=occupied_beds,free_beds&limit=1');
    tried({
      attack: 'insight',
      actor: 'policyA',
      channel: 'REST',
      what: 'locations.occupied_beds',
      outcome: outcome(locations),
    });
    expect(locations.status).toBe(403);
    const sum = await http('policyA', 'GET', '/items/locations?aggregate[sum]=occupied_beds');
    expect(sum.status).toBe(403);
    const viaGraphql = await gql('policyA', '{ locations(limit: 1) { id occupied_beds free_beds } }');
    tried({
      attack: 'insight',
      actor: 'policyA',
      channel: 'GraphQL',
      what: 'locations.occupied_beds',
      outcome: outcome(viaGraphql),
    });
    expect(viaGraphql.data?.['locations'] ?? null).toBeNull();
    const stillReads = await http('policyA', 'GET', '/items/locations?fields=id,name,capacity&limit=1');
    expect(stillReads.status).toBe(200);
  });
});

describe('the housing map', () => {
  it('gives coordinates, capacity and protected occupancy only, of its own municipality', async () => {
    const map = await http('policyA', 'GET', '/insights/map');
    tried({ attack: 'insight', actor: 'policyA', channel: 'REST', what: 'GET /insights/map', outcome: outcome(map) });
    expect(map.status, map.text).toBe(200);
    const data = (map.body as { data: { municipality: string; tiles: Row; locations: Row[] } }).data;
    expect(data.municipality).toBe(ORG.gemeenteA);
    expect(data.tiles['url']).toBe('/insights/tiles/{z}/{x}/{y}.png');
    expect(data.locations.length).toBeGreaterThan(0);
    const allowed = ['id', 'name', 'latitude', 'longitude', 'capacity', 'occupied', 'suppressed', 'state'];
    for (const location of data.locations) {
      expect(Object.keys(location).sort()).toEqual([...allowed].sort());
      if (location['suppressed']) expect(location['occupied']).toBeNull();
      else expect(Number(location['occupied']) % 5, JSON.stringify(location)).toBe(0);
    }
    // the same numbers as the occupancy figure, nothing finer
    const occupancy = await http('policyA', 'GET', '/insights/figures/occupancy');
    const rows = (occupancy.body as { data: { rows: Row[] } }).data.rows;
    for (const location of data.locations) {
      const row = rows.find((candidate) => candidate['location'] === location['id'])!;
      expect([location['occupied'], location['suppressed']]).toEqual([row['value'], row['suppressed']]);
    }
    // only the locations of its municipality
    const own = await http(
      'admin',
      'GET',
      `/items/locations?filter[municipality][_eq]=${ORG.gemeenteA}&fields=id&limit=-1`,
    );
    const ids = new Set(((own.body as { data: Row[] }).data ?? []).map((row) => row['id']));
    for (const location of data.locations) expect(ids.has(location['id'])).toBe(true);
    for (const query of ['municipality=' + ORG.gemeenteB, 'date=2020-01-01', 'fields=*']) {
      const answer = await http('policyA', 'GET', `/insights/map?${query}`);
      tried({ attack: 'insight', actor: 'policyA', channel: 'REST', what: `map ?${query}`, outcome: outcome(answer) });
      expect([answer.status, answer.code], query).toEqual([400, 'INVALID_INPUT']);
    }
  });

  it('serves map tiles of the grid only, never an address of the caller’s choosing', async () => {
    const tile = await http('policyA', 'GET', '/insights/tiles/7/65/42.png');
    tried({ attack: 'insight', actor: 'policyA', channel: 'REST', what: 'tile 7/65/42', outcome: outcome(tile) });
    expect(tile.status).toBe(200);
    for (const path of [
      '/insights/tiles/20/0/0.png',
      '/insights/tiles/1/2/0.png',
      '/insights/tiles/-1/0/0.png',
      '/insights/tiles/7/65/x.png',
      '/insights/tiles/7/65/42.png%3Fhttp%3A%2F%2Fexample.org',
      '/insights/tiles/7/65/..%2F..%2F42.png',
      '/insights/tiles/7/65/http%3A%2F%2F127.0.0.1%3A6379%2F',
    ]) {
      const answer = await http('policyA', 'GET', path);
      tried({ attack: 'insight', actor: 'policyA', channel: 'REST', what: path, outcome: outcome(answer) });
      expect([answer.status, answer.code], path).toEqual([404, 'NOT_FOUND']);
    }
  });
});
