const sdk = require('customerio-node');
const {TrackClient, RegionEU} = sdk;
const opts = {
  region: RegionEU
};
const cio = new TrackClient(process.env.SITE, process.env.KEY, opts);
const unrelated = 1;
function handler(u) { cio.track(u.id, {name: 'Signed Up', data: {}}); }
module.exports = handler;
