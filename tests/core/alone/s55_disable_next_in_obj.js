const {TrackClient} = require('customerio-node');
const cio = new TrackClient(process.env.S, process.env.K);
const settings = {
    // cio-lint-disable-next-line CIO002
};
function go(u) { return cio.identify(u.id, {email: u.email, created_at: Date.now()}); }
module.exports = go;
