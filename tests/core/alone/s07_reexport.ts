import {Client} from './self';

export {TrackClient as Client} from 'customerio-node';

const c = new Client('site', 'key');
export function go(email: string) { c.identify(email, {created_at: Date.now()}); }
