import {TrackClient} from 'customerio-node';
export abstract class Base {
  protected abstract cio: TrackClient;
}
export class Impl extends Base {
  protected cio = new TrackClient(process.env.S!, process.env.K!);
  go(e: string) { return this.cio.identify(e, {created_at: Date.now()}); }
}
