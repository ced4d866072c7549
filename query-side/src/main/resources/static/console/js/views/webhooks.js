import {call, get, post, put} from '../api.js';
import {announce, h, notice, show, time} from '../dom.js';
import {failureText} from './customers.js';

const EVENT_TYPES = ['customer.created', 'customer.updated', 'customer.erased'];
/** The acquired format carries customer.created only; the API refuses a registration that asks it for more. */
const ACQUIRED_EVENTS = ['customer.created'];
const PAGE = 10;

/** The company's webhooks, newest first, each with its deliveries on demand, and the form that registers one. */
export async function webhooksPage(container, {stillCurrent}) {
    const head = h('div', {class: 'page-head'}, h('h1', {tabindex: '-1'}, 'Webhooks'));
    const intro = h('p', {class: 'muted intro'}, 'Every customer event of the company is sent, signed, to each enabled webhook, '
        + 'at least once and in order per customer; failed deliveries are retried for three days.');
    const top = h('div', {class: 'webhook-news'});
    const body = h('div', {class: 'results', 'aria-busy': 'true'}, notice('loading', 'Loading the webhooks…'));
    show(container, head, intro, top, body, newWebhookForm(registered));
    let offset = 0;

    /** The list at the current offset; a message (or the secret of a new webhook) above it until the next change. */
    async function load(news) {
        show(top, news ?? null);
        body.setAttribute('aria-busy', 'true');
        let page;
        try {
            page = await get(`/v1/webhooks?limit=${PAGE}&offset=${offset}`);
        } catch (failure) {
            if (!stillCurrent()) {
                return;
            }
            body.setAttribute('aria-busy', 'false');
            show(body, notice('error', failureText(failure), h('button', {type: 'button', class: 'secondary', onclick: () => load()}, 'Try again')));
            return;
        }
        if (!stillCurrent()) {
            return;
        }
        if (page.data.length === 0 && offset > 0) {
            // the last one of a later page was deleted: show the page before it
            offset = Math.max(0, offset - PAGE);
            return load(news);
        }
        body.setAttribute('aria-busy', 'false');
        const actions = {
            changed: message => load(h('p', {class: 'flash', role: 'status'}, message)),
        };
        show(body, page.data.length === 0
            ? notice('empty', 'No webhooks yet.', h('p', {class: 'muted'}, 'Add one below to have customer events sent to your endpoint.'))
            : [h('ul', {class: 'webhooks'}, page.data.map(hook => webhookItem(hook, actions))),
                pager(page.meta, 'webhooks', next => { offset = next; load(); })]);
    }

    function registered(webhook) {
        offset = 0;
        load(secretPanel(webhook));
        announce('Webhook added. Copy its signing secret now: it is not shown again.');
    }

    await load();
}

/** The one moment the secret is shown: the answer to the registration. */
function secretPanel(webhook) {
    const copied = h('span', {class: 'muted', role: 'status'});
    return h('div', {class: 'flash secret', id: 'webhook-secret-panel'},
        h('p', {}, h('strong', {}, 'Webhook added. '), 'Its signing secret is shown this once: keep it where your endpoint can read it.'),
        h('div', {class: 'secret-row'},
            h('code', {id: 'webhook-secret'}, webhook.secret),
            h('button', {type: 'button', class: 'secondary', onclick: async () => {
                try {
                    await navigator.clipboard.writeText(webhook.secret);
                    copied.textContent = 'Copied.';
                } catch (refused) {
                    copied.textContent = 'Select the secret and copy it.';
                }
            }}, 'Copy'),
            copied));
}

