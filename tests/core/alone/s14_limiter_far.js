const {TrackClient} = require('customerio-node');
const Bottleneck = require('bottleneck');
const cio = new TrackClient(process.env.SITE, process.env.KEY);
const limiter = new Bottleneck({maxConcurrent: 5, minTime: 20});
const run = (fn) => limiter.schedule(fn);
async function importAll(users) {
  for (const u of users) await run(() => cio.identify(u.id, {email: u.email}));
}
module.exports = importAll;
