const {TrackClient} = require('customerio-node');
const cio = new TrackClient(process.env.S, process.env.K);
const ALLOWED = new Set(['signup', 'login']);
const {app} = require('./server');
function validate(req, res, next) { return ALLOWED.has(req.body.event) ? next() : res.sendStatus(400); }
app.use('/track', validate);
app.post('/track', (req, res) => {
  cio.track(req.body.id, {name: req.body.event});
  res.end();
});
