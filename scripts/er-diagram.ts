/**
 * `npm run er:diagram`: renders the data model in snapshots/snapshot.json as a mermaid ER diagram into README.md,
 * between `<!-- er-diagram:start -->` and `<!-- er-diagram:end -->`. With `-- --check` it changes nothing and
 * exits 1 when the README's diagram is not the rendered one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderErDiagram, type ErSnapshot } from './lib/er-diagram.js';
import { projectRoot } from './lib/project.js';
import { syncReadmeDiagram } from './lib/readme-blocks.js';

const snapshot = JSON.parse(readFileSync(join(projectRoot, 'snapshots', 'snapshot.json'), 'utf8')) as ErSnapshot;
syncReadmeDiagram(
  join(projectRoot, 'README.md'),
  'er-diagram',
  renderErDiagram(snapshot),
  'er:diagram',
  process.argv.slice(2),
);
