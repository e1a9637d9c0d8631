import {TrackClient} from 'customerio-node';
import pLimit from 'p-limit';
const cio = new TrackClient(process.env.S!, process.env.K!);
const limit = pLimit(4);
export async function importAll(users: {id: string; email: string}[]) {
  await Promise.all(users.map((u) => limit(() => cio.identify(u.id, {email: u.email}))));
}
