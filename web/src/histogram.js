// web/src/histogram.js: the date facet as SVG bars at the granularity the API chose (year, month or
// day). Clicking a bar, or dragging across several, selects that range of days as from/to; the bars
// are also buttons for the keyboard (Tab, then Enter or Space). Empty buckets between the first and
// the last are drawn as gaps so that the axis is time.
import { h, fill, count } from './dom.js';
import { withChanges } from './state.js';

const WIDTH = 320;
const HEIGHT = 110;
const AXIS = 16;
const MAX_FILLED = 400;  // Buckets; a wider spread is drawn with only the non-empty ones.
const MAX_STEP = 24;     // The widest a bar gets, so that a few bars still look like a histogram.

const pad = (n, w = 2) => String(n).padStart(w, '0');
const iso = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

// The first and last day of a bucket ("2022", "2022-03" or "2022-03-05").
export function bucketDays(value) {
  const [y, m, d] = value.split('-').map(Number);
  if (d) return [value, value];
  if (m) return [`${y}-${pad(m)}-01`, iso(new Date(Date.UTC(y, m, 0)))];
  return [`${y}-01-01`, `${y}-12-31`];
}

function nextBucket(value) {
  const [y, m, d] = value.split('-').map(Number);
  if (d) return iso(new Date(Date.UTC(y, m - 1, d + 1)));
  if (m) return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
  return String(y + 1);
}

function buckets(values) {
  const sorted = [...values].sort((a, b) => (a.value < b.value ? -1 : 1));
  if (sorted.length < 2) return sorted;
  const byValue = new Map(sorted.map((v) => [v.value, v.count]));
  const filled = [];
  for (let b = sorted[0].value; b <= sorted[sorted.length - 1].value; b = nextBucket(b)) {
    filled.push({ value: b, count: byValue.get(b) || 0 });
    if (filled.length > MAX_FILLED) return sorted;
  }
  return filled;
}

export function renderHistogram(container, state, answer, go) {
  const values = buckets((answer.facets && answer.facets.date) || []);
  const granularity = answer.date_granularity || '';
  if (values.length === 0) {
    fill(container, h('p', { class: 'empty' }, 'No dates.'));
    return;
  }
  const max = Math.max(...values.map((v) => v.count));
  const step = Math.min(MAX_STEP, WIDTH / values.length);
  const span = step * values.length;  // The bars' width; the hit area for dragging is the same.
  const from = state.get('from') || '', to = state.get('to') || '';
  const selectedRange = (v) => {
    const [first, last] = bucketDays(v.value);
    return (from || to) && (!from || last >= from) && (!to || first <= to);
  };
  const select = (i, j) => {
    const [a, b] = i <= j ? [i, j] : [j, i];
    go(withChanges(state, { from: bucketDays(values[a].value)[0], to: bucketDays(values[b].value)[1] }));
  };
  const bars = values.map((v, i) => {
    const height = v.count ? Math.max(2, (v.count / max) * (HEIGHT - AXIS - 4)) : 0;
    const label = `${v.value}: ${count(v.count)} article${v.count === 1 ? '' : 's'}`;
    return h('rect', { class: 'bar' + (selectedRange(v) ? ' in-range' : ''), x: (i * step).toFixed(2),
      y: (HEIGHT - AXIS - height).toFixed(2), width: Math.max(1, step - (step > 4 ? 1 : 0)).toFixed(2),
      height: height.toFixed(2), tabindex: '0', role: 'button', 'aria-label': label, 'data-value': v.value,
      'data-count': v.count, onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(i, i); } } },
    h('title', {}, label));
  });
  // Hit areas the full height of the chart, so that short bars are easy to click and drag from.
  const svg = h('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'histogram', role: 'group',
    'aria-label': `Articles per ${granularity || 'period'}; click a bar or drag across bars to select dates` },
  h('rect', { class: 'hist-bg', x: 0, y: 0, width: span, height: HEIGHT - AXIS }),
  bars,
  h('line', { class: 'axis', x1: 0, x2: span, y1: HEIGHT - AXIS + 0.5, y2: HEIGHT - AXIS + 0.5 }),
  h('text', { class: 'axis-label', x: 0, y: HEIGHT - 3 }, values[0].value),
  values.length > 1 && span >= 130 ? h('text', { class: 'axis-label', x: span, y: HEIGHT - 3, 'text-anchor': 'end' },
    values[values.length - 1].value) : null);

  const indexAt = (event) => {
    const box = svg.getBoundingClientRect();
    const i = Math.floor((((event.clientX - box.left) / box.width) * WIDTH) / step);
    return Math.min(values.length - 1, Math.max(0, i));
  };
  let anchor = -1;
  const mark = (i) => bars.forEach((bar, k) => bar.classList.toggle('dragging',
    anchor >= 0 && k >= Math.min(anchor, i) && k <= Math.max(anchor, i)));
  svg.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    anchor = indexAt(e);
    svg.setPointerCapture(e.pointerId);
    mark(anchor);
  });
  svg.addEventListener('pointermove', (e) => { if (anchor >= 0) mark(indexAt(e)); });
  svg.addEventListener('pointerup', (e) => {
    if (anchor < 0) return;
    const i = indexAt(e), a = anchor;
    anchor = -1;
    select(a, i);
  });
  svg.addEventListener('pointercancel', () => { anchor = -1; mark(-1); });
  const first = values[0].value, last = values[values.length - 1].value;
  fill(container, h('p', { class: 'granularity' },
    `${granularity ? `Per ${granularity}, ` : ''}${first === last ? first : `${first} to ${last}`}`), svg);
}
