const {TrackClient} = require('customerio-node');
const cio = new TrackClient(process.env.S, process.env.K);
let userEmail = '';
function setUser(u) { userEmail = u.email; }
function go(id) { cio.track(id, {name: 'signup-' + userEmail}); }
module.exports = {
  setUser,
  go
};
