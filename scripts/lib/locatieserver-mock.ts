/**
 * A stand-in for PDOK's Locatieserver (`GET /free?q=postcode:1234AB&fq=type:postcode&rows=1`) for machines that cannot
 * reach PDOK: it answers as the Locatieserver's Solr response does (`{ response: { numFound, start, maxScore, docs } }`,
 * each doc with `type`, `postcode`, `centroide_ll` as `POINT(lon lat)` in WGS84) for the postcode areas it knows (the
 * demo's Kop van Noord-Holland and a few far away, by their four digits), `numFound: 0` for any other postcode, and 400
 * for a request that is not a postcode query. The test and benchmark platform points LOCATIESERVER_URL at it unless one
 * is configured. Coordinates are the areas' approximate centres, enough for distances in kilometres.
 */
import { createServer, type Server } from 'node:http';

/** Postcode areas (four digits) and their approximate centres: [latitude, longitude]. */
export const MOCK_POSTCODE_AREAS: Readonly<Record<string, readonly [number, number]>> = Object.freeze({
  // Hollands Kroon
  '1761': [52.8675, 4.8722],
  '1764': [52.8884, 4.8104],
  '1771': [52.8531, 5.0292],
  '1774': [52.8312, 4.9897],
  '1775': [52.8124, 5.0008],
  // Schagen
  '1741': [52.7872, 4.7999],
  '1742': [52.7949, 4.8221],
  '1746': [52.7517, 4.8361],
  '1747': [52.7317, 4.8597],
  '1749': [52.7262, 4.7436],
  // far away: Amsterdam, Groningen, Maastricht, Naaldwijk
  '1012': [52.3731, 4.8922],
  '9711': [53.2194, 6.5665],
  '6211': [50.8514, 5.691],
  '2671': [51.994, 4.209],
});

export interface LocatieserverMock {
  url: string;
  /** How many postcode queries it answered (tests: a postcode is asked once). */
  queries(): number;
  close(): Promise<void>;
}

export async function startLocatieserverMock(): Promise<LocatieserverMock> {
  let answered = 0;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const query = url.searchParams.get('q') ?? '';
    const match = /^postcode:([1-9]\d{3})([A-Z]{2})$/.exec(query);
    response.setHeader('content-type', 'application/json; charset=utf-8');
    if (request.method !== 'GET' || !url.pathname.endsWith('/free') || !match) {
      response.statusCode = 400;
      response.end(JSON.stringify({ error: { msg: 'not a postcode query', code: 400 } }));
      return;
    }
    answered++;
    const area = MOCK_POSTCODE_AREAS[match[1]!];
    const docs = area
      ? [{ type: 'postcode', postcode: `${match[1]}${match[2]}`, centroide_ll: `POINT(${area[1]} ${area[0]})` }]
      : [];
    response.end(
      JSON.stringify({ response: { numFound: docs.length, start: 0, maxScore: docs.length ? 1 : 0, docs } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/bzk/locatieserver/search/v3_1`,
    queries: () => answered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
