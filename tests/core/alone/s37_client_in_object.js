const {TrackClient} = require('customerio-node');
const services = {};
services.cio = new TrackClient(process.env.S, process.env.K);
function go(u) { services.cio.identify(u.email, {created_at: Date.now()}); }
module.exports = go;
