// Runs after `npm install` (under whatever Node ran npm). Makes the project run on Node 22 by itself:
// the `node@22` package gives the binary; isolated-vm (Directus's Run Script operation) is a native addon
// that npm just compiled for the Node that ran npm, so it is rebuilt against Node 22's headers here.
import { spawnSync } from 'node:child_process';
import { node22Binary, node22Environment, node22HeadersDir, projectRoot } from './node22.mjs';

const binary = node22Binary();
if (!binary) {
  console.error(
    'postinstall: node_modules/.bin/node (npm package node@22) is missing; is the `node` dependency installed?',
  );
  process.exit(1);
}

const loads = () =>
  spawnSync(binary, ['-e', "require('isolated-vm')"], { cwd: projectRoot, stdio: 'ignore' }).status === 0;

if (loads()) {
  console.log('postinstall: isolated-vm already loads under Node 22.');
} else {
  const headers = node22HeadersDir();
  if (!headers) {
    console.error('postinstall: Node 22 headers not found inside the node@22 package; cannot rebuild isolated-vm.');
    process.exit(1);
  }
  console.log(`postinstall: rebuilding isolated-vm against Node 22 headers in ${headers} (takes a few minutes)…`);
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli ? [binary, [npmCli, 'rebuild', 'isolated-vm']] : ['npm', ['rebuild', 'isolated-vm']];
  const rebuild = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit', env: node22Environment() });
  if (rebuild.status !== 0 || !loads()) {
    console.error('postinstall: isolated-vm does not load under Node 22 after the rebuild.');
    process.exit(1);
  }
  console.log('postinstall: isolated-vm rebuilt for Node 22.');
}
