// The public API, called with the bearer token of the signed-in app. The token lives in this module's memory
// only: never in a URL, a cookie or web storage, so it is gone when the page is closed or reloaded.

let token = null;
let whenRefused = () => {};

/** An answer other than 2xx, in the API's error shape (status 0: the service could not be reached). */
export class ApiError extends Error {
    constructor(status, body) {
        super(body?.title ?? `The service answered ${status}.`);
        this.status = status;
        this.body = body;
        this.invalidParameters = body?.invalid_parameters ?? [];
    }
}

export function useToken(accessToken) {
    token = accessToken;
}

export function forgetToken() {
    token = null;
}

export function bearer() {
    return token ? `Bearer ${token}` : null;
}

/** What to do when the API refuses the token (expired, or its key was rotated out): sign out. */
export function onRefused(handler) {
    whenRefused = handler;
}

export function refused() {
    whenRefused();
}

/** A JSON request; resolves to the parsed body, or throws an {@link ApiError}. */
export async function call(method, path, body) {
    const headers = {Accept: 'application/json'};
    const authorization = bearer();
    if (authorization && path !== '/v1/login') {
        headers.Authorization = authorization;
    }
    const init = {method, headers, cache: 'no-store'};
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    let response;
    try {
        response = await fetch(path, init);
    } catch (unreachable) {
        throw new ApiError(0, {title: 'The service cannot be reached. Check the connection and try again.'});
    }
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch (notJson) {
        json = null;
    }
    if (response.status === 401 && authorization && path !== '/v1/login') {
        refused();
    }
    if (!response.ok) {
        throw new ApiError(response.status, json);
    }
    return json;
}

export const get = path => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);
export const remove = path => call('DELETE', path);

export function customerPath(id) {
    return `/v1/customers/${encodeURIComponent(id)}`;
}
