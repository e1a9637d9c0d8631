const {TrackClient} = require('customerio-node');
const cio = new TrackClient(process.env.S, process.env.K);
async function signup(req, res) {
  await cio.identify(req.body.id, {email: req.body.email});
  res.end();
}
const {app} = require('./server');
app.post('/signup', signup);
