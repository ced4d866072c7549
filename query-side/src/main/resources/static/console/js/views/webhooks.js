import {ApiError, call, get, post, put} from '../api.js';
import {h, notice, show, time} from '../dom.js';
import {failureText} from './customers.js';

const EVENT_TYPES = ['customer.created', 'customer.updated', 'customer.erased'];

/** Webhooks and their deliveries, where the service offers them (a 404 on /v1/webhooks says it does not). */
export async function webhooksPage(container, {stillCurrent}) {
    const body = h('div', {'aria-busy': 'true'}, notice('loading', 'Loading the webhooks…'));
    show(container, h('h1', {tabindex: '-1'}, 'Webhooks'), body);

    async function load(message) {
        let page;
        try {
            page = await get('/v1/webhooks');
        } catch (failure) {
            if (!stillCurrent()) {
                return;
            }
            body.setAttribute('aria-busy', 'false');
            show(body, failure instanceof ApiError && (failure.status === 404 || failure.status === 405)
                ? notice('unavailable', 'Webhooks are not available on this service yet.', h('p', {class: 'muted'}, 'Customers and their history work as usual; this page lights up once the service offers webhooks.'))
                : notice('error', failureText(failure), h('button', {type: 'button', class: 'secondary', onclick: () => load()}, 'Try again')));
            return;
        }
        if (!stillCurrent()) {
            return;
        }
        body.setAttribute('aria-busy', 'false');
        const hooks = page?.data ?? [];
        show(body,
            message ? h('div', {class: 'flash', role: 'status'}, message) : null,
            hooks.length === 0 ? notice('empty', 'No webhooks yet.') : h('ul', {class: 'webhooks'}, hooks.map(hook => webhookItem(hook, load))),
            newWebhookForm(load));
    }
    await load();
}

function webhookItem(hook, reload) {
    const deliveries = h('div', {class: 'deliveries'});
    return h('li', {class: 'card', dataset: {webhookId: hook.webhook_id}},
        h('h2', {class: 'url'}, hook.url),
        hook.description ? h('p', {}, hook.description) : null,
        h('p', {class: 'muted'}, `${hook.format ?? 'standard'} · ${(hook.events ?? []).join(', ')} · ${hook.enabled === false ? 'disabled' : 'enabled'}`),
        h('div', {class: 'actions'},
            h('button', {type: 'button', class: 'secondary', onclick: () => loadDeliveries(hook, deliveries)}, 'Show deliveries'),
            h('button', {type: 'button', class: 'secondary', onclick: async () => {
                try {
                    await put(`/v1/webhooks/${hook.webhook_id}`, {enabled: hook.enabled === false});
                    reload();
                } catch (failure) {
                    show(deliveries, notice('error', failureText(failure)));
                }
            }}, hook.enabled === false ? 'Enable' : 'Disable'),
            h('button', {type: 'button', class: 'danger', onclick: async () => {
                if (!window.confirm(`Delete the webhook to ${hook.url}?`)) {
                    return;
                }
                try {
                    await call('DELETE', `/v1/webhooks/${hook.webhook_id}`);
                    reload('The webhook was deleted.');
                } catch (failure) {
                    show(deliveries, notice('error', failureText(failure)));
                }
            }}, 'Delete')),
        deliveries);
}

async function loadDeliveries(hook, into) {
    show(into, notice('loading', 'Loading deliveries…'));
    try {
        const page = await get(`/v1/webhooks/${hook.webhook_id}/deliveries`);
        const rows = page?.data ?? [];
        show(into, rows.length === 0 ? notice('empty', 'No deliveries yet.') : h('table', {class: 'changes'},
            h('thead', {}, h('tr', {}, ['Event', 'Status', 'Attempts', 'Last result', 'Next attempt', ''].map(title => h('th', {scope: 'col'}, title)))),
            h('tbody', {}, rows.map(delivery => h('tr', {},
                h('td', {}, delivery.event_type ?? '—', delivery.customer_id
                    ? [' · ', h('a', {href: `#/customers/${delivery.customer_id}`}, 'customer')] : null),
                h('td', {}, delivery.status ?? '—'),
                h('td', {}, String(delivery.attempts ?? 0)),
                h('td', {}, delivery.last_status_code ? `HTTP ${delivery.last_status_code}` : delivery.last_error ?? '—'),
                h('td', {}, delivery.next_attempt_at && delivery.status === 'pending' ? time(delivery.next_attempt_at) : '—'),
                h('td', {}, h('button', {type: 'button', class: 'secondary', onclick: async () => {
                    try {
                        await post(`/v1/webhooks/${hook.webhook_id}/deliveries/${delivery.delivery_id}/retry`);
                        loadDeliveries(hook, into);
                    } catch (failure) {
                        show(into, notice('error', failureText(failure)));
                    }
                }}, 'Retry now')))))));
    } catch (failure) {
        show(into, notice('error', failureText(failure)));
    }
}

function newWebhookForm(reload) {
    const url = h('input', {id: 'webhook-url', type: 'url', required: true, placeholder: 'https://example.com/hooks/customers'});
    const description = h('input', {id: 'webhook-description'});
    const format = h('select', {id: 'webhook-format'}, h('option', {value: 'standard'}, 'Standard Webhooks'), h('option', {value: 'acquired'}, 'Acquired (customer.created only)'));
    const events = EVENT_TYPES.map(type => h('input', {type: 'checkbox', id: `webhook-${type}`, value: type, checked: true}));
    const status = h('div', {class: 'form-status', role: 'alert'});
    const form = h('form', {class: 'card', novalidate: true},
        h('h2', {}, 'Add a webhook'),
        h('div', {class: 'field'}, h('label', {for: 'webhook-url'}, 'URL'), url),
        h('div', {class: 'field'}, h('label', {for: 'webhook-description'}, 'Description'), description),
        h('div', {class: 'field'}, h('label', {for: 'webhook-format'}, 'Format'), format),
        h('fieldset', {class: 'group'}, h('legend', {}, 'Events'),
            events.map(box => h('div', {class: 'field checkbox'}, box, h('label', {for: box.id}, box.value)))),
        status,
        h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Add webhook')));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const request = {url: url.value.trim(), format: format.value, events: events.filter(box => box.checked).map(box => box.value)};
        if (description.value.trim()) {
            request.description = description.value.trim();
        }
        try {
            const created = await post('/v1/webhooks', request);
            reload(h('span', {}, 'Webhook added. Its signing secret, shown this once: ', h('code', {}, created.secret ?? '—')));
        } catch (failure) {
            show(status, h('p', {class: 'error'}, failureText(failure)));
        }
    });
    return form;
}