function webhookItem(hook, {changed}) {
    const deliveries = h('div', {class: 'delivery-panel', id: `deliveries-${hook.webhook_id}`, hidden: true});
    const status = h('div', {class: 'form-status', role: 'alert'});
    const toggle = h('button', {type: 'button', class: 'secondary show-deliveries', 'aria-expanded': 'false',
        'aria-controls': deliveries.id}, 'Show deliveries');
    const pages = {offset: 0};
    toggle.addEventListener('click', () => {
        const open = deliveries.hidden;
        deliveries.hidden = !open;
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? 'Hide deliveries' : 'Show deliveries';
        if (open) {
            loadDeliveries(hook, deliveries, pages);
        }
    });
    const enable = !hook.enabled;
    return h('li', {class: `card webhook${hook.enabled ? '' : ' off'}`, dataset: {webhookId: hook.webhook_id}},
        h('div', {class: 'webhook-head'},
            h('h2', {class: 'url'}, hook.url),
            h('span', {class: `badge ${hook.enabled ? 'on' : 'off'}`}, hook.enabled ? 'Enabled' : 'Disabled')),
        hook.description ? h('p', {class: 'description'}, hook.description) : null,
        h('dl', {class: 'webhook-facts'},
            h('dt', {}, 'Events'), h('dd', {}, hook.events.join(', ')),
            h('dt', {}, 'Format'), h('dd', {}, hook.format === 'acquired' ? 'Acquired (customer_new)' : 'Standard Webhooks'),
            h('dt', {}, 'Added'), h('dd', {}, time(hook.created))),
        hook.disabled_reason
            ? h('div', {class: 'state warning disabled-reason'},
                // the API's reason reads "disabled by the service: every delivery failed since …"
                h('p', {}, h('strong', {}, hook.disabled_reason.charAt(0).toUpperCase() + hook.disabled_reason.slice(1))),
                h('p', {class: 'muted'}, 'Events that occurred meanwhile are not sent. Enable it once the endpoint answers again.'))
            : !hook.enabled ? h('p', {class: 'muted'}, 'Disabled: nothing is sent to it, and events that occur meanwhile are not sent later.') : null,
        h('div', {class: 'actions'},
            toggle,
            h('button', {type: 'button', class: 'secondary toggle-enabled', onclick: async event => {
                const button = event.currentTarget;
                button.disabled = true;
                try {
                    await put(`/v1/webhooks/${hook.webhook_id}`, {enabled: enable});
                    changed(enable ? `The webhook to ${hook.url} was enabled.` : `The webhook to ${hook.url} was disabled.`);
                } catch (failure) {
                    button.disabled = false;
                    show(status, h('p', {class: 'error'}, failureText(failure)));
                }
            }}, enable ? 'Enable' : 'Disable'),
            h('button', {type: 'button', class: 'danger delete-webhook', onclick: () => confirmDelete(hook, changed)}, 'Delete')),
        status,
        deliveries);
}

function confirmDelete(hook, changed) {
    const status = h('div', {class: 'form-status', role: 'alert'});
    const confirm = h('button', {type: 'submit', class: 'danger', id: 'confirm-delete-webhook'}, 'Delete webhook');
    const dialog = h('dialog', {class: 'confirm', 'aria-labelledby': 'delete-webhook-title'},
        h('form', {method: 'dialog', novalidate: true},
            h('h2', {id: 'delete-webhook-title'}, 'Delete this webhook?'),
            h('p', {class: 'url'}, hook.url),
            h('p', {}, 'Nothing more is sent to it, and its deliveries are deleted with it.'),
            status,
            h('div', {class: 'actions'},
                confirm,
                h('button', {type: 'button', class: 'secondary', onclick: () => dialog.close()}, 'Cancel'))));
    dialog.querySelector('form').addEventListener('submit', async event => {
        event.preventDefault();
        confirm.disabled = true;
        try {
            await call('DELETE', `/v1/webhooks/${hook.webhook_id}`);
            dialog.close();
            changed(`The webhook to ${hook.url} was deleted.`);
        } catch (failure) {
            confirm.disabled = false;
            show(status, h('p', {class: 'error'}, failureText(failure)));
        }
    });
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    confirm.focus();
}

