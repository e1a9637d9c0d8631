import CIO = require('customerio-node');
const client = new CIO.TrackClient(process.env.S!, process.env.K!);
export function go(email: string) { client.identify(email, {created_at: Date.now()}); }
