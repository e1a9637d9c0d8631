const {TrackClient} = require('customerio-node');
let cio;
({cio} = {cio: new TrackClient(process.env.S, process.env.K)});
function go(u) { cio.identify(u.email, {created_at: Date.now()}); }
module.exports = go;
