import {TrackClient} from 'customerio-node';
class Tracking {
  static client = new TrackClient(process.env.SITE!, process.env.KEY!);
}
export function onSignup(email: string) { Tracking.client.identify(email, {email, created_at: Date.now()}); }
