/**
 * GET /collections for a user who is no administrator: the navigation leaves out what it only reads for
 * relations (../../domain/navigation.ts). Nothing becomes unreadable; only `meta.hidden` changes in the answer.
 */
import type { Accountability } from '@directus/types';
import { navigationForNonAdmin, type NavigationCollection } from '../../domain/navigation';

interface Request {
  method: string;
  path: string;
  accountability?: Accountability | null;
}
interface Response {
  json: (body: unknown) => unknown;
}

export function navigationMiddleware(request: Request, response: Response, next: () => void): void {
  const accountability = request.accountability;
  if (
    request.method === 'GET' &&
    /^\/collections\/?$/.test(request.path) &&
    accountability?.user &&
    !accountability.admin
  ) {
    const json = response.json.bind(response);
    response.json = (body: unknown) => {
      const data = (body as { data?: unknown } | null)?.data;
      if (!Array.isArray(data)) return json(body);
      return json({ ...(body as object), data: navigationForNonAdmin(data as NavigationCollection[]) });
    };
  }
  next();
}
