// Elements built from code: nothing is parsed from strings, so no value of a customer is ever read as HTML.

/** An element with attributes (on… are listeners, true is a bare attribute) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.slice(2), value);
        } else if (name === 'class') {
            element.className = value;
        } else if (name === 'value') {
            element.value = value;
        } else if (name === 'dataset') {
            Object.assign(element.dataset, value);
        } else {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        element.append(child instanceof Node ? child : String(child));
    }
}

/** Replaces what an element holds. */
export function show(element, ...children) {
    element.replaceChildren();
    append(element, children);
}

const dateTime = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'medium'});

/** An instant as a <time>: local and readable, the exact ISO value in its datetime attribute and title. */
export function time(iso) {
    if (!iso) {
        return '—';
    }
    return h('time', {datetime: iso, title: iso}, dateTime.format(new Date(iso)));
}

/** The value at a dotted path of a nested object. */
export function valueAt(object, path) {
    return path.split('.').reduce((node, key) => (node === null || node === undefined ? undefined : node[key]), object);
}

/** Sets a value at a dotted path, creating the objects on the way. */
export function setAt(object, path, value) {
    const keys = path.split('.');
    let node = object;
    for (const key of keys.slice(0, -1)) {
        node[key] ??= {};
        node = node[key];
    }
    node[keys.at(-1)] = value;
}

export function sleep(milliseconds) {
    return new Promise(resolve => setTimeout(resolve, milliseconds));
}

/** Says something to screen-reader users without moving their focus. */
export function announce(message) {
    const announcer = document.getElementById('announcer');
    announcer.textContent = '';
    setTimeout(() => { announcer.textContent = message; }, 50);
}

/** A customer's name as a person reads it, or a placeholder when it has none. */
export function displayName(customer) {
    const name = [customer?.first_name, customer?.last_name].filter(Boolean).join(' ');
    return name || '(no name)';
}

/** A loading, empty or error state, the same everywhere. */
export function notice(kind, text, ...more) {
    return h('div', {class: `state ${kind}`, role: kind === 'error' ? 'alert' : null}, h('p', {}, text), ...more);
}
