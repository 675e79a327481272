import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERSONAL_FIELDS, SEALED_FIELDS } from '../../extensions/labour-platform/src/domain/personal-fields';
import {
  normaliseSegment,
  QueryGuard,
  refusalOf,
  refusedFor,
  type GuardSchema,
} from '../../extensions/labour-platform/src/domain/privacy/query-guard';
import { privacyRefusalMessage } from '../../extensions/labour-platform/src/domain/privacy/messages';

/** The platform's relations, as the guard sees them. */
const RELATIONS: Record<string, Record<string, string>> = {
  stays: { migrant: 'migrants', location: 'locations' },
  tasks: { migrant: 'migrants', owner_organisation: 'organisations', assignee: 'directus_users' },
  migrants: {
    provider: 'organisations',
    employer: 'organisations',
    current_location: 'locations',
    tasks: 'tasks',
    stays: 'stays',
  },
  locations: { municipality: 'organisations', provider: 'organisations', stays: 'stays' },
  directus_users: { organisation: 'organisations' },
  organisations: {},
};
const schema: GuardSchema = { related: (collection, field) => RELATIONS[collection]?.[field] ?? null };
const guard = new QueryGuard(schema);
const inspect = (collection: string, query: unknown) => guard.inspect(collection, query);
const paths = (collection: string, query: unknown) => inspect(collection, query).map((v) => v.path);

const PERSONAL = [...PERSONAL_FIELDS.migrants];
const SEALED = [...SEALED_FIELDS.migrants];
const GUARDED = [...PERSONAL, ...SEALED];

describe('query guard: field names', () => {
  it('normalises as Directus does, and more', () => {
    expect(normaliseSegment(' surname ')).toEqual({ field: 'surname', scope: null, implicit: false });
    expect(normaliseSegment('year( date_of_birth )')).toEqual({ field: 'date_of_birth', scope: null, implicit: false });
    expect(normaliseSegment('SurName')).toMatchObject({ field: 'surname' });
    expect(normaliseSegment('json( surname , a')).toMatchObject({ field: 'surname' });
    expect(normaliseSegment('item:Migrants')).toEqual({ field: 'item', scope: 'migrants', implicit: false });
    expect(normaliseSegment('$FOLLOW(directus_users, organisation)')).toMatchObject({
      implicit: true,
      scope: 'directus_users',
    });
    expect(normaliseSegment(' $follow (migrants,provider)')).toMatchObject({ implicit: true, scope: 'migrants' });
  });
});

