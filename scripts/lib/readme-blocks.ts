/**
 * Generated mermaid blocks in README.md, each between `<!-- NAME:start -->` and `<!-- NAME:end -->`: the ER
 * diagram of the schema and the BRP status machine. One implementation for writing and checking them.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export function markers(name: string): { start: string; end: string } {
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

export function mermaidBlock(name: string, diagram: string): string {
  const { start, end } = markers(name);
  return `${start}\n\`\`\`mermaid\n${diagram}\`\`\`\n${end}`;
}

function positions(readme: string, name: string): { start: number; end: number } | null {
  const { start, end } = markers(name);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  return from === -1 || to === -1 || to < from ? null : { start: from, end: to };
}

/** The diagram inside the named block (without the fence); null when there is no well-formed block. */
export function extractMermaid(readme: string, name: string): string | null {
  const at = positions(readme, name);
  if (at === null) return null;
  const inner = readme.slice(at.start + markers(name).start.length, at.end);
  return /^\n```mermaid\n([\s\S]*\n)```\n$/.exec(inner)?.[1] ?? null;
}

/** The README with the named block replaced by `diagram`; throws when the markers are missing. */
export function replaceMermaid(readme: string, name: string, diagram: string): string {
  const at = positions(readme, name);
  const { start, end } = markers(name);
  if (at === null) throw new Error(`README.md has no ${start} … ${end} block`);
  return readme.slice(0, at.start) + mermaidBlock(name, diagram) + readme.slice(at.end + end.length);
}

/**
 * The body of `npm run <command>`: writes the diagram into README.md, or with `--check` exits 1 when the README
 * differs from it.
 */
export function syncReadmeDiagram(
  readmePath: string,
  name: string,
  diagram: string,
  command: string,
  argv: readonly string[],
): void {
  const readme = readFileSync(readmePath, 'utf8');
  if (argv.includes('--check')) {
    if (extractMermaid(readme, name) !== diagram) {
      console.error(`The ${name} block in README.md is out of date. Run \`npm run ${command}\` and commit README.md.`);
      process.exit(1);
    }
    console.log(`README.md ${name} is up to date.`);
    return;
  }
  const updated = replaceMermaid(readme, name, diagram);
  if (updated !== readme) writeFileSync(readmePath, updated);
  console.log(`README.md ${name} ${updated === readme ? 'is up to date' : 'updated'}.`);
}
