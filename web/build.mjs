// web/build.mjs: builds the page into web/dist/ (index.html, app.js, app.css, world.json) with esbuild.
// Reproducible: the same sources and package-lock give byte-identical files (no timestamps, no absolute
// paths, no source maps); `node build.mjs --check` builds twice and compares. Prints each file's size and
// gzip size, and the first view's total (everything the page loads before it is interactive).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
const nodeModules = join(here, 'node_modules');
// Natural Earth at 1:50m: Ukraine's oblast-scale outlines stay recognisable when the map zooms to a
// country (1:110m is 38 KB gzip but coarse there; 1:10m is 1.2 MB gzip); 225 KB gzip keeps the first
// view under its 500 KB budget.
const WORLD = join(nodeModules, 'world-atlas', 'countries-50m.json');

async function buildInto(out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const common = { bundle: true, minify: true, charset: 'utf8', legalComments: 'eof', logLevel: 'warning',
    absWorkingDir: here, target: ['es2020', 'chrome100', 'firefox100', 'safari15'] };
  await build({ ...common, entryPoints: [join(src, 'main.js')], outfile: join(out, 'app.js'), format: 'esm' });
  await build({ ...common, entryPoints: [join(src, 'style.css')], outfile: join(out, 'app.css') });
  copyFileSync(join(src, 'index.html'), join(out, 'index.html'));
  copyFileSync(WORLD, join(out, 'world.json'));
}

function digest(dir) {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update('\0').update(readFileSync(join(dir, name)));
  return hash.digest('hex');
}

// Makes dist/ hold exactly the files of fresh/, rewriting only those whose bytes changed: an unchanged
// bundle keeps its files' modification times, so CMake does not re-embed it (cmake/EmbedPage.cmake).
function sync(fresh, dist) {
  mkdirSync(dist, { recursive: true });
  const names = readdirSync(fresh);
  for (const name of readdirSync(dist)) if (!names.includes(name)) rmSync(join(dist, name), { recursive: true });
  for (const name of names) {
    const bytes = readFileSync(join(fresh, name));
    const target = join(dist, name);
    if (!existsSync(target) || !readFileSync(target).equals(bytes)) writeFileSync(target, bytes);
  }
}

const dist = join(here, 'dist');
const fresh = join(here, 'node_modules', '.newsq-build');
await buildInto(fresh);
sync(fresh, dist);
rmSync(fresh, { recursive: true, force: true });
if (process.argv.includes('--check')) {
  const again = join(here, 'node_modules', '.newsq-build-again');
  await buildInto(again);
  const [a, b] = [digest(dist), digest(again)];
  rmSync(again, { recursive: true, force: true });
  if (a !== b) {
    console.error(`web build: NOT reproducible: two builds differ (${a} vs ${b})`);
    process.exit(1);
  }
  console.log('web build: reproducible (two builds are byte-identical)');
}
console.log(`web build: dist/ sha256 ${digest(dist)}`);
let total = 0, totalGzip = 0;
for (const name of readdirSync(dist).sort()) {
  const bytes = readFileSync(join(dist, name));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += bytes.length;
  totalGzip += gz;
  console.log(`  dist/${name.padEnd(12)} ${String(bytes.length).padStart(8)} B  ${String(gz).padStart(7)} B gzip`);
}
console.log(`web build: first view ${(total / 1024).toFixed(1)} KB, ${(totalGzip / 1024).toFixed(1)} KB gzip (budget 500 KB gzip)`);
