const {TrackClient} = require('customerio-node');
const cio = new TrackClient(process.env.S, process.env.K);
if (process.env.NODE_ENV !== 'test') {
  function go(u) { return cio.identify(u.email, {created_at: Date.now()}); }
  module.exports = go;
}
