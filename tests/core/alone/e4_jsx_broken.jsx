import { TrackClient } from 'customerio-node';
const tracker = new TrackClient(process.env.S, process.env.K);
export function View() { return <div>
export function go(u) { return tracker.identify(u.email, { created_at: Date.now() }); }
