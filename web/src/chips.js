// web/src/chips.js: what the search understood, and what the reader selected, as removable chips.
// Understood spans (dates, places, sources) are removed by cutting their words out of q; a synonym chip
// by quoting its word (a quoted word is matched as written, without the thesaurus); a selection
// (outlet, place, date range) by dropping its parameter. Each removal re-runs the search.
import { h, fill } from './dom.js';
import { withChanges, toggled, withoutSpan, withWordQuoted, spanText } from './state.js';

const KIND_LABEL = { date: 'Date', place: 'Place', source: 'Outlet', synonyms: 'Synonyms', filter: 'Filter' };

// The chips for one answer: [{kind, label, title, next}] where next is the state without the chip.
export function chipsFor(state, answer, placeName) {
  const chips = [];
  const q = state.get('q') || '';
  const understood = answer && (answer.query || answer.understood);
  if (understood && q) {
    for (const span of understood.spans || []) {
      if (span.as === 'text') continue;
      const words = spanText(q, span) || span.text;
      let detail = '';
      // Selected dates (from/to) override the understood ones, and the answer's date is then theirs.
      if (span.as === 'date' && (state.get('from') || state.get('to'))) detail = 'overridden by the selected dates';
      else if (span.as === 'date' && understood.date) detail = range(understood.date.from, understood.date.to);
      if (span.as === 'place') {
        const place = (understood.places || []).find((p) => p.text === span.text) || null;
        if (place && place.mode === 'near') detail = `within ${place.radius_km} km`;
        else if (place && place.name && !words.toLowerCase().includes(place.name.toLowerCase())) detail = place.name;
      }
      chips.push({ kind: span.as, label: words, detail, next: withChanges(state, { q: withoutSpan(q, span) }) });
    }
    for (const [word, alternatives] of Object.entries(understood.synonyms || {})) {
      const span = (understood.spans || []).find((s) => s.as === 'text' && s.text.toLowerCase() === word.toLowerCase());
      const next = span ? withChanges(state, { q: withWordQuoted(q, span) }) : withChanges(state, { thesaurus: '0' });
      chips.push({ kind: 'synonyms', label: `${word} ≈ ${alternatives.join(', ')}`, detail: '', next });
    }
  }
  if (state.get('from') || state.get('to')) {
    chips.push({ kind: 'date', label: range(state.get('from'), state.get('to')), detail: 'selected',
      next: withChanges(state, { from: null, to: null }) });
  }
  for (const facet of state.getAll('facet')) {
    const [field, ...rest] = facet.split(':');
    const value = rest.join(':');
    const kind = field === 'source' ? 'source' : field === 'location' ? 'place' : field === 'date' ? 'date' : 'filter';
    const label = field === 'location' ? placeName(value) : value;
    chips.push({ kind, label, detail: 'selected', next: toggled(state, 'facet', facet, false) });
  }
  for (const [key, kind, prefix] of [['source', 'source', ''], ['place', 'place', 'in '], ['near', 'place', 'near ']]) {
    for (const value of state.getAll(key)) {
      chips.push({ kind, label: prefix + value, detail: 'selected', next: toggled(state, key, value, false) });
    }
  }
  if (state.get('thesaurus') === '0') {
    chips.push({ kind: 'synonyms', label: 'no synonyms', detail: '', next: withChanges(state, { thesaurus: null }) });
  }
  return chips;
}

export function range(from, to) {
  if (from && to) return from === to ? from : `${from} – ${to}`;
  if (from) return `from ${from}`;
  if (to) return `up to ${to}`;
  return '';
}

export function renderChips(container, chips, go) {
  fill(container, chips.map((chip) => {
    const name = `${KIND_LABEL[chip.kind] || 'Filter'}: ${chip.label}${chip.detail ? ` (${chip.detail})` : ''}`;
    return h('li', { class: `chip chip-${chip.kind}`, 'data-kind': chip.kind },
      h('span', { class: 'chip-kind' }, KIND_LABEL[chip.kind] || 'Filter'),
      h('span', { class: 'chip-label' }, chip.label),
      chip.detail ? h('span', { class: 'chip-detail' }, chip.detail) : null,
      h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${name}`, title: `Remove ${name}`,
        onclick: () => go(chip.next) }, '×'));
  }));
  container.hidden = chips.length === 0;
}
