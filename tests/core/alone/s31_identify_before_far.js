const {TrackClient} = require('customerio-node');
const cio = new TrackClient(process.env.S, process.env.K);
async function ensure(u) { await cio.identify(u.id, {email: u.email}); }
async function purchase(u) {
  await ensure(u);
  await cio.track(u.id, {name: 'purchase'});
}
module.exports = purchase;
