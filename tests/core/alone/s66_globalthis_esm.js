import {TrackClient} from 'customerio-node';
export function init() { globalThis.cio = new TrackClient(process.env.S, process.env.K); }
export function onSignup(user) { globalThis.cio.identify(user.email, {created_at: Date.now()}); }
