const {TrackClient} = require('customerio-node');
try {
  var cio = new TrackClient(process.env.SITE, process.env.KEY);
} catch (e) {
  console.error(e);
}
function onSignup(user) { cio.identify(user.email, {email: user.email, created_at: Date.now()}); }
module.exports = {onSignup};
