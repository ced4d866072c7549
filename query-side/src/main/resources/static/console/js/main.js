// The console's shell: who is signed in, until when, the live stream, and which page the address names.

import {forgetToken, onRefused, post, useToken} from './api.js';
import {announce, h, show} from './dom.js';
import {follow} from './stream.js';
import {customerListPage} from './views/customers.js';
import {customerPage} from './views/customer.js';
import {editCustomerPage, newCustomerPage} from './views/customer-form.js';
import {signInPage} from './views/sign-in.js';
import {webhooksPage} from './views/webhooks.js';

const main = document.getElementById('main');
const top = document.getElementById('top');
const live = document.getElementById('live');

const session = {
    appId: null,
    expiry: null,
    stream: null,
    listeners: new Set(),
};

/** What the pages share: the signed-in app, live events, and going somewhere with a message. */
const hub = {
    get appId() {
        return session.appId;
    },
    /** Calls listener with each live event until the page changes. */
    onEvent(listener) {
        session.listeners.add(listener);
    },
    go(hash, message) {
        pending = message ?? null;
        if (location.hash === hash) {
            route();
        } else {
            location.hash = hash;
        }
    },
    async signIn(appId, appKey) {
        const answer = await post('/v1/login', {app_id: appId, app_key: appKey});
        useToken(answer.access_token);
        session.appId = appId;
        clearTimeout(session.expiry);
        // the API refuses the token from then on: leave a second early, since the token counts its expiry in
        // whole seconds, rather than let a request fail with it
        session.expiry = setTimeout(() => signOut('Your session expired. Sign in again to continue.'),
            Math.max(0, answer.expires_in * 1000 - 1000));
        document.getElementById('app-id').textContent = appId;
        top.hidden = false;
        session.stream = follow({
            onEvent: event => session.listeners.forEach(listener => listener(event)),
            onState: state => {
                live.dataset.state = state;
                live.textContent = {live: 'Live', reconnecting: 'Reconnecting…', off: 'Live updates off'}[state];
            },
        });
        const target = location.hash.startsWith('#/') && location.hash !== '#/sign-in' ? location.hash : '#/customers';
        hub.go(target, `Signed in as ${appId}.`);
    },
};

let pending = null;

function signOut(message) {
    if (!session.appId) {
        return;
    }
    forgetToken();
    clearTimeout(session.expiry);
    session.stream?.stop();
    session.stream = null;
    session.appId = null;
    top.hidden = true;
    document.getElementById('app-id').textContent = '';
    signedOutMessage = message;
    route();
}

let signedOutMessage = null;

onRefused(() => signOut('Your session expired or was ended by the service. Sign in again to continue.'));
document.getElementById('sign-out').addEventListener('click', () => signOut('You have signed out.'));

const ROUTES = [
    [/^#\/customers\/new$/, () => newCustomerPage],
    [/^#\/customers\/([^/?]+)\/edit$/, () => editCustomerPage],
    [/^#\/customers\/([^/?]+)\/version\/(\d+)$/, () => customerPage],
    [/^#\/customers\/([^/?]+)$/, () => customerPage],
    [/^#\/webhooks$/, () => webhooksPage],
    [/^#\/customers(?:\?(.*))?$/, () => customerListPage],
];

let generation = 0;

async function route() {
    const mine = ++generation;
    session.listeners.clear();
    const message = pending;
    pending = null;
    const container = h('div', {class: 'page'});
    show(main, container);
    if (!session.appId) {
        signInPage(container, {hub, message: signedOutMessage});
        signedOutMessage = null;
        document.title = 'Sign in · Customers Hub';
        return;
    }
    const hash = location.hash || '#/customers';
    let page = null;
    let parameters = [];
    for (const [pattern, view] of ROUTES) {
        const match = hash.match(pattern);
        if (match) {
            page = view();
            parameters = match.slice(1);
            break;
        }
    }
    for (const link of document.querySelectorAll('[data-nav]')) {
        const current = {customers: page === customerListPage, new: page === newCustomerPage, webhooks: page === webhooksPage}[link.dataset.nav];
        if (current) {
            link.setAttribute('aria-current', 'page');
        } else {
            link.removeAttribute('aria-current');
        }
    }
    if (!page) {
        show(container, h('h1', {tabindex: '-1'}, 'Page not found'), h('p', {}, h('a', {href: '#/customers'}, 'Back to the customers')));
        return;
    }
    const stillCurrent = () => mine === generation;
    await page(container, {hub, parameters, message, stillCurrent, hash});
    if (stillCurrent()) {
        const heading = container.querySelector('h1');
        document.title = `${heading?.textContent ?? 'Customers'} · Customers Hub`;
        heading?.focus({preventScroll: true});
        if (message) {
            announce(message);
        }
    }
}

window.addEventListener('hashchange', route);
route();
