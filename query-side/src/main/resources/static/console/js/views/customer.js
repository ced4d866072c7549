import {ApiError, customerPath, get, remove} from '../api.js';
import {announce, displayName, h, notice, show, sleep, time, valueAt} from '../dom.js';
import {GROUPS, labelOf} from '../fields.js';
import {failureText} from './customers.js';

const EVENT_TITLES = {'customer.created': 'Created', 'customer.updated': 'Updated', 'customer.erased': 'Erased'};
const CONFIRMATION = 'erase';

/** A customer: the profile (now, or as of one of its events), its history, export and erasure. */
export async function customerPage(container, {hub, parameters, message, stillCurrent}) {
    const [id, version] = parameters;
    const heading = h('h1', {tabindex: '-1'}, version ? `Customer as of event ${version}` : 'Customer');
    const profile = h('div', {class: 'profile', 'aria-busy': 'true'}, notice('loading', 'Loading the customer…'));
    const history = h('div', {class: 'history', 'aria-busy': 'true'}, notice('loading', 'Loading the history…'));
    const actions = h('div', {class: 'actions'});
    show(container,
        h('p', {class: 'crumbs'}, h('a', {href: '#/customers'}, '← Customers')),
        h('div', {class: 'page-head'}, heading, actions),
        message ? h('p', {class: 'flash', role: 'status'}, message) : null,
        h('div', {class: 'customer-layout'},
            h('section', {'aria-labelledby': 'profile-heading'}, h('h2', {id: 'profile-heading'}, version ? 'Profile then' : 'Profile'), profile),
            h('section', {'aria-labelledby': 'history-heading'}, h('h2', {id: 'history-heading'}, 'History'), history)));

    let erased = false;

    async function loadProfile() {
        try {
            const customer = await get(version ? `${customerPath(id)}?version=${version}` : customerPath(id));
            if (!stillCurrent()) {
                return;
            }
            heading.textContent = version ? `${displayName(customer)} as of event ${version}` : displayName(customer);
            show(actions, version
                ? h('a', {class: 'button secondary', href: `#/customers/${id}`}, 'Back to the current profile')
                : [h('a', {class: 'button', href: `#/customers/${id}/edit`, id: 'edit-customer'}, 'Edit'),
                    h('button', {type: 'button', class: 'secondary', id: 'export-customer', onclick: () => exportCustomer(id, actions)}, 'Export'),
                    h('button', {type: 'button', class: 'danger', id: 'erase-customer', onclick: () => confirmErasure(hub, id, displayName(customer))}, 'Erase')]);
            show(profile, version ? h('p', {class: 'flash past', id: 'as-of-banner'}, `A past state: the customer after event ${version} of its history.`) : null,
                profileView(customer));
        } catch (failure) {
            if (!stillCurrent()) {
                return;
            }
            show(actions);
            if (failure instanceof ApiError && failure.status === 410) {
                erased = true;
                heading.textContent = 'Erased customer';
                show(profile, notice('empty', 'This customer was erased: nothing personal is held about them any more. Their history shows what happened, without the values.'));
            } else if (failure instanceof ApiError && failure.status === 404) {
                heading.textContent = 'Customer not found';
                show(profile, notice('error', 'There is no customer with this id in your company.', h('a', {href: '#/customers'}, 'Back to the customers')));
            } else {
                show(profile, notice('error', failureText(failure), h('button', {type: 'button', class: 'secondary', onclick: loadProfile}, 'Try again')));
            }
        } finally {
            profile.setAttribute('aria-busy', 'false');
        }
    }

    async function loadHistory() {
        try {
            const events = [];
            let path = `${customerPath(id)}/events?limit=100`;
            while (path) {
                const page = await get(path);
                events.push(...page.data);
                path = page.meta.links.find(link => link.rel === 'next')?.href || '';
            }
            if (!stillCurrent()) {
                return;
            }
            show(history, events.length === 0 ? notice('empty', 'No events.') : timeline(id, events, Number(version), erased));
        } catch (failure) {
            if (!stillCurrent()) {
                return;
            }
            if (failure instanceof ApiError && failure.status === 404) {
                show(history);
            } else {
                show(history, notice('error', failureText(failure), h('button', {type: 'button', class: 'secondary', onclick: loadHistory}, 'Try again')));
            }
        } finally {
            history.setAttribute('aria-busy', 'false');
        }
    }

    hub.onEvent(async event => {
        if (event.data.customer_id !== id || version) {
            return;
        }
        await sleep(300);
        await Promise.all([loadProfile(), loadHistory()]);
        announce(event.type === 'customer.erased' ? 'This customer was just erased.' : 'This customer just changed.');
    });

    await loadProfile();
    await loadHistory();
}

function profileView(customer) {
    return [
        h('dl', {class: 'facts'},
            h('dt', {}, 'Customer id'), h('dd', {class: 'mono', id: 'customer-id'}, customer.customer_id),
            h('dt', {}, 'Created'), h('dd', {}, time(customer.created)),
            h('dt', {}, 'Last updated'), h('dd', {}, time(customer.last_updated))),
        GROUPS.map(group => {
            const present = group.fields.filter(field => valueAt(customer, field.path) !== undefined && valueAt(customer, field.path) !== null);
            return h('div', {class: 'group'},
                h('h3', {}, group.title),
                present.length === 0 ? h('p', {class: 'muted'}, 'Nothing recorded.') :
                    h('dl', {class: 'facts'}, present.flatMap(field => [
                        h('dt', {}, field.label),
                        h('dd', {dataset: {field: field.path}}, shown(valueAt(customer, field.path)))])));
        })];
}

