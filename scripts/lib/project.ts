export { projectRoot } from '../node22.mjs';

/** Directus 11.17 needs Node 22; `npm install` brings it (npm package node@22) and npm scripts put it first on PATH. */
export function requireNode22(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    console.error(
      `This needs Node 22 or newer (running ${process.version}). Run it through npm (npm start, npm test), which uses the Node 22 that npm install put in node_modules/.bin.`,
    );
    process.exit(1);
  }
}
