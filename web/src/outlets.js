// web/src/outlets.js: the outlet (source) facet as checkboxes. Several may be ticked (facet=source:X
// repeated, ORed by the engine); the counts are the engine's, which for this facet ignore its own
// selections, so unticked outlets show what adding them would give.
import { h, fill, count } from './dom.js';
import { selected, toggled } from './state.js';

export function renderOutlets(container, state, answer, go) {
  const values = (answer.facets && answer.facets.source) || [];
  const ticked = new Set(selected(state, 'source'));
  // A ticked outlet that no longer has any match still gets its box, so that it can be unticked.
  const shown = [...values];
  for (const value of ticked) if (!values.some((v) => v.value === value)) shown.push({ value, count: 0 });
  fill(container, shown.length === 0 ? h('p', { class: 'empty' }, 'No outlets.') :
    h('ul', { class: 'facet-list' }, shown.map((v, i) => {
      const id = `outlet-${i}`;
      return h('li', {},
        h('input', { type: 'checkbox', id, checked: ticked.has(v.value), 'data-value': v.value,
          onchange: (e) => go(toggled(state, 'facet', 'source:' + v.value, e.target.checked)) }),
        h('label', { for: id }, h('span', { class: 'facet-name' }, v.value), ' ',
          h('span', { class: 'facet-count', 'data-count': v.count }, count(v.count))));
    })));
}
