/**
 * `npm run machine:diagram`: writes the BRP status machine (extensions/labour-platform/src/domain/brp/machine.ts)
 * as a mermaid state diagram into README.md, between `<!-- machine-diagram:start -->` and
 * `<!-- machine-diagram:end -->`. With `-- --check` it exits 1 when the README differs from the machine.
 */
import { join } from 'node:path';
import { renderMachineDiagram } from '../extensions/labour-platform/src/domain/brp/diagram.js';
import { projectRoot } from './lib/project.js';
import { syncReadmeDiagram } from './lib/readme-blocks.js';

syncReadmeDiagram(
  join(projectRoot, 'README.md'),
  'machine-diagram',
  renderMachineDiagram(),
  'machine:diagram',
  process.argv.slice(2),
);
