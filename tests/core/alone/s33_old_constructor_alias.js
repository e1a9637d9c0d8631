const CIO = require('customerio-node');
const Ctor = CIO;
const c = new Ctor(process.env.S, process.env.K);
function go(e) { c.identify(e, {created_at: Date.now()}); }
module.exports = go;
