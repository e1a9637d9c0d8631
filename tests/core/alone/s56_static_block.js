const {TrackClient} = require('customerio-node');
class Boot {
  static { globalThis.tracker = new TrackClient(process.env.S, process.env.K); }
}
function go(u) { return globalThis.tracker.identify(u.email, {created_at: Date.now()}); }
module.exports = go;
