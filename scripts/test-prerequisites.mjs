#!/usr/bin/env node
/**
 * Runs before `npm test` (npm's `pretest`): what the suite needs from the machine beyond `npm install`.
 *
 * The browser tests drive Debian's Chromium (never a downloaded browser). When it is missing, this installs
 * Debian's `chromium` if the user may install packages (root, or passwordless sudo) and otherwise stops at once
 * with one line that says what to install. Everything else the suite needs comes from npm.
 * Set TEST_NO_INSTALL=1 to be told instead of having it installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** How to run apt-get as someone who may install: [] as root, ['sudo', '-n'] with passwordless sudo; else null. */
function installer() {
  if (process.env.TEST_NO_INSTALL === '1' || process.platform !== 'linux') return null;
  if (spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status !== 0) return null;
  if (typeof process.getuid === 'function' && process.getuid() === 0) return [];
  if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return null;
}

if (!existsSync(chromium)) {
  const prefix = installer();
  if (prefix === null) {
    console.error(
      `npm test: Chromium is missing at ${chromium}; the browser tests need it: install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log("npm test: installing Debian's chromium for the browser tests (once)…");
  // a second `npm test` started at the same moment waits for the first one's apt-get instead of failing on its lock
  const [command, ...rest] = [...prefix, 'apt-get', '-o', 'DPkg::Lock::Timeout=600'];
  const ok =
    run(command, [...rest, 'update', '-qq']) &&
    run(command, [...rest, 'install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  if (!ok || !existsSync(chromium)) {
    console.error(
      `npm test: installing chromium failed (see above); install Debian's chromium by hand (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log(`npm test: chromium installed at ${chromium}.`);
}
