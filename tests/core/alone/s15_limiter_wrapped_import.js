const {TrackClient} = require('customerio-node');
const {throttle} = require('./throttle');
const cio = new TrackClient(process.env.SITE, process.env.KEY);
const limited = throttle(10);
async function importAll(users) {
  for (const u of users) {
    await limited();
    await cio.identify(u.id, {email: u.email});
  }
}
module.exports = importAll;
