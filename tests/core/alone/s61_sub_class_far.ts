import {TrackClient} from 'customerio-node';
export class Base {
  constructor(protected cio: TrackClient) {}
}
const helper = 1;
export class Child extends Base {
  go(e: string) { return this.cio.identify(e, {created_at: Date.now()}); }
}
