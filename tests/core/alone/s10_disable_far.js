// cio-lint-disable-file CIO002
const {TrackClient} = require('customerio-node');
const cio = new TrackClient(process.env.SITE, process.env.KEY);
function unrelated() {
  // cio-lint-disable-next-line CIO004
  return 1;
}
function go(u) { cio.identify(u.email, {created_at: Date.now()}); }
module.exports = go;
