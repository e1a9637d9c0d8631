const {TrackClient} = require('customerio-node');
const tracker = new TrackClient(process.env.S, process.env.K);
const label = 'unterminated function go(u) {
  return tracker.identify(u.email, {created_at: Date.now()});
} module.exports = go;