async function loadDeliveries(hook, into, pages) {
    into.setAttribute('aria-busy', 'true');
    if (!into.firstChild) {
        show(into, notice('loading', 'Loading deliveries…'));
    }
    let page;
    try {
        page = await get(`/v1/webhooks/${hook.webhook_id}/deliveries?limit=${PAGE}&offset=${pages.offset}`);
    } catch (failure) {
        into.setAttribute('aria-busy', 'false');
        show(into, notice('error', failureText(failure), h('button', {type: 'button', class: 'secondary', onclick: () => loadDeliveries(hook, into, pages)}, 'Try again')));
        return;
    }
    into.setAttribute('aria-busy', 'false');
    const reload = () => loadDeliveries(hook, into, pages);
    const status = h('div', {class: 'form-status', role: 'alert'});
    show(into,
        h('div', {class: 'deliveries-head'},
            h('h3', {}, 'Deliveries'),
            h('button', {type: 'button', class: 'secondary refresh-deliveries', onclick: reload}, 'Refresh')),
        status,
        page.data.length === 0
            ? notice('empty', 'No deliveries yet.', h('p', {class: 'muted'}, 'Events committed after the webhook was added appear here.'))
            : [h('table', {class: 'deliveries'},
                h('caption', {class: 'visually-hidden'}, `Deliveries to ${hook.url}, newest first`),
                h('thead', {}, h('tr', {}, ['Event', 'Status', 'Attempts', 'Last result', 'When', ''].map(title => h('th', {scope: 'col'}, title)))),
                h('tbody', {}, page.data.map(delivery => deliveryRow(hook, delivery, reload, status)))),
                pager(page.meta, 'deliveries', next => { pages.offset = next; reload(); })]);
}

function deliveryRow(hook, delivery, reload, status) {
    const when = delivery.status === 'delivered' ? ['Delivered ', time(delivery.delivered_at)]
        : delivery.status === 'pending' && delivery.next_attempt_at ? ['Next attempt ', time(delivery.next_attempt_at)]
            : ['Planned ', time(delivery.created)];
    // one element per cell: on a narrow screen a cell is a grid of its label and its content
    const cell = (label, className, ...content) => h('td', {'data-label': label, class: className}, h('span', {}, ...content));
    return h('tr', {dataset: {deliveryId: delivery.delivery_id, status: delivery.status}},
        cell('Event', null, h('span', {class: 'event-type'}, delivery.event_type),
            h('span', {class: 'muted'}, ' · ', h('a', {href: `#/customers/${delivery.customer_id}`}, 'customer'), ` · #${delivery.sequence}`)),
        cell('Status', null, h('span', {class: `badge ${delivery.status}`}, delivery.status)),
        cell('Attempts', 'attempts', String(delivery.attempts)),
        cell('Last result', 'result', delivery.last_error
            ? delivery.last_error
            : delivery.last_status_code != null ? `HTTP ${delivery.last_status_code}` : '—'),
        cell('When', null, when),
        h('td', {'data-label': '', class: 'row-actions'}, h('button', {type: 'button', class: 'secondary', onclick: async event => {
            const button = event.currentTarget;
            button.disabled = true;
            try {
                await post(`/v1/webhooks/${hook.webhook_id}/deliveries/${delivery.delivery_id}/retry`);
                reload();
            } catch (failure) {
                button.disabled = false;
                show(status, h('p', {class: 'error'}, failureText(failure)));
            }
        }}, delivery.status === 'pending' ? 'Retry now' : 'Send again')));
}

/** Previous and next by the API's own meta: offset, count and total. */
function pager(meta, what, go) {
    if (meta.total <= meta.count && meta.offset === 0) {
        return null;
    }
    const from = meta.total === 0 ? 0 : meta.offset + 1;
    const limit = Math.max(meta.limit ?? PAGE, 1);
    return h('nav', {class: 'pager', 'aria-label': `Pages of ${what}`},
        h('p', {class: 'muted'}, `${from}–${meta.offset + meta.count} of ${meta.total}`),
        h('ul', {},
            h('li', {}, h('button', {type: 'button', class: 'secondary', disabled: meta.offset === 0,
                onclick: () => go(Math.max(0, meta.offset - limit))}, 'Newer')),
            h('li', {}, h('button', {type: 'button', class: 'secondary', disabled: meta.offset + meta.count >= meta.total,
                onclick: () => go(meta.offset + limit)}, 'Older'))));
}

