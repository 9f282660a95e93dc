// web/src/main.js: the page's entry point. The state lives in the URL (state.js); every change pushes a
// new history entry and re-runs the search, Back/Forward re-run the entry's search without pushing.
// When a search's answer and its map are drawn, body[data-rendered] holds the URL they belong to (the
// browser tests wait on it).
import { h, fill, count } from './dom.js';
import { parseState, withChanges, searchUrl, pageUrl, PAGE_SIZE } from './state.js';
import { chipsFor, renderChips } from './chips.js';
import { renderHits } from './hits.js';
import { renderOutlets } from './outlets.js';
import { renderHistogram } from './histogram.js';
import { renderPlaces } from './places.js';
import { outlines, renderMap } from './map.js';

const $ = (id) => document.getElementById(id);
const els = {
  form: $('search'), q: $('q'), chips: $('chips'), status: $('status'), partial: $('partial'), suggestion: $('suggestion'),
  sort: $('sort'), hits: $('hits'), pager: $('pager'), outlets: $('outlets'), dates: $('dates'),
  places: $('places'), map: $('map'),
};

let state = parseState(location.search);
let controller = null;
let lastAnswer = null;

function go(next) {
  state = next;
  history.pushState(null, '', pageUrl(state));
  run();
}

// A place's name for a chip: from the facet (or a hit) when the answer has it, else the value itself.
function placeName(value) {
  const values = (lastAnswer && lastAnswer.facets && lastAnswer.facets.location) || [];
  const v = values.find((x) => String(x.id) === value || x.value === value);
  return v ? v.value : value;
}

function nearSearch(answer) {
  const understood = answer && (answer.query || answer.understood);
  return Boolean(state.get('near')) || Boolean(understood && (understood.places || []).some((p) => p.mode === 'near'));
}

function renderSort(answer) {
  const options = [['relevance', 'Relevance'], ['date', 'Newest first']];
  if (nearSearch(answer) || state.get('sort') === 'distance') options.push(['distance', 'Nearest first']);
  const current = state.get('sort') || 'relevance';
  fill(els.sort, options.map(([value, label]) => h('option', { value, selected: value === current }, label)));
}

function renderPager(answer) {
  const offset = Number(state.get('offset') || 0);
  const total = answer.total || 0;
  const page = (o) => go(withChanges(state, { offset: o > 0 ? o : null }));
  fill(els.pager,
    h('button', { type: 'button', disabled: offset <= 0, onclick: () => page(offset - PAGE_SIZE) }, '← Previous'),
    h('span', { class: 'pager-position' }, total ? `${count(offset + 1)}–${count(Math.min(total, offset + PAGE_SIZE))} of ${count(total)}` : ''),
    h('button', { type: 'button', disabled: offset + PAGE_SIZE >= total, onclick: () => page(offset + PAGE_SIZE) }, 'Next →'));
  els.pager.hidden = total <= PAGE_SIZE;
}

// A failed search leaves no stale answer on the page: the chips stay, so the cause can be removed.
function showError(message) {
  fill(els.status, h('span', { class: 'error', role: 'alert' }, message));
  for (const part of [els.hits, els.outlets, els.dates, els.places, els.map, els.suggestion]) fill(part);
  els.pager.hidden = true;
  renderSort(null);
}

async function run() {
  const url = pageUrl(state);
  els.q.value = state.get('q') || '';
  document.title = state.get('q') ? `${state.get('q')} — newsq` : 'newsq';
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  document.body.setAttribute('aria-busy', 'true');
  fill(els.status, 'Searching…');
  els.partial.hidden = true;
  let answer;
  try {
    const response = await fetch(searchUrl(state), { signal });
    answer = await response.json();
    if (!response.ok) {
      showError((answer.error && answer.error.message) || `The search failed (HTTP ${response.status}).`);
      renderChips(els.chips, chipsFor(state, null, placeName), go);
      document.body.dataset.rendered = url;
      document.body.removeAttribute('aria-busy');
      return;
    }
  } catch (error) {
    if (error.name === 'AbortError') return;
    showError(`The search could not be run: ${error.message}`);
    document.body.removeAttribute('aria-busy');
    return;
  }
  lastAnswer = answer;
  const offset = Number(state.get('offset') || 0);
  // A cluster with shards that did not answer (docs/sharding.md): every count is a lower bound.
  const missing = answer.partial ? answer.missing_shards || [] : [];
  els.partial.hidden = missing.length === 0;
  fill(els.partial, missing.length ? `Partial answer: ${missing.length === 1 ? 'shard' : 'shards'} ${missing.join(', ')} did not answer, so every count below is a lower bound.` : null);
  fill(els.status, missing.length ? 'at least ' : null,
    answer.total === 1 ? '1 article' : `${count(answer.total || 0)} articles`);
  fill(els.suggestion, answer.suggestion ? ['Did you mean ', h('button', { type: 'button', class: 'link',
    onclick: () => go(withChanges(state, { q: answer.suggestion })) }, answer.suggestion), '?'] : null);
  renderChips(els.chips, chipsFor(state, answer, placeName), go);
  renderSort(answer);
  renderHits(els.hits, answer, offset);
  renderPager(answer);
  renderOutlets(els.outlets, state, answer, go);
  renderHistogram(els.dates, state, answer, go);
  renderPlaces(els.places, state, answer, go);
  // The first answer drawn with its map makes the page interactive (the browser tests read this
  // mark), also when the map is then drawn again with finer outlines.
  const interactive = () => {
    if (!signal.aborted && performance.getEntriesByName('newsq-interactive').length === 0) performance.mark('newsq-interactive');
  };
  await renderMap(els.map, state, answer, go, interactive);
  if (signal.aborted) return;
  document.body.dataset.rendered = url;
  document.body.removeAttribute('aria-busy');
}

els.form.addEventListener('submit', (event) => {
  event.preventDefault();
  go(withChanges(state, { q: els.q.value }));
});
els.sort.addEventListener('change', () => go(withChanges(state, { sort: els.sort.value === 'relevance' ? null : els.sort.value })));
document.addEventListener('keydown', (event) => {
  const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, select, [contenteditable]');
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    els.q.focus();
    els.q.select();
  }
});
window.addEventListener('popstate', () => {
  state = parseState(location.search);
  run();
});

history.replaceState(null, '', pageUrl(state));
// Both scales are fetched beside the first search (the coarse one first); renderMap reports a failure.
outlines('110m').catch(() => {});
outlines('50m').catch(() => {});
run();
