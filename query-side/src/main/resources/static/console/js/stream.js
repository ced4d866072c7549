// The event stream (/v1/events/stream). EventSource cannot send an Authorization header, so the stream is read
// with fetch() and parsed here as Server-Sent Events; after a drop it resumes from the last id it saw.

import {bearer, refused} from './api.js';
import {sleep} from './dom.js';

/** Reads the stream until stopped; calls onEvent with each event and onState with 'live', 'reconnecting' or 'off'. */
export function follow({onEvent, onState}) {
    const abort = new AbortController();
    let lastEventId = null;
    let stopped = false;

    async function run() {
        let wait = 1000;
        while (!stopped) {
            try {
                const headers = {Accept: 'text/event-stream', Authorization: bearer()};
                if (lastEventId) {
                    headers['Last-Event-ID'] = lastEventId;
                }
                const response = await fetch('/v1/events/stream', {headers, signal: abort.signal, cache: 'no-store'});
                if (response.status === 401) {
                    refused();
                    return;
                }
                if (response.ok) {
                    onState('live');
                    wait = 1000;
                    await readEvents(response.body, event => {
                        if (event.id) {
                            lastEventId = event.id;
                        }
                        onEvent(event);
                    });
                } else {
                    const retryAfter = Number(response.headers.get('Retry-After'));
                    wait = retryAfter > 0 ? retryAfter * 1000 : wait;
                }
            } catch (dropped) {
                // the connection went away (or we stopped): try again below unless stopped
            }
            if (stopped) {
                return;
            }
            onState('reconnecting');
            await sleep(wait);
            wait = Math.min(wait * 2, 15000);
        }
    }

    run();
    return {
        stop() {
            stopped = true;
            abort.abort();
            onState('off');
        }
    };
}

/** Server-Sent Events as the HTML standard parses them: fields per line, a blank line dispatches. */
async function readEvents(body, dispatch) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = {id: null, type: 'message', data: []};
    for (;;) {
        const {value, done} = await reader.read();
        if (done) {
            return;
        }
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, end).replace(/\r$/, '');
            buffer = buffer.slice(end + 1);
            if (line === '') {
                if (event.data.length > 0) {
                    dispatch({id: event.id, type: event.type, data: JSON.parse(event.data.join('\n'))});
                }
                event = {id: event.id, type: 'message', data: []};
                continue;
            }
            if (line.startsWith(':')) {
                continue;
            }
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'data') {
                event.data.push(text);
            } else if (field === 'event') {
                event.type = text;
            } else if (field === 'id') {
                event.id = text;
            }
        }
    }
}
