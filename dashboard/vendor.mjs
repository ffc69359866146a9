// Copies the pinned chart.js build from node_modules into vendor/ (committed, so the page works without npm).
// `npm ci && npm run vendor` refreshes it after changing the pin in package.json; `node vendor.mjs --check` only compares.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const files = [
  ['node_modules/chart.js/dist/chart.umd.js', 'vendor/chart.umd.js'],
  ['node_modules/chart.js/LICENSE.md', 'vendor/chart.js.LICENSE.md'],
];
const check = process.argv.includes('--check');

const pinned = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies['chart.js'];
const installedManifest = join(here, 'node_modules/chart.js/package.json');
if (!existsSync(installedManifest)) {
  console.error('chart.js is not installed: run `npm ci` in dashboard/ first.');
  process.exit(1);
}
const installed = JSON.parse(readFileSync(installedManifest, 'utf8')).version;
if (installed !== pinned) {
  console.error(`node_modules has chart.js ${installed} but package.json pins ${pinned}: run \`npm ci\`.`);
  process.exit(1);
}

let stale = 0;
mkdirSync(join(here, 'vendor'), { recursive: true });
for (const [from, to] of files) {
  const source = readFileSync(join(here, from));
  const target = join(here, to);
  const same = existsSync(target) && Buffer.compare(source, readFileSync(target)) === 0;
  if (check) {
    if (!same) { console.error(`${to} differs from ${from}`); stale++; }
  } else if (!same) {
    copyFileSync(join(here, from), target);
    console.log(`${to} <- ${from} (chart.js ${installed})`);
  }
}
if (check) {
  console.log(stale ? `${stale} vendored file(s) out of date: run \`npm run vendor\`.` : `vendor/ matches chart.js ${installed}.`);
  process.exit(stale ? 1 : 0);
}
