import {TrackClient} from 'customerio-node';
module Legacy { export const c = new TrackClient('s', 'k'); }
export const go = (e: string) => Legacy.c.identify(e, {created_at: Date.now()});
