// Where the Node 22 that `npm install` brings (npm package `node@22`) lives. Plain ESM, runs on Node 20 too.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of the Node 22 binary installed by the `node` package, or null before `npm install`. */
export function node22Binary() {
  const link = join(projectRoot, 'node_modules', '.bin', 'node');
  return existsSync(link) ? realpathSync(link) : null;
}

/** Folder holding include/node/*.h for that binary: what node-gyp needs as `nodedir`. */
export function node22HeadersDir() {
  const binary = node22Binary();
  if (!binary) return null;
  const distribution = resolve(dirname(binary), '..');
  if (existsSync(join(distribution, 'include', 'node', 'node.h'))) return distribution;
  const platformPackage = join(
    projectRoot,
    'node_modules',
    'node',
    'node_modules',
    `node-${process.platform}-${process.arch}`,
  );
  return existsSync(join(platformPackage, 'include', 'node', 'node.h')) ? platformPackage : null;
}

/** Environment in which `node`, `npm` and node-gyp all mean Node 22. */
export function node22Environment(base = process.env) {
  const binary = node22Binary();
  if (!binary) throw new Error('Node 22 is missing: run `npm install` first (it installs the npm package node@22).');
  const headers = node22HeadersDir();
  return {
    ...base,
    PATH: `${dirname(binary)}${process.platform === 'win32' ? ';' : ':'}${join(projectRoot, 'node_modules', '.bin')}:${base.PATH ?? ''}`,
    ...(headers ? { npm_config_nodedir: headers } : {}),
  };
}
