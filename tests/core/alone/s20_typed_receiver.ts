import {TrackClient} from 'customerio-node';
interface Deps {
  tracker: TrackClient
}
export class SignupService {
  constructor(private cio: TrackClient) {}
  async run(email: string) { await this.cio.identify(email, {email, created_at: Date.now()}); }
}
export function viaDeps(d: Deps, email: string) { d.tracker.identify(email, {created_at: Date.now()}); }
