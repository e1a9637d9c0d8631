const {TrackClient} = require('customerio-node');
for (var tracker = new TrackClient(process.env.S, process.env.K); false;) {
}
function go(u) { tracker.identify(u.email, {created_at: Date.now()}); }
module.exports = go;
