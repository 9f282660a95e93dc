// web/src/state.js: the page's whole state is its URL's query string, with the same parameter names as
// GET /api/search (docs/api.md), so a shared link reproduces the view and the API request is the URL's
// own parameters plus the page size. Everything here is pure: no DOM, no fetch.

// The parameters the page keeps, in the order a URL lists them.
export const KEYS = ['q', 'from', 'to', 'source', 'facet', 'place', 'near', 'radius', 'sort', 'recency',
  'collapse', 'thesaurus', 'offset', 'now'];
const REPEATED = new Set(['source', 'facet']);
export const PAGE_SIZE = 10;

// The state from a query string: known keys only, empty values dropped, in KEYS order.
export function parseState(search) {
  const given = new URLSearchParams(search);
  const state = new URLSearchParams();
  for (const key of KEYS) {
    const values = REPEATED.has(key) ? given.getAll(key) : [given.get(key)];
    for (const value of values) if (value !== null && value.trim() !== '') state.append(key, value.trim());
  }
  if (state.get('offset') === '0') state.delete('offset');
  return state;
}

// A copy with changes applied: {key: value} sets (null deletes); any change but paging goes back to page 1.
export function withChanges(state, changes) {
  const next = new URLSearchParams(state);
  for (const [key, value] of Object.entries(changes)) {
    next.delete(key);
    if (Array.isArray(value)) for (const v of value) next.append(key, v);
    else if (value !== null && value !== undefined && String(value) !== '') next.set(key, String(value));
  }
  if (!('offset' in changes)) next.delete('offset');
  return parseState(next.toString());
}

// A copy with one value of a repeated key added or removed.
export function toggled(state, key, value, on) {
  const values = state.getAll(key).filter((v) => v !== value);
  if (on) values.push(value);
  return withChanges(state, { [key]: values });
}

export function searchUrl(state) {
  const params = new URLSearchParams(state);
  params.set('limit', String(PAGE_SIZE));
  return '/api/search?' + params.toString();
}

export function pageUrl(state) {
  const s = state.toString();
  return s ? '/?' + s : '/';
}

// The facet selections of one field ("source", "location", "date") from facet=field:value.
export function selected(state, field) {
  return state.getAll('facet').filter((f) => f.startsWith(field + ':')).map((f) => f.slice(field.length + 1));
}

// Query offsets are UTF-8 byte offsets (the CLI's "spans"); these edit the query by them.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function splice(q, start, end, replacement) {
  const bytes = encoder.encode(q);
  const text = decoder.decode(bytes.slice(0, start)) + replacement + decoder.decode(bytes.slice(end));
  return text.replace(/\s+/g, ' ').trim();
}

// The query without the words of one understood span (removing a date, place or source chip).
export function withoutSpan(q, span) {
  return splice(q, span.start, span.end, ' ');
}

// The query with one word quoted: a quoted word is matched as written, without thesaurus synonyms.
export function withWordQuoted(q, span) {
  return splice(q, span.start, span.end, ' "' + span.text + '" ');
}

// The text of a span as the query has it.
export function spanText(q, span) {
  return decoder.decode(encoder.encode(q).slice(span.start, span.end));
}
