import {TrackClient} from 'customerio-node';
namespace Tracking {
  export const client = new TrackClient('a', 'b');
}
export function go(email: string) { Tracking.client.identify(email, {created_at: Date.now()}); }
