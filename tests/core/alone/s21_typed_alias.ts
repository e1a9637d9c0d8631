import type {TrackClient} from 'customerio-node';
type T = TrackClient;
type Holder = {
  c: T
};
export function go(h: Holder, email: string) { h.c.identify(email, {created_at: Date.now()}); }
