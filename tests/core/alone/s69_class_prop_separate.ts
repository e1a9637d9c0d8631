import {TrackClient} from 'customerio-node';
export class Registry {
  static tracker?: TrackClient;
}
export function boot() { Registry.tracker = new TrackClient(process.env.S!, process.env.K!); }
export function onSignup(email: string) { return Registry.tracker!.identify(email, {created_at: Date.now()}); }
