// web/src/places.js: the location facet as a country -> region -> city tree. The API gives each value its
// level and the names of the country and first-level region containing it; a parent missing from the
// facet's top values is still shown (without a count) so every place sits under its country. Clicking a
// place drills into it (facet=location:ID, or "Region, Country" for a parent known only by name).
import { h, fill, count } from './dom.js';
import { selected, toggled } from './state.js';

const AREA_LEVELS = ['continent', 'sea'];
const SHOWN = 12;  // Top-level entries shown; the rest behind "N more".

// The tree: [{name, value, level, count, children}], countries first by count, then other areas.
export function placeTree(values) {
  const countries = new Map();
  const countryNode = (name) => {
    if (!countries.has(name)) countries.set(name, { name, value: name, level: 'country', count: null, children: [] });
    return countries.get(name);
  };
  const regionNode = (country, name) => {
    const parent = countryNode(country);
    let node = parent.children.find((c) => c.level === 'region' && c.name === name);
    if (!node) {
      node = { name, value: `${name}, ${country}`, level: 'region', count: null, children: [] };
      parent.children.push(node);
    }
    return node;
  };
  const others = [];
  for (const v of values) {
    const node = { name: v.value, value: String(v.id || v.value), level: v.level, count: v.count, children: [] };
    if (v.level === 'country') Object.assign(countryNode(v.value), { value: node.value, count: v.count });
    else if (v.level === 'region' && v.country) {
      Object.assign(regionNode(v.country, v.value), { value: node.value, count: v.count });
    } else if (!AREA_LEVELS.includes(v.level) && v.country) {
      (v.region ? regionNode(v.country, v.region) : countryNode(v.country)).children.push(node);
    } else others.push(node);
  }
  const byCount = (a, b) => (b.count ?? -1) - (a.count ?? -1) || a.name.localeCompare(b.name);
  const sortTree = (nodes) => { nodes.sort(byCount); nodes.forEach((n) => sortTree(n.children)); return nodes; };
  return sortTree([...countries.values()]).concat(sortTree(others));
}

function nodeItem(node, state, go, chosen) {
  const on = chosen.has(node.value);
  const label = `${node.name}, ${node.level}${node.count === null ? '' : `, ${count(node.count)} articles`}`;
  return h('li', { class: `place place-${node.level}` },
    h('button', { type: 'button', class: 'place-drill', 'aria-pressed': String(on), 'aria-label': label,
      'data-value': node.value, 'data-level': node.level, 'data-count': node.count ?? '',
      onclick: () => go(toggled(state, 'facet', 'location:' + node.value, !on)) },
    h('span', { class: 'facet-name' }, node.name),
    node.count === null ? null : [' ', h('span', { class: 'facet-count' }, count(node.count))]),
    node.children.length ? h('ul', {}, node.children.map((c) => nodeItem(c, state, go, chosen))) : null);
}

export function renderPlaces(container, state, answer, go) {
  const values = (answer.facets && answer.facets.location) || [];
  if (values.length === 0) {
    fill(container, h('p', { class: 'empty' }, 'No places.'));
    return;
  }
  const chosen = new Set(selected(state, 'location'));
  const tree = placeTree(values);
  const list = (nodes) => h('ul', { class: 'place-tree' }, nodes.map((n) => nodeItem(n, state, go, chosen)));
  fill(container, list(tree.slice(0, SHOWN)), tree.length > SHOWN ?
    h('details', { class: 'more' }, h('summary', {}, `${tree.length - SHOWN} more`), list(tree.slice(SHOWN))) : null);
}
