import {ApiError, customerPath, get, post, put} from '../api.js';
import {displayName, h, notice, setAt, show, valueAt} from '../dom.js';
import {GROUPS, inputId, labelOf} from '../fields.js';
import {failureText} from './customers.js';

const DUPLICATE_REASONS = {email: 'same email', phone: 'same phone', name_dob: 'same name and date of birth', name_postcode: 'same name and postcode'};

/** The fields of a customer as inputs, each with its label, its hint and a place for the API's complaint. */
function fieldset(customer) {
    return GROUPS.map(group => h('fieldset', {class: 'group'},
        h('legend', {}, group.title),
        h('div', {class: 'field-grid'}, group.fields.map(field => {
            const id = inputId(field.path);
            const value = valueAt(customer, field.path);
            const problem = h('p', {class: 'field-error', id: `${id}-error`, hidden: true});
            const hint = field.hint ? h('p', {class: 'hint', id: `${id}-hint`}, field.hint) : null;
            const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
            if (field.type === 'checkbox') {
                return h('div', {class: 'field checkbox wide'},
                    h('input', {id, type: 'checkbox', name: field.path, checked: value === true, 'aria-describedby': described}),
                    h('label', {for: id}, field.label), problem);
            }
            return h('div', {class: `field${field.wide ? ' wide' : ''}`},
                h('label', {for: id}, field.label),
                h('input', {id, name: field.path, type: field.type ?? 'text', value: value ?? '', autocomplete: field.autocomplete ?? 'off',
                    inputmode: field.inputmode, spellcheck: 'false', 'aria-describedby': described}),
                hint, problem);
        }))));
}

function inputs(form) {
    return [...form.querySelectorAll('input[name]')];
}

function valueOf(input) {
    return input.type === 'checkbox' ? input.checked : input.value;
}

/** Clears the previous complaints and shows the API's invalid_parameters next to their fields (others in the summary). */
function showProblems(form, summary, failure) {
    for (const input of inputs(form)) {
        input.removeAttribute('aria-invalid');
        const problem = form.querySelector(`#${input.id}-error`);
        problem.hidden = true;
        problem.textContent = '';
    }
    if (!failure) {
        show(summary);
        return;
    }
    let first = null;
    for (const invalid of failure.invalidParameters ?? []) {
        const input = form.querySelector(`#${inputId(invalid.parameter)}`);
        if (!input) {
            continue;
        }
        input.setAttribute('aria-invalid', 'true');
        const problem = form.querySelector(`#${input.id}-error`);
        problem.textContent = problem.textContent ? `${problem.textContent}; ${invalid.reason}` : invalid.reason;
        problem.hidden = false;
        first ??= input;
    }
    const count = (failure.invalidParameters ?? []).length;
    show(summary, h('div', {class: 'state error', role: 'alert', id: 'form-errors'},
        h('p', {}, count > 0 ? `${count === 1 ? 'One field needs' : `${count} fields need`} attention.` : failureText(failure)),
        count > 0 ? h('ul', {}, failure.invalidParameters.map(invalid => h('li', {}, `${labelOf(invalid.parameter)}: ${invalid.reason}`))) : null));
    (first ?? summary).focus?.();
}

/** Edit: a partial update carrying only the fields that changed; a field emptied is cleared (null). */
export async function editCustomerPage(container, {hub, parameters, stillCurrent}) {
    const [id] = parameters;
    const heading = h('h1', {tabindex: '-1'}, 'Edit customer');
    const body = h('div', {}, notice('loading', 'Loading the customer…'));
    show(container, h('p', {class: 'crumbs'}, h('a', {href: `#/customers/${id}`}, '← Back to the customer')), heading, body);
    let customer;
    try {
        customer = await get(customerPath(id));
    } catch (failure) {
        if (stillCurrent()) {
            show(body, notice('error', failure instanceof ApiError && failure.status === 410 ? 'This customer was erased.' : failureText(failure)));
        }
        return;
    }
    if (!stillCurrent()) {
        return;
    }
    heading.textContent = `Edit ${displayName(customer)}`;
    const summary = h('div', {tabindex: '-1', class: 'form-status'});
    const save = h('button', {type: 'submit', id: 'save-customer'}, 'Save changes');
    const form = h('form', {class: 'customer-form', novalidate: true}, summary, fieldset(customer),
        h('div', {class: 'actions sticky'}, save, h('a', {class: 'button secondary', href: `#/customers/${id}`}, 'Cancel')));
    show(body, form);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const patch = {};
        let changed = 0;
        for (const input of inputs(form)) {
            const before = valueAt(customer, input.name);
            const now = valueOf(input);
            if (input.type === 'checkbox' ? now !== (before === true) : now !== String(before ?? '')) {
                setAt(patch, input.name, input.type === 'checkbox' ? now : now === '' ? null : now);
                changed++;
            }
        }
        if (changed === 0) {
            show(summary, h('p', {class: 'muted', role: 'status'}, 'Nothing has changed.'));
            return;
        }
        save.disabled = true;
        try {
            await put(customerPath(id), patch);
            hub.go(`#/customers/${id}`, 'Changes saved.');
        } catch (failure) {
            save.disabled = false;
            showProblems(form, summary, failure);
        }
    });
}

