/**
 * `npm run er:diagram`: renders the data model in snapshots/snapshot.json as a mermaid ER diagram into README.md,
 * between `<!-- er-diagram:start -->` and `<!-- er-diagram:end -->`; the rest of the README is left alone.
 * Creates a minimal README.md when there is none.
 *
 * `npm run er:diagram -- --check`: changes nothing; exits 1 when the README's diagram is not the rendered one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractErDiagram, minimalReadme, renderErDiagram, replaceErBlock, type ErSnapshot } from './lib/er-diagram.js';
import { projectRoot } from './lib/project.js';

const readmePath = join(projectRoot, 'README.md');
const snapshot = JSON.parse(readFileSync(join(projectRoot, 'snapshots', 'snapshot.json'), 'utf8')) as ErSnapshot;
const diagram = renderErDiagram(snapshot);
const check = process.argv.slice(2).includes('--check');
const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : null;

if (check) {
  if (readme === null || extractErDiagram(readme) !== diagram) {
    const why = readme === null ? 'README.md does not exist' : 'the ER diagram in README.md is not the one snapshots/snapshot.json gives';
    console.error(`${why}. Run \`npm run er:diagram\` and commit README.md.`);
    process.exit(1);
  }
  console.log('README.md ER diagram is up to date.');
} else if (readme === null) {
  writeFileSync(readmePath, minimalReadme(diagram));
  console.log('README.md created with the ER diagram.');
} else if (extractErDiagram(readme) === null && !readme.includes('<!-- er-diagram:start -->')) {
  console.error('README.md has no <!-- er-diagram:start --> … <!-- er-diagram:end --> block: add the two markers where the diagram goes, then run again.');
  process.exit(1);
} else {
  const updated = replaceErBlock(readme, diagram);
  if (updated === readme) {
    console.log('README.md ER diagram is up to date.');
  } else {
    writeFileSync(readmePath, updated);
    console.log('README.md ER diagram updated.');
  }
}
