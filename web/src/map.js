// web/src/map.js: the location facet on a map: Natural Earth country outlines (world-atlas, bundled as
// world-110m.json.gz and world-50m.json.gz and fetched from the same server, never a CDN) drawn as SVG
// with d3-geo, and a circle per place with coordinates, its area proportional to its count. The view
// fits the places shown: a view wider than WIDE_VIEW degrees uses the 1:110m outlines (38 KB, quick to
// draw), a closer one the 1:50m outlines (225 KB, fetched at start beside the first search), drawing
// only the countries near the view. The page's first close view, and any close view before the
// 1:50m outlines have arrived, is drawn with the 1:110m ones at once and again with the finer ones
// in the next task: the page answers without waiting for the finer outlines to be converted and
// drawn. Clicking a circle (or a shaded country) drills into that place, as the tree does.
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import { h, fill, count } from './dom.js';
import { selected, toggled } from './state.js';

const WIDTH = 640;
const HEIGHT = 340;
const MIN_SPAN = 8;  // Degrees: a single place is shown with its surroundings.
const MAX_RADIUS = 22;
const PAD = MAX_RADIUS + 4;  // Pixels between the places' box and the map's edge: circles stay whole.
const LEVEL_ORDER = ['country', 'region', 'district', 'sea', 'city'];  // Drawn big to small.
const WIDE_VIEW = 60;  // Degrees of longitude from which the coarse outlines are enough.

// The outlines ship gzipped (web/build.mjs says why) and are unpacked here, once per page and scale.
// Each country's box (bbox, [west, south, east, north], added by web/build.mjs) lets a close view
// convert and draw only the countries near it; converted outlines are kept for the next view.
const topologies = new Map();
const arrived = new Set();  // Scales whose outlines are unpacked and ready to draw.
export function outlines(scale) {
  if (!topologies.has(scale)) {
    topologies.set(scale, (async () => {
      if (typeof DecompressionStream === 'undefined') throw new Error('this browser cannot unpack the map');
      const response = await fetch(`/world-${scale}.json.gz`);
      if (!response.ok) throw new Error(`world-${scale}.json.gz: HTTP ${response.status}`);
      const text = await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).text();
      const topology = JSON.parse(text);
      arrived.add(scale);
      return { topology, shapes: new Map() };
    })());
  }
  return topologies.get(scale);
}

// The countries whose box meets the view (every country when there is no view), as GeoJSON features.
function countriesNear({ topology, shapes }, view) {
  const out = [];
  for (const geometry of topology.objects.countries.geometries) {
    const [w, s, e, n] = geometry.bbox || [-180, -90, 180, 90];
    if (view && !(w <= view.e && e >= view.w && s <= view.n && n >= view.s)) continue;
    if (!shapes.has(geometry)) shapes.set(geometry, feature(topology, geometry));
    out.push(shapes.get(geometry));
  }
  return out;
}

// The outline of the area to show: the places' box (cities and regions when there are any), at least
// MIN_SPAN degrees wide and high; the whole world when no place has coordinates.
function extentOf(points) {
  const local = points.filter((p) => p.level !== 'country');
  const use = local.length ? local : points;
  if (use.length === 0) return { outline: { type: 'Sphere' }, view: null };
  let [w, e, s, n] = [180, -180, 90, -90];
  for (const p of use) { w = Math.min(w, p.lon); e = Math.max(e, p.lon); s = Math.min(s, p.lat); n = Math.max(n, p.lat); }
  const cx = (w + e) / 2, cy = (s + n) / 2;
  const hw = Math.max(e - w, MIN_SPAN) / 2 * 1.15, hh = Math.max(n - s, MIN_SPAN / 2) / 2 * 1.15;
  const clampLat = (v) => Math.max(-85, Math.min(85, v));
  const view = { w: cx - hw, e: cx + hw, s: clampLat(cy - hh), n: clampLat(cy + hh) };
  return {
    outline: { type: 'MultiPoint', coordinates: [[view.w, view.s], [view.e, view.n], [view.w, view.n], [view.e, view.s]] },
    view: view.e - view.w >= WIDE_VIEW ? null : view,
  };
}

