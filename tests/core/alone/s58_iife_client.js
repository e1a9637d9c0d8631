const {TrackClient} = require('customerio-node');
const cio = (() => new TrackClient(process.env.S, process.env.K))();
(function() { module.exports = (u) => cio.identify(u.email, {created_at : Date.now()}); })();
