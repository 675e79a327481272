import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMachineDiagram } from '../../extensions/labour-platform/src/domain/brp/diagram.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { extractMermaid } from '../../scripts/lib/readme-blocks.js';

describe('README.md BRP machine diagram', () => {
  it('is the diagram of the machine (run `npm run machine:diagram` when this fails)', () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    expect(extractMermaid(readme, 'machine-diagram')).toBe(renderMachineDiagram());
  });
});