// Draws the answer's places; `drawn` is called each time a map is on the page (twice when a close
// view is first drawn with the coarse outlines). Resolves once the final map is drawn.
export async function renderMap(container, state, answer, go, drawn = () => {}) {
  const values = ((answer.facets && answer.facets.location) || []).filter((v) => v.level !== 'continent');
  const points = values.filter((v) => typeof v.lat === 'number' && typeof v.lon === 'number');
  const { outline, view } = extentOf(points);
  container.dataset.pending = String((Number(container.dataset.pending) || 0) + 1);
  const mine = container.dataset.pending;
  const near = view && { w: view.w - 20, e: view.e + 20, s: view.s - 15, n: view.n + 15 };  // A margin: the view is the places' box.
  const firstMap = !container.querySelector('svg');
  const scales = view && arrived.has('110m') && (firstMap || !arrived.has('50m')) ? ['110m', '50m'] : [view ? '50m' : '110m'];
  for (const [i, scale] of scales.entries()) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 0));  // The coarse map is painted first.
    let shapes;
    try {
      shapes = countriesNear(await outlines(scale), near);
    } catch (error) {
      if (container.dataset.pending === mine) fill(container, h('p', { class: 'empty' }, `The map could not be drawn (${error.message}).`));
      return;
    }
    if (container.dataset.pending !== mine) return;  // A newer answer is being drawn.
    draw(container, state, values, points, outline, shapes, go);
    drawn();
  }
}

function draw(container, state, values, points, outline, shapes, go) {
  const projection = geoNaturalEarth1().fitExtent([[PAD, PAD], [WIDTH - PAD, HEIGHT - PAD]], outline)
    .clipExtent([[0, 0], [WIDTH, HEIGHT]]);
  const path = geoPath(projection);
  const chosen = new Set(selected(state, 'location'));
  const drill = (v) => go(toggled(state, 'facet', 'location:' + String(v.id || v.value),
    !chosen.has(String(v.id || v.value))));
  const countryValues = new Map(values.filter((v) => v.level === 'country').map((v) => [v.value, v]));
  const max = Math.max(1, ...points.map((p) => p.count));
  const order = (p) => LEVEL_ORDER.indexOf(p.level);
  const sorted = [...points].sort((a, b) => order(a) - order(b) || b.count - a.count);
  // The six most mentioned cities and regions are named, unless a name already placed is that close.
  const labelled = [];
  for (const p of [...points].filter((q) => q.level === 'city' || q.level === 'region').sort((a, b) => b.count - a.count)) {
    const [x, y] = projection([p.lon, p.lat]) || [-1, -1];
    if (labelled.length < 6 && !labelled.some((q) => Math.abs(q.x - x) < 70 && Math.abs(q.y - y) < 14)) labelled.push({ ...p, x, y });
  }

  const svg = h('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'map', role: 'group',
    'aria-label': 'Map of the places mentioned; each circle is a place, sized by its number of articles' },
  h('path', { class: 'sea', d: path({ type: 'Sphere' }) }),
  h('g', { class: 'countries' }, shapes.map((shape) => {
    const v = countryValues.get(shape.properties.name);
    const d = path(shape);
    if (!d) return null;
    return v ? h('path', { class: 'land counted' + (chosen.has(String(v.id)) ? ' chosen' : ''), d,
      onclick: () => drill(v) }, h('title', {}, `${v.value}: ${count(v.count)} articles`))
      : h('path', { class: 'land', d });
  })),
  h('g', { class: 'marks' }, sorted.map((p) => {
    const [x, y] = projection([p.lon, p.lat]) || [-1, -1];
    if (x < 0 || y < 0 || x > WIDTH || y > HEIGHT) return null;
    const r = 2.5 + (MAX_RADIUS - 2.5) * Math.sqrt(p.count / max);
    const label = `${p.value} (${p.level}): ${count(p.count)} articles`;
    return h('circle', { class: `mark mark-${p.level}` + (chosen.has(String(p.id)) ? ' chosen' : ''),
      cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1), tabindex: '0', role: 'button', 'aria-label': label,
      'data-value': p.value, 'data-id': p.id, 'data-level': p.level,
      onclick: () => drill(p), onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); drill(p); } } },
    h('title', {}, label));
  })),
  h('g', { class: 'labels', 'aria-hidden': 'true' }, labelled.map(({ x, y, value }) => {
    if (x < 0 || y < 0 || x > WIDTH || y > HEIGHT) return null;
    const left = x > WIDTH - 110;  // Near the right edge the name goes left of its place.
    return h('text', { x: (left ? x - 4 : x + 4).toFixed(1), y: (y - 4).toFixed(1), 'text-anchor': left ? 'end' : 'start' }, value);
  })));
  fill(container, svg);
}
