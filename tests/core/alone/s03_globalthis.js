const {TrackClient} = require('customerio-node');
function init() { globalThis.cio = new TrackClient(process.env.SITE, process.env.KEY); }
function onSignup(user) { globalThis.cio.track(user.email, {name: 'signup', created_at: Date.now()}); }
module.exports = {
  init,
  onSignup
};
