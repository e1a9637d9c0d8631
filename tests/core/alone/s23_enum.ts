import {TrackClient} from 'customerio-node';
enum Ev {
  Signup = 'UserSignedUp',
  Login = 'user-logged-in'
}
const cio = new TrackClient(process.env.S!, process.env.K!);
export function go(id: string, email: string) {
  cio.track(id, {name: Ev.Signup});
  cio.track(id, {name: `signup_${email}`});
}
