import {ApiError} from '../api.js';
import {h, show} from '../dom.js';

export function signInPage(container, {hub, message}) {
    const status = h('div', {class: 'form-status', id: 'sign-in-status', role: 'alert'});
    const appId = h('input', {id: 'app-id-input', name: 'app_id', autocomplete: 'username', required: true,
        maxlength: '64', spellcheck: 'false', autocapitalize: 'off'});
    const appKey = h('input', {id: 'app-key-input', name: 'app_key', type: 'password', autocomplete: 'current-password',
        required: true, maxlength: '256'});
    const submit = h('button', {type: 'submit'}, 'Sign in');
    const form = h('form', {class: 'sign-in', novalidate: true, 'aria-describedby': 'sign-in-status'},
        h('div', {class: 'field'}, h('label', {for: 'app-id-input'}, 'App id'), appId),
        h('div', {class: 'field'}, h('label', {for: 'app-key-input'}, 'App key'), appKey),
        status,
        submit);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        if (!appId.value.trim() || !appKey.value) {
            show(status, h('p', {class: 'error'}, 'Enter the app id and the app key.'));
            (appId.value.trim() ? appKey : appId).focus();
            return;
        }
        submit.disabled = true;
        show(status, h('p', {class: 'muted'}, 'Signing in…'));
        try {
            await hub.signIn(appId.value.trim(), appKey.value);
        } catch (failure) {
            submit.disabled = false;
            appKey.value = '';
            show(status, h('p', {class: 'error'}, reason(failure)));
            appKey.focus();
        }
    });
    show(container,
        h('section', {class: 'card narrow'},
            h('h1', {tabindex: '-1'}, 'Sign in to the Customers Hub'),
            message ? h('p', {class: 'flash', id: 'signed-out-message', role: 'status'}, message) : null,
            h('p', {class: 'muted'}, 'Use the app id and app key your company was given for the Customers API.'),
            form));
    appId.focus();
}

function reason(failure) {
    if (!(failure instanceof ApiError)) {
        return 'Signing in failed. Try again.';
    }
    switch (failure.status) {
        case 401: return 'That app id and key were not accepted. Check them and try again.';
        case 429: return 'Too many attempts. Wait a little, then try again.';
        case 400: return 'The app id and key do not have the expected form.';
        case 0: return failure.message;
        default: return `Signing in failed (${failure.status}). Try again later.`;
    }
}
