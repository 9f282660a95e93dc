// web/build.mjs: builds the page into web/dist/ (index.html, app.js, app.css, world-110m.json.gz and
// world-50m.json.gz) with esbuild.
// Reproducible: the same sources and package-lock give byte-identical files (no timestamps, no absolute
// paths, no source maps); `node build.mjs --check` builds twice and compares. Prints each file's size and
// gzip size, and the first view's total (everything the page loads before it is interactive).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { feature } from 'topojson-client';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
const nodeModules = join(here, 'node_modules');
// Natural Earth country outlines at two scales: 1:110m (38 KB gzip) for views of the world or a
// continent, 1:50m (225 KB gzip, loaded only when the map zooms in) where the coarse outlines would be
// visibly wrong (a country, a region); 1:10m would be 1.2 MB gzip. Shipped gzipped (world-*.json.gz,
// application/gzip, unpacked by the page with DecompressionStream): the server sends them as they
// are, whatever its own compression does, and spends no time compressing them per request.
const WORLD = ['110m', '50m'];

async function buildInto(out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const common = { bundle: true, minify: true, charset: 'utf8', legalComments: 'eof', logLevel: 'warning',
    absWorkingDir: here, target: ['es2020', 'chrome100', 'firefox100', 'safari15'] };
  await build({ ...common, entryPoints: [join(src, 'main.js')], outfile: join(out, 'app.js'), format: 'esm' });
  await build({ ...common, entryPoints: [join(src, 'style.css')], outfile: join(out, 'app.css') });
  copyFileSync(join(src, 'index.html'), join(out, 'index.html'));
  // gzip with Node's zlib is deterministic (no file name, modification time 0).
  for (const scale of WORLD) {
    const topology = JSON.parse(readFileSync(join(nodeModules, 'world-atlas', `countries-${scale}.json`), 'utf8'));
    writeFileSync(join(out, `world-${scale}.json.gz`), gzipSync(JSON.stringify(withBoxes(topology)), { level: 9 }));
  }
}

// Each country's longitude/latitude box ([west, south, east, north], TopoJSON's "bbox" member), so that
// the page converts and draws only the countries near a close view (web/src/map.js). A country across
// the antimeridian gets a box spanning every longitude.
function withBoxes(topology) {
  for (const geometry of topology.objects.countries.geometries) {
    const shape = feature(topology, geometry).geometry;
    let [w, s, e, n] = [180, 90, -180, -90];
    const polygons = !shape ? [] : shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
    for (const ring of polygons.flat()) {
      for (const [lon, lat] of ring) {
        w = Math.min(w, lon); e = Math.max(e, lon); s = Math.min(s, lat); n = Math.max(n, lat);
      }
    }
    geometry.bbox = [w, s, e, n].map((v) => Math.round(v * 100) / 100);
  }
  return topology;
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
  const gz = name.endsWith('.gz') ? bytes.length : gzipSync(bytes, { level: 9 }).length;
  total += bytes.length;
  totalGzip += gz;
  console.log(`  dist/${name.padEnd(20)} ${String(bytes.length).padStart(8)} B  ${String(gz).padStart(7)} B gzip`);
}
const firstView = ['index.html', 'app.js', 'app.css', 'world-110m.json.gz'].reduce((sum, name) => {
  const bytes = readFileSync(join(dist, name));
  return sum + (name.endsWith('.gz') ? bytes.length : gzipSync(bytes, { level: 9 }).length);
}, 0);
console.log(`web build: first view (html, js, css, 1:110m map) ${(firstView / 1024).toFixed(1)} KB gzip ` +
  `(budget 500 KB); with the 1:50m map ${(totalGzip / 1024).toFixed(1)} KB`);
