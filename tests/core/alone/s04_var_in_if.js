const {TrackClient} = require('customerio-node');
if (process.env.SITE) {
  var cio = new TrackClient(process.env.SITE, process.env.KEY);
}
function onSignup(user) { cio.identify(user.email, {email: user.email, created_at: Date.now()}); }
module.exports = {onSignup};