/** New customer: the API's duplicate check runs while the merchant types, before anything is created. */
export async function newCustomerPage(container, {hub, stillCurrent}) {
    const summary = h('div', {tabindex: '-1', class: 'form-status'});
    const duplicates = h('div', {class: 'duplicates', id: 'duplicates', 'aria-live': 'polite'});
    const create = h('button', {type: 'submit', id: 'create-customer'}, 'Create customer');
    const form = h('form', {class: 'customer-form', novalidate: true}, summary, duplicates, fieldset({}),
        h('div', {class: 'actions sticky'}, create, h('a', {class: 'button secondary', href: '#/customers'}, 'Cancel')));
    show(container, h('p', {class: 'crumbs'}, h('a', {href: '#/customers'}, '← Customers')),
        h('h1', {tabindex: '-1'}, 'New customer'), form);

    const draft = () => {
        const body = {};
        for (const input of inputs(form)) {
            const value = valueOf(input);
            if (value !== '' && value !== false) {
                setAt(body, input.name, value);
            }
        }
        return body;
    };

    let timer = null;
    let asked = 0;
    form.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(() => checkDuplicates(++asked), 400);
    });

    async function checkDuplicates(mine) {
        const body = draft();
        if (Object.keys(body).length === 0) {
            show(duplicates);
            return;
        }
        let answer;
        try {
            answer = await post('/v1/customers/duplicates', body);
        } catch (failure) {
            // a half-typed value the API refuses, or a service without the check: no warning to give
            if (mine === asked && stillCurrent()) {
                show(duplicates);
            }
            return;
        }
        if (mine !== asked || !stillCurrent()) {
            return;
        }
        if (answer.data.length === 0) {
            show(duplicates);
            return;
        }
        const named = await Promise.all(answer.data.slice(0, 5).map(async match => {
            try {
                return {...match, customer: await get(`${customerPath(match.customer_id)}?filter=first_name%2Clast_name%2Cemail%2Creference`)};
            } catch (failure) {
                return {...match, customer: null};
            }
        }));
        if (mine !== asked || !stillCurrent()) {
            return;
        }
        show(duplicates, h('div', {class: 'state warning'},
            h('p', {}, h('strong', {}, answer.data.length === 1 ? 'This may be a customer you already have:' : `This may be one of ${answer.data.length} customers you already have:`)),
            h('ul', {}, named.map(match => h('li', {class: 'duplicate', dataset: {customerId: match.customer_id}},
                h('a', {href: `#/customers/${match.customer_id}`}, match.customer ? displayName(match.customer) : match.customer_id),
                match.customer?.email ? ` (${match.customer.email})` : '',
                ` — ${match.reasons.map(reason => DUPLICATE_REASONS[reason] ?? reason).join(', ')}`,
                h('span', {class: 'muted'}, ` · match ${Math.round(match.score * 100)}%`))))));
    }

    form.addEventListener('submit', async event => {
        event.preventDefault();
        create.disabled = true;
        try {
            const created = await post('/v1/customers', draft());
            hub.go(`#/customers/${created.customer_id}`, 'Customer created.');
        } catch (failure) {
            create.disabled = false;
            showProblems(form, summary, failure);
        }
    });
    form.querySelector('input').focus();
}
