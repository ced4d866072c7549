import {ApiError, get} from '../api.js';
import {announce, displayName, h, notice, show, sleep, time} from '../dom.js';

/** The search parameters of GET /v1/customers, in the contract's order, as the filter form offers them. */
const FILTERS = [
    {name: 'email', label: 'Email', type: 'email'},
    {name: 'phone', label: 'Phone', type: 'tel'},
    {name: 'postcode', label: 'Postcode'},
    {name: 'first_name', label: 'First name'},
    {name: 'last_name', label: 'Last name'},
    {name: 'created_from', label: 'Created on or after', type: 'date'},
    {name: 'created_to', label: 'Created on or before', type: 'date'},
    {name: 'reference', label: 'Reference'},
];

const DAY = 24 * 60 * 60 * 1000;

/** Customers, newest first: the page the address names (the API's own query), a search box and filters. */
export async function customerListPage(container, {hub, parameters, message, stillCurrent}) {
    const query = new URLSearchParams(parameters[0] ?? '');
    const searched = [...query.keys()].some(key => key !== 'limit' && key !== 'offset');
    const results = h('div', {class: 'results', 'aria-live': 'polite', 'aria-busy': 'true'},
        notice('loading', 'Loading customers…'));
    show(container,
        h('div', {class: 'page-head'},
            h('h1', {tabindex: '-1'}, 'Customers'),
            h('a', {class: 'button', href: '#/customers/new'}, 'New customer')),
        message ? h('p', {class: 'flash', role: 'status'}, message) : null,
        searchForm(hub, query),
        results);

    const fresh = new Set();
    let shown = [];

    async function load() {
        const path = `/v1/customers?${apiQuery(query)}`;
        try {
            const page = await get(path);
            if (!stillCurrent()) {
                return;
            }
            shown = page.data.map(customer => customer.customer_id);
            results.setAttribute('aria-busy', 'false');
            show(results, page.data.length === 0
                ? notice('empty', searched ? 'No customer matches this search.' : 'No customers yet.',
                    searched ? h('a', {href: '#/customers'}, 'Clear the search') : h('a', {href: '#/customers/new'}, 'Create the first one'))
                : [table(page.data, fresh), pager(page.meta)]);
        } catch (failure) {
            if (!stillCurrent()) {
                return;
            }
            results.setAttribute('aria-busy', 'false');
            show(results, notice('error', failureText(failure), h('button', {type: 'button', class: 'secondary', onclick: load}, 'Try again')));
        }
    }

    // customers created or changed elsewhere: show the page again; the read model may trail the stream by a
    // moment, so a page that does not show a new customer yet is asked again a few times
    let refreshing = null;
    hub.onEvent(async event => {
        fresh.add(event.data.customer_id);
        if (refreshing) {
            return;
        }
        refreshing = (async () => {
            await sleep(150);
            for (let attempt = 0; attempt < 6 && stillCurrent(); attempt++) {
                await load();
                const expected = event.type !== 'customer.created' || searched || Number(query.get('offset') ?? 0) > 0;
                if (expected || shown.includes(event.data.customer_id)) {
                    break;
                }
                await sleep(400);
            }
            refreshing = null;
            if (event.type === 'customer.created') {
                announce('A new customer was added.');
            }
        })();
    });

    await load();
}

/** The API's query from the address: every parameter but limit and offset goes through as given; dates become instants. */
function apiQuery(query) {
    const api = new URLSearchParams();
    for (const [name, value] of query) {
        if (name === 'created_from' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
            api.append(name, new Date(`${value}T00:00:00`).toISOString());
        } else if (name === 'created_to' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
            // "on or before" the day: the API's bound is exclusive, so the next local midnight
            api.append(name, new Date(new Date(`${value}T00:00:00`).getTime() + DAY).toISOString());
        } else {
            api.append(name, value);
        }
    }
    return api.toString();
}