function newWebhookForm(registered) {
    const url = h('input', {id: 'webhook-url', type: 'url', required: true, autocomplete: 'off', spellcheck: 'false',
        placeholder: 'https://example.com/hooks', 'aria-describedby': 'webhook-url-hint'});
    const description = h('input', {id: 'webhook-description', maxlength: 500, autocomplete: 'off'});
    const format = h('select', {id: 'webhook-format', 'aria-describedby': 'webhook-format-hint'},
        h('option', {value: 'standard'}, 'Standard Webhooks'),
        h('option', {value: 'acquired'}, 'Acquired (customer.created only)'));
    const events = EVENT_TYPES.map(type => h('input', {type: 'checkbox', id: `webhook-${type.replace('.', '-')}`, value: type, checked: true}));
    const fields = {
        url: {input: url, error: h('p', {class: 'field-error', id: 'webhook-url-error', hidden: true})},
        description: {input: description, error: h('p', {class: 'field-error', id: 'webhook-description-error', hidden: true})},
        format: {input: format, error: h('p', {class: 'field-error', id: 'webhook-format-error', hidden: true})},
        events: {input: null, error: h('p', {class: 'field-error', id: 'webhook-events-error', hidden: true})},
    };
    const status = h('div', {class: 'form-status', role: 'alert'});
    const submit = h('button', {type: 'submit', id: 'add-webhook'}, 'Add webhook');
    format.addEventListener('change', () => {
        const acquired = format.value === 'acquired';
        for (const box of events) {
            box.disabled = acquired && !ACQUIRED_EVENTS.includes(box.value);
            box.checked = acquired ? ACQUIRED_EVENTS.includes(box.value) : true;
        }
    });
    const form = h('form', {class: 'card webhook-form', novalidate: true, 'aria-labelledby': 'add-webhook-title'},
        h('h2', {id: 'add-webhook-title'}, 'Add a webhook'),
        h('div', {class: 'field'}, h('label', {for: 'webhook-url'}, 'URL'), url,
            h('p', {class: 'hint', id: 'webhook-url-hint'}, 'Your endpoint; it must answer 2xx within 10 seconds.'), fields.url.error),
        h('div', {class: 'field-grid two'},
            h('div', {class: 'field'}, h('label', {for: 'webhook-description'}, 'Description (optional)'), description, fields.description.error),
            h('div', {class: 'field'}, h('label', {for: 'webhook-format'}, 'Format'), format,
                h('p', {class: 'hint', id: 'webhook-format-hint'}, 'Fixed once added.'), fields.format.error)),
        h('fieldset', {class: 'group', 'aria-describedby': 'webhook-events-error'}, h('legend', {}, 'Events'),
            h('div', {class: 'event-choices'}, events.map(box => h('div', {class: 'field checkbox'}, box, h('label', {for: box.id}, box.value)))),
            fields.events.error),
        status,
        h('div', {class: 'actions'}, submit));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        for (const field of Object.values(fields)) {
            field.error.hidden = true;
            field.input?.removeAttribute('aria-invalid');
        }
        show(status);
        const request = {url: url.value.trim(), format: format.value, events: events.filter(box => box.checked).map(box => box.value)};
        if (description.value.trim()) {
            request.description = description.value.trim();
        }
        submit.disabled = true;
        try {
            const created = await post('/v1/webhooks', request);
            form.reset();
            format.dispatchEvent(new Event('change'));
            registered(created);
        } catch (failure) {
            complain(failure, fields, status);
        } finally {
            submit.disabled = false;
        }
    });
    return form;
}

/** The API's complaints beside the fields they name (events.1 is the events group); the rest above the button. */
function complain(failure, fields, status) {
    const elsewhere = [];
    let first = null;
    for (const problem of failure.invalidParameters ?? []) {
        const field = fields[problem.parameter.split('.')[0]];
        if (!field) {
            elsewhere.push(`${problem.parameter}: ${problem.reason}`);
            continue;
        }
        field.error.textContent = field.error.hidden ? problem.reason : `${field.error.textContent}; ${problem.reason}`;
        field.error.hidden = false;
        if (field.input) {
            field.input.setAttribute('aria-invalid', 'true');
            field.input.setAttribute('aria-describedby', [field.input.getAttribute('aria-describedby'), field.error.id]
                .filter(Boolean).filter((id, i, all) => all.indexOf(id) === i).join(' '));
            first ??= field.input;
        }
    }
    if (elsewhere.length > 0 || (failure.invalidParameters ?? []).length === 0) {
        show(status, h('p', {class: 'error'}, elsewhere.length > 0 ? `${failure.message} ${elsewhere.join('; ')}` : failureText(failure)));
    }
    first?.focus();
}
