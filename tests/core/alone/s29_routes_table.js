const {TrackClient} = require('customerio-node');
const cio = new TrackClient(process.env.S, process.env.K);
async function signup(req, res) {
  await cio.identify(req.body.id, {email: req.body.email});
  res.end();
}
const routes = [['/signup', signup]];
const server = require('./server');
for (const [p, h] of routes) server.post(p, h);
