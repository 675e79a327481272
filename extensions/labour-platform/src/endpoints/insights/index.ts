/**
 * /insights: the anonymous figures and the housing map of a policy officer's own municipality (glue/insight/).
 *   GET /insights/figures                                   the figures there are
 *   GET /insights/figures/:name?municipality=<id>&date=YYYY-MM-DD   one figure, as published (small counts protected)
 *   GET /insights/map                                       the locations with coordinates, capacity, occupancy band
 *   GET /insights/tiles/:z/:x/:y.png                        a background tile (INSIGHT_TILE_URL, PDOK by default)
 *   GET /insights/export/:name.csv | .xlsx ?date=…          one figure as a file, as published
 *   GET /insights/report?month=YYYY-MM                      the monthly report (a printable page)
 * Each route is one glue call through the one seam; for anyone but a policy officer the routes do not exist.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { httpSeam, type Reply } from '../../glue/http/seam';
import { figureList, publishedFigure, seesInsights } from '../../glue/insight/api';
import { figureExport, monthlyReport } from '../../glue/insight/export';
import { housingMap, mapTile } from '../../glue/insight/map';

/** A tile may be kept by the browser for a day (only by this browser: the route is not public). */
const tileCache = (response: Reply, cache: 'no-store' | 'immutable') =>
  response.setHeader('Cache-Control', cache === 'immutable' ? 'private, max-age=86400' : 'no-store');

export default defineEndpoint({
  id: 'insights',
  handler: (router, { services, database, getSchema, logger, env }) => {
    const route = httpSeam({ services, database, getSchema, logger });
    router.get(
      '/figures',
      route(async () => figureList(), { visibleTo: seesInsights }),
    );
    router.get(
      '/figures/:name',
      route((request, access) => publishedFigure(access, request), { visibleTo: seesInsights }),
    );
    router.get(
      '/map',
      route((request, access) => housingMap(access, request, env), { visibleTo: seesInsights }),
    );
    router.get(
      '/tiles/:z/:x/:y',
      route((request) => mapTile(request, env), { visibleTo: seesInsights, headers: tileCache }),
    );
    router.get(
      '/export/:file',
      route((request, access, reply) => figureExport(access, request, reply), { visibleTo: seesInsights }),
    );
    router.get(
      '/report',
      route((request, access) => monthlyReport(access, request), { visibleTo: seesInsights }),
    );
  },
});
