const {TrackClient} = require('customerio-node');
const tracker = new TrackClient(process.env.S, process.env.K);
const helper = (a) => a + function go(u) {
  return tracker.identify(u.email, {created_at: Date.now()});
} module.exports = go;
