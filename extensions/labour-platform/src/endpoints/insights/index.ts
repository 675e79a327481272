/**
 * /insights: the anonymous figures of a policy officer's own municipality (glue/insight/api.ts).
 *   GET /insights/figures                                   the figures there are
 *   GET /insights/figures/:name?municipality=<id>&date=YYYY-MM-DD   one figure, as published (small counts protected)
 * Each route is one glue call through the one seam; for anyone but a policy officer the routes do not exist.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { httpSeam } from '../../glue/http/seam';
import { figureList, publishedFigure, seesInsights } from '../../glue/insight/api';

export default defineEndpoint({
  id: 'insights',
  handler: (router, { services, database, getSchema, logger }) => {
    const route = httpSeam({ services, database, getSchema, logger });
    router.get(
      '/figures',
      route(async () => figureList(), { visibleTo: seesInsights }),
    );
    router.get(
      '/figures/:name',
      route((request, access) => publishedFigure(access, request), { visibleTo: seesInsights }),
    );
  },
});