function shown(value) {
    if (value === null || value === undefined) {
        return h('span', {class: 'muted'}, '(none)');
    }
    if (typeof value === 'boolean') {
        return value ? 'yes' : 'no';
    }
    return String(value);
}

/** Newest event first, each with who, when, its request id and each field's old → new value. */
function timeline(id, events, current, erased) {
    return h('ol', {class: 'timeline', reversed: true},
        [...events].reverse().map(event => h('li', {class: `event ${event.type.replace('.', '-')}`, dataset: {sequence: event.sequence}},
            h('div', {class: 'event-head'},
                h('h3', {}, `${EVENT_TITLES[event.type] ?? event.type}`, h('span', {class: 'muted'}, ` · event ${event.sequence}`)),
                event.type !== 'customer.erased' && !erased && event.sequence !== current
                    ? h('a', {href: `#/customers/${id}/version/${event.sequence}`, class: 'as-of'}, 'View as of this event')
                    : event.sequence === current ? h('span', {class: 'badge'}, 'shown') : null),
            h('p', {class: 'event-meta'},
                time(event.occurred_at), ' · by app ', h('strong', {}, event.actor ?? 'unknown'),
                ' · request ', h('code', {}, event.request_id ?? '—')),
            changes(event))));
}

function changes(event) {
    const entries = Object.entries(event.changes ?? {});
    if (event.type === 'customer.erased') {
        return h('p', {class: 'erased-note'}, 'Every personal value of this customer was destroyed.');
    }
    if (entries.length === 0) {
        return null;
    }
    if (event.erased) {
        // the history keeps which fields changed; their values went with the customer's key
        return h('p', {class: 'erased-note'}, `Changed ${entries.map(([field]) => labelOf(field)).join(', ')}; the values were erased with the customer.`);
    }
    return h('table', {class: 'changes'},
        h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Field'), h('th', {scope: 'col'}, 'Before'), h('th', {scope: 'col'}, 'After'))),
        h('tbody', {}, entries.map(([field, change]) => h('tr', {dataset: {field}},
            h('th', {scope: 'row'}, labelOf(field)),
            h('td', {class: 'old'}, change.old === null || change.old === undefined ? shown(change.old) : h('del', {}, shown(change.old))),
            h('td', {class: 'new'}, shown(change.new))))));
}

/** The export as a file the browser saves: fetched with the token, handed over as a Blob. */
async function exportCustomer(id, actions) {
    const button = actions.querySelector('#export-customer');
    button.disabled = true;
    try {
        const document_ = await get(`${customerPath(id)}/export`);
        const file = new Blob([JSON.stringify(document_, null, 2)], {type: 'application/json'});
        const url = URL.createObjectURL(file);
        const link = h('a', {href: url, download: `customer-${id}.json`, class: 'visually-hidden'}, 'download');
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        announce('The export was downloaded.');
        button.dataset.exported = 'true';
    } catch (failure) {
        announce(`The export failed: ${failureText(failure)}`);
        window.alert(`The export failed: ${failureText(failure)}`);
    } finally {
        button.disabled = false;
    }
}

/** Erasure cannot be undone: the merchant types a word to confirm it. */
function confirmErasure(hub, id, name) {
    const input = h('input', {id: 'erase-confirmation', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off'});
    const status = h('div', {class: 'form-status', role: 'alert'});
    const erase = h('button', {type: 'submit', class: 'danger', id: 'confirm-erase', disabled: true}, 'Erase for good');
    const dialog = h('dialog', {class: 'confirm', 'aria-labelledby': 'erase-title'},
        h('form', {method: 'dialog', novalidate: true},
            h('h2', {id: 'erase-title'}, `Erase ${name}?`),
            h('p', {}, 'Every personal value of this customer is destroyed, in the profile and in its history. This cannot be undone.'),
            h('div', {class: 'field'},
                h('label', {for: 'erase-confirmation'}, `Type “${CONFIRMATION}” to confirm`),
                input),
            status,
            h('div', {class: 'actions'},
                erase,
                h('button', {type: 'button', class: 'secondary', onclick: () => dialog.close()}, 'Cancel'))));
    input.addEventListener('input', () => {
        erase.disabled = input.value.trim().toLowerCase() !== CONFIRMATION;
    });
    dialog.querySelector('form').addEventListener('submit', async event => {
        event.preventDefault();
        if (erase.disabled) {
            return;
        }
        erase.disabled = true;
        show(status, h('p', {class: 'muted'}, 'Erasing…'));
        try {
            await remove(customerPath(id));
            dialog.close();
            hub.go('#/customers', `${name} was erased.`);
        } catch (failure) {
            erase.disabled = false;
            show(status, h('p', {class: 'error'}, failureText(failure)));
        }
    });
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
}