function searchForm(hub, query) {
    const q = h('input', {id: 'search-q', name: 'q', type: 'search', value: query.get('q') ?? '',
        placeholder: 'Name, email, reference, postcode, city…', autocomplete: 'off', spellcheck: 'false'});
    const inputs = FILTERS.map(filter => h('input', {id: `filter-${filter.name}`, name: filter.name,
        type: filter.type ?? 'text', value: query.get(filter.name) ?? '', autocomplete: 'off'}));
    const filtered = FILTERS.some(filter => query.get(filter.name));
    const form = h('form', {class: 'search', role: 'search', novalidate: true},
        h('div', {class: 'search-row'},
            h('label', {for: 'search-q', class: 'visually-hidden'}, 'Search customers'),
            q,
            h('button', {type: 'submit'}, 'Search')),
        h('details', {class: 'filters', open: filtered},
            h('summary', {}, 'Filters'),
            h('div', {class: 'filter-grid'},
                FILTERS.map((filter, i) => h('div', {class: 'field'},
                    h('label', {for: `filter-${filter.name}`}, filter.label), inputs[i]))),
            h('div', {class: 'actions'},
                h('button', {type: 'submit'}, 'Apply filters'),
                h('a', {class: 'button secondary', href: '#/customers'}, 'Clear'))));
    form.addEventListener('submit', event => {
        event.preventDefault();
        const next = new URLSearchParams();
        if (query.get('limit')) {
            next.set('limit', query.get('limit'));
        }
        for (const input of [q, ...inputs]) {
            if (input.value.trim()) {
                next.set(input.name, input.value.trim());
            }
        }
        const text = next.toString();
        hub.go(text ? `#/customers?${text}` : '#/customers');
    });
    return form;
}

function table(customers, fresh) {
    return h('table', {class: 'customers'},
        h('caption', {class: 'visually-hidden'}, 'Customers, newest first'),
        h('thead', {}, h('tr', {},
            h('th', {scope: 'col'}, 'Name'),
            h('th', {scope: 'col'}, 'Email'),
            h('th', {scope: 'col'}, 'Reference'),
            h('th', {scope: 'col'}, 'City'),
            h('th', {scope: 'col'}, 'Created'))),
        h('tbody', {}, customers.map(customer => h('tr', {class: fresh.has(customer.customer_id) ? 'fresh' : null,
                dataset: {customerId: customer.customer_id}},
            h('td', {'data-label': 'Name'}, h('a', {href: `#/customers/${customer.customer_id}`}, displayName(customer))),
            cell('Email', customer.email ?? customer.billing?.email ?? customer.shipping?.email),
            cell('Reference', customer.reference),
            cell('City', [customer.billing?.address?.city, customer.billing?.address?.postcode].filter(Boolean).join(' ')),
            h('td', {'data-label': 'Created'}, time(customer.created))))));
}

/** A cell of the list; an empty one shows a dash, and on a narrow screen not at all. */
function cell(label, value) {
    return value ? h('td', {'data-label': label}, value) : h('td', {'data-label': label, class: 'none'}, '—');
}

/** Paging by the API's own links: meta.links holds first, prev, next and last; an empty href does not exist. */
function pager(meta) {
    const link = rel => meta.links.find(candidate => candidate.rel === rel)?.href ?? '';
    const to = href => `#/customers?${href.slice(href.indexOf('?') + 1)}`;
    const item = (rel, text) => {
        const href = link(rel);
        return h('li', {}, href && href !== link('self')
            ? h('a', {class: 'button secondary', href: to(href), rel: rel === 'prev' || rel === 'next' ? rel : null}, text)
            : h('span', {class: 'button secondary', 'aria-disabled': 'true'}, text));
    };
    const from = meta.total === 0 ? 0 : meta.offset + 1;
    return h('nav', {class: 'pager', 'aria-label': 'Pages'},
        h('p', {class: 'muted', id: 'page-summary'}, `${from}–${meta.offset + meta.count} of ${meta.total}`),
        h('ul', {}, item('first', 'First'), item('prev', 'Previous'), item('next', 'Next'), item('last', 'Last')));
}

export function failureText(failure) {
    if (failure instanceof ApiError) {
        if (failure.invalidParameters.length > 0) {
            return `${failure.message} ${failure.invalidParameters.map(p => `${p.parameter}: ${p.reason}`).join('; ')}`;
        }
        return failure.status === 0 ? failure.message : `${failure.message} (${failure.status})`;
    }
    return 'Something went wrong. Try again.';
}
