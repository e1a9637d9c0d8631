const {TrackClient} = require('customerio-node');
let client;
function init() { client = new TrackClient(process.env.SITE, process.env.KEY); }
async function signup(req, res) {
  await client.identify(req.body.email, {email: req.body.email, created_at: Date.now()});
  res.send('ok');
}
module.exports = {
  init,
  signup
};
