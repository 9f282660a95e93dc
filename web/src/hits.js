// web/src/hits.js: the result list. Snippets come from the API with the matching words between <b> and
// </b> and everything else HTML-escaped (&amp; &lt; &gt;); they are split on those markers and rebuilt as
// text nodes and <mark> elements, never assigned as HTML. "N similar" fetches the folded copies
// (GET /api/article/{id}) when first opened.
import { h, fill, count } from './dom.js';

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

export function snippetNodes(snippet) {
  const nodes = [];
  let marked = false;
  for (const part of String(snippet || '').split(/(<b>|<\/b>)/)) {
    if (part === '<b>') marked = true;
    else if (part === '</b>') marked = false;
    else if (part) {
      const text = part.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
      nodes.push(marked ? h('mark', {}, text) : document.createTextNode(text));
    }
  }
  return nodes;
}

function title(hit) {
  const text = hit.title || hit.id;
  return hit.url ? h('a', { href: hit.url, rel: 'noopener noreferrer', target: '_blank' }, text) : text;
}

function similarBlock(hit) {
  const n = (hit.similar || []).length;
  if (!n) return null;
  const list = h('ul', { class: 'similar-list', hidden: true, id: `similar-${hit.id}` });
  let loaded = false;
  const button = h('button', { type: 'button', class: 'similar-toggle', 'aria-expanded': 'false',
    'aria-controls': list.id }, `${n} similar`);
  button.addEventListener('click', async () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    list.hidden = !open;
    if (!open || loaded) return;
    loaded = true;
    fill(list, hit.similar.map((id) => h('li', { 'data-id': id }, id)));
    await Promise.all(hit.similar.map(async (id, i) => {
      const item = list.children[i];
      try {
        const response = await fetch('/api/article/' + encodeURIComponent(id));
        if (!response.ok) throw new Error(String(response.status));
        const a = await response.json();
        fill(item, h('span', { class: 'hit-meta' }, `${a.source} · ${a.date} `),
          a.url ? h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, a.title || id) : (a.title || id));
      } catch {
        fill(item, `${id} (could not be loaded)`);
      }
    }));
  });
  return h('div', { class: 'similar' }, button, list);
}

export function renderHits(container, answer, offset) {
  const hits = answer.hits || [];
  fill(container, h('ol', { class: 'hits', start: offset + 1 }, hits.map((hit) => {
    const places = (hit.places || []).slice(0, 6).map((p) => p.name);
    const more = (hit.places || []).length - places.length;
    return h('li', { class: 'hit', 'data-id': hit.id },
      h('h3', { class: 'hit-title' }, title(hit)),
      h('p', { class: 'hit-meta' },
        h('span', { class: 'hit-source' }, hit.source), ' · ',
        h('time', { datetime: hit.date }, hit.date),
        places.length ? [' · ', h('span', { class: 'hit-places' }, places.join(', ') + (more > 0 ? ` +${more}` : ''))] : null,
        hit.distance_km !== undefined ? ` · ${count(Math.round(hit.distance_km))} km` : null),
      h('p', { class: 'snippet' }, snippetNodes(hit.snippet)),
      similarBlock(hit));
  })));
}
