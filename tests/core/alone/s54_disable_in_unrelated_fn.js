const {TrackClient} = require('customerio-node');
const cio = new TrackClient(process.env.S, process.env.K);
function unrelated() {
  // cio-lint-disable-file CIO002
  return 1;
}
function go(u) { return cio.identify(u.id, {email: u.email, created_at: Date.now()}); }
module.exports = {
  go,
  unrelated
};
