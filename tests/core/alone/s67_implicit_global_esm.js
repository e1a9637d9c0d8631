import {TrackClient} from 'customerio-node';
export function init() { tracker = new TrackClient(process.env.S, process.env.K); }
export function onSignup(user) { tracker.identify(user.email, {created_at: Date.now()}); }
