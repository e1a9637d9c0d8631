const {TrackClient} = require('customerio-node');
function init() { cio = new TrackClient(process.env.SITE, process.env.KEY); }
function onSignup(user) { cio.track(user.email, {name: 'signup', data: {at: Date.now()}}); }
module.exports = {
  init,
  onSignup
};
