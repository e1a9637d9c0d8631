const {TrackClient} = require('customerio-node');
setup: var tracker = new TrackClient(process.env.S, process.env.K);
function go(u) { tracker.identify(u.email, {created_at: Date.now()}); }
module.exports = go;