describe('query guard: what it refuses', () => {
  it('finds personal fields and the blind index in filters, however they are spelled or nested', () => {
    expect(paths('migrants', { filter: { 'surname ': { _eq: 'x' } } })).toEqual(['surname']);
    expect(paths('migrants', { filter: JSON.stringify({ _and: [{ _or: [{ bsn_index: { _eq: 'x' } }] }] }) })).toEqual([
      'bsn_index',
    ]);
    expect(paths('stays', { filter: { migrant: { ' BSN': { _eq: '1' } } } })).toEqual(['migrant.bsn']);
    expect(
      paths('locations', { filter: { stays: { _some: { migrant: { 'year(date_of_birth)': { _eq: 1990 } } } } } }),
    ).toEqual(['stays.migrant.date_of_birth']);
    expect(paths('stays', { filter: { 'migrant.surname': { _eq: 'x' } } })).toEqual(['migrant.surname']);
  });

  it('refuses $FOLLOW everywhere: filter, deep filter, sort, group, aggregate, fields, alias', () => {
    const follow = '$FOLLOW(directus_users,organisation)';
    for (const query of [
      { filter: { [follow]: { email: { _starts_with: 'a' } } } },
      { filter: { _and: [{ [` ${follow}`]: { _nnull: true } }] } },
      { deep: { stays: { _filter: { [follow]: { id: { _nnull: true } } } } } },
      { sort: [`-${follow}.email`] },
      { groupBy: `${follow}.email` },
      { aggregate: { count: [`${follow}.id`] } },
      { fields: [`${follow}.email`] },
      { alias: { x: follow } },
    ]) {
      const found = inspect('organisations', query);
      expect(
        found.some((v) => v.kind === 'implicit_relation'),
        JSON.stringify(query),
      ).toBe(true);
      expect(refusalOf(refusedFor(found, false))).toEqual({ code: 'implicit_relation_in_query' });
    }
  });

  it("follows $FOLLOW into its collection: a provider reaching another provider's migrants is named", () => {
    const found = inspect('organisations', {
      filter: { '$FOLLOW(migrants,provider)': { surname: { _eq: 'x' }, nationality: { _eq: 'PL' } } },
    });
    expect(found.map((v) => v.kind).sort()).toEqual(['implicit_relation', 'personal_field']);
  });

  it('finds guarded fields in sort, groupBy, aggregate and alias, and refuses search where personal data lives', () => {
    expect(paths('migrants', { sort: 'nationality,- surname' })).toEqual(['surname']);
    expect(paths('migrants', { group: ['bsn_index'] })).toEqual(['bsn_index']);
    expect(paths('migrants', { groupBy: 'nationality, bsn_index ' })).toEqual(['bsn_index']);
    expect(paths('migrants', { aggregate: { countDistinct: ['bsn_index'] } })).toEqual(['bsn_index']);
    expect(paths('migrants', { aggregate: '{"count":"*"}' })).toEqual([]);
    expect(paths('migrants', { alias: { x: 'data_key' } })).toEqual(['data_key']);
    expect(paths('migrants', { search: 'jan' })).toEqual(['search']);
    expect(paths('stays', { search: 'jan' })).toEqual([]);
    expect(paths('stays', { sort: ['migrant.surname'] })).toEqual(['migrant.surname']);
  });

  it('walks deep: nested filters, sorts, searches and aliases of relational reads', () => {
    expect(paths('locations', { deep: { stays: { migrant: { _filter: { surname: { _eq: 'x' } } } } } })).toEqual([
      'stays.migrant.surname',
    ]);
    expect(paths('migrants', { deep: { stays: { _filter: { migrant: { bsn: { _eq: '1' } } } } } })).toEqual([
      'stays.migrant.bsn',
    ]);
    expect(paths('locations', { deep: JSON.stringify({ stays: { migrant: { _search: 'x' } } }) })).toEqual([
      'stays.migrant.search',
    ]);
    expect(paths('locations', { deep: { stays: { _sort: ['migrant.bsn_index'] } } })).toEqual([
      'stays.migrant.bsn_index',
    ]);
    // a deep key that is an alias of the relation is resolved through the alias
    expect(
      paths('locations', {
        alias: { s: 'stays' },
        deep: { s: { _filter: { 'migrant ': { surname: { _eq: 'x' } } } } },
      }),
    ).toEqual(['stays.migrant.surname']);
    expect(
      paths('locations', { deep: { stays: { _alias: { m: 'migrant' }, m: { _filter: { email: { _eq: 'x' } } } } } }),
    ).toEqual(['stays.migrant.email']);
  });

  it('lets normal queries through', () => {
    expect(
      inspect('migrants', {
        filter: { nationality: { _eq: 'PL' }, brp_status: { _in: ['geen'] } },
        sort: ['-arrival_date'],
        fields: ['*', 'current_location.*'],
      }),
    ).toEqual([]);
    expect(inspect('directus_users', { filter: { email: { _eq: 'a@example.org' } }, search: 'clerk' })).toEqual([]);
    expect(inspect('organisations', { filter: { email: { _contains: 'x' } } })).toEqual([]);
    expect(
      inspect('stays', {
        filter: { migrant: { nationality: { _eq: 'PL' } } },
        aggregate: { count: ['*'] },
        groupBy: ['location'],
      }),
    ).toEqual([]);
    expect(inspect('migrants', {})).toEqual([]);
    expect(inspect('migrants', null)).toEqual([]);
    expect(inspect('migrants', 'filter=nonsense')).toEqual([]);
  });

  it('administrators are refused only personal fields and search where personal data lives; everyone else everything', () => {
    const found = inspect('migrants', {
      filter: { surname: { _eq: 'x' }, '$FOLLOW(tasks,migrant)': { id: { _nnull: true } } },
      groupBy: 'bsn_index',
      search: 'x',
    });
    expect(refusedFor(found, true).map((v) => v.kind)).toEqual(['personal_field', 'search']);
    expect(refusedFor(found, false)).toHaveLength(4);
  });

  it('never echoes a value in its refusal', () => {
    const refusal = refusalOf(inspect('migrants', { filter: { surname: { _eq: 'Geheim-Jansen' } } }));
    expect(refusal).toEqual({ code: 'personal_data_in_query', paths: ['surname'] });
    for (const language of ['nl', 'en'] as const)
      expect(privacyRefusalMessage(refusal!, language)).not.toContain('Geheim');
    expect(privacyRefusalMessage({ code: 'implicit_relation_in_query' }, 'nl')).toMatch(/\$FOLLOW/);
  });
});

