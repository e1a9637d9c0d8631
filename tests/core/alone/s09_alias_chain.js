const {TrackClient} = require('customerio-node');
const a = new TrackClient(process.env.SITE, process.env.KEY);
const b = a;
const c = b;
let d;
d = c;
function go(u) { d.identify(u.email, {created_at: Date.now()}); }
module.exports = go;
