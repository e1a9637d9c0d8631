import {TrackClient} from 'customerio-node';
declare global { var tracker: TrackClient; }
globalThis.tracker = new TrackClient('x', 'y');
export function go(email: string) { tracker.identify(email, {created_at: Date.now()}); }