describe('query guard: properties', () => {
  const whitespace = fc
    .array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\ufeff'), { maxLength: 3 })
    .map((chars) => chars.join(''));
  const casing = (name: string) =>
    fc
      .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
      .map((upper) => [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));
  const fn = fc.constantFrom('', 'year', 'month', 'count', 'json', 'lower');
  const argument = fc.constantFrom('', ', a', ',x ');
  const spelled = (name: string) =>
    fc
      .tuple(whitespace, casing(name), whitespace, fn, whitespace, argument)
      .map(([a, n, b, f, c, arg]) => (f ? `${a}${f}(${c}${n}${b}${arg})${c}` : `${a}${n}${b}`));
  const guardedSpelling = fc.constantFrom(...GUARDED).chain(spelled);
  /** A relational route from a collection to migrants, with its field names spelled any way. */
  const route = fc.constantFrom<[string, string[]]>(
    ['migrants', []],
    ['stays', ['migrant']],
    ['tasks', ['migrant']],
    ['locations', ['stays', 'migrant']],
    ['locations', ['stays', 'migrant', 'stays', 'migrant']],
  );
  const wrap = (filter: Record<string, unknown>, depth: number, choose: number[]): Record<string, unknown> => {
    let node = filter;
    for (let i = 0; i < depth; i++)
      node = choose[i]! % 2 === 0 ? { _and: [{ id: { _nnull: true } }, node] } : { _or: [node] };
    return node;
  };

  it('a guarded field in a filter is refused whatever the whitespace, case, function wrapper or nesting', () => {
    fc.assert(
      fc.property(
        route,
        guardedSpelling,
        fc.nat(4),
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        ([collection, hops], field, depth, choose) => {
          let filter: Record<string, unknown> = { [field]: { _eq: 'x' } };
          for (const hop of [...hops].reverse()) filter = { [hop]: filter };
          const found = refusedFor(inspect(collection, { filter: wrap(filter, depth, choose) }), false);
          return found.length > 0 && found.every((v) => v.kind === 'personal_field' || v.kind === 'sealed_field');
        },
      ),
    );
  });

  it('a guarded field in sort, groupBy, aggregate or alias is refused however it is spelled', () => {
    fc.assert(
      fc.property(
        route,
        guardedSpelling,
        fc.constantFrom('sort', 'groupBy', 'aggregate', 'alias'),
        fc.boolean(),
        ([collection, hops], field, clause, descending) => {
          const path = [...hops, field].join('.');
          const query =
            clause === 'sort'
              ? { sort: `nationality,${descending ? '-' : ''}${path}` }
              : clause === 'groupBy'
                ? { groupBy: [path] }
                : clause === 'aggregate'
                  ? { aggregate: { countDistinct: path } }
                  : { alias: { x: path } };
          return inspect(collection, query).length > 0;
        },
      ),
    );
  });

  it('the same guarded filter inside deep is refused at any depth', () => {
    fc.assert(
      fc.property(guardedSpelling, fc.constantFrom('_filter', '_sort', '_search'), (field, param) => {
        const sub =
          param === '_filter'
            ? { _filter: { [field]: { _eq: 'x' } } }
            : param === '_sort'
              ? { _sort: [field] }
              : { _search: field };
        return inspect('locations', { deep: { stays: { migrant: sub } } }).length > 0;
      }),
    );
  });

  it('any key with a $ is refused as an implicit relation, in every clause', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), whitespace, (before, after, space) => {
        const key = `${space}${before.replaceAll('.', '')}$${after.replaceAll('.', '').replaceAll(',', '')}`;
        const found = inspect('organisations', { filter: { [key]: { id: { _nnull: true } } } });
        return found.some((v) => v.kind === 'implicit_relation');
      }),
    );
  });

  it('a non-guarded field is never refused, at any route', () => {
    const plain = fc.constantFrom(
      'nationality',
      'brp_status',
      'arrival_date',
      'birth_year',
      'gender',
      'id',
      'provider',
    );
    fc.assert(
      fc.property(route, plain.chain(spelled), ([collection, hops], field) => {
        let filter: Record<string, unknown> = { [field]: { _eq: 'x' } };
        for (const hop of [...hops].reverse()) filter = { [hop]: filter };
        return inspect(collection, { filter, sort: [[...hops, field].join('.')] }).length === 0;
      }),
    );
  });
});
