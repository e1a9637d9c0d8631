const {TrackClient} = require('customerio-node');
const x = {
  const cio = new TrackClient(process.env.S, process.env.K);
  function go(u) { return cio.identify(u.email, {created_at: Date.now()}); } module.exports = go;
