const {TrackClient} = require('customerio-node');
const cio = new TrackClient(process.env.S, process.env.K);
const FALLBACK = 'guest';
function pick(u) { return u ? u.id : FALLBACK; }
function go(u) { cio.track(pick(u), {name: 'x'}); }
module.exports = go;
