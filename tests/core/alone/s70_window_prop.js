import {TrackClient} from 'customerio-node';
export function init() { self.tracker = new TrackClient(process.env.S, process.env.K); }
export function onSignup(user) { self.tracker.identify(user.email, {created_at: Date.now()}); }
